import type { EventOrigin } from '../access-log/audit-event';
import type { AppAbility } from '../authorization/abilities';
import type { SessionStage } from '../authorization/decorators';
import type { Role } from '../authorization/roles';

/** The signed-in staff member behind a request, as the session guard found them. */
export interface StaffContext {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  sessionId: string;
  stage: SessionStage;
  mfaVerifiedAt: Date | null;
  mfaEnrolled: boolean;
  ability: AppAbility;
  origin: EventOrigin;
}
