import { StaffSessionEntity } from '../auth/session.entity';
import { RecoveryCodeEntity } from '../staff/recovery-code.entity';
import { StaffEntity } from '../staff/staff.entity';

/** Every mapped table. The schema itself comes from migrations/, never from these classes. */
export const ENTITIES = [StaffEntity, RecoveryCodeEntity, StaffSessionEntity];
