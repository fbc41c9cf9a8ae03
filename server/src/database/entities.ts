import { HolidayVersionEntity } from '../calendar/holiday-version.entity';
import { HolidayEntity } from '../calendar/holiday.entity';
import { MessageTemplateVersionEntity } from '../outbox/message-template-version.entity';
import { MessageTemplateEntity } from '../outbox/message-template.entity';
import { OutboxMessageEntity } from '../outbox/outbox-message.entity';
import { StaffSessionEntity } from '../auth/session.entity';
import { ActivityEntity } from '../registers/activity.entity';
import { LegalDisclosureEntity } from '../registers/legal-disclosure.entity';
import { ProcessorEntity } from '../registers/processor.entity';
import { ProvisionEntity } from '../registers/provision.entity';
import { RegisterPolicyEntity } from '../registers/register-policy.entity';
import { RegisterVersionEntity } from '../registers/register-version.entity';
import { RetentionRuleEntity } from '../registers/retention-rule.entity';
import { TransferEntity } from '../registers/transfer.entity';
import { RecoveryCodeEntity } from '../auth/recovery-code.entity';
import { StaffEntity } from '../staff/staff.entity';

/** Every mapped table. The schema itself comes from migrations/, never from these classes. */
export const ENTITIES = [
  StaffEntity,
  RecoveryCodeEntity,
  StaffSessionEntity,
  // registers (F4)
  RegisterPolicyEntity,
  ProcessorEntity,
  ProvisionEntity,
  TransferEntity,
  ActivityEntity,
  LegalDisclosureEntity,
  RegisterVersionEntity,
  RetentionRuleEntity,
  // calendar (F6)
  HolidayEntity,
  HolidayVersionEntity,
  // outbox (F6)
  MessageTemplateEntity,
  MessageTemplateVersionEntity,
  OutboxMessageEntity,
];
