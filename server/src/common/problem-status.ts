import { HttpStatus } from '@nestjs/common';
import type { AccessLogErrorCode } from '../access-log/access-log.errors';
import type { AuthErrorCode } from '../auth/auth.errors';
import type { CalendarErrorCode } from '../calendar/calendar.errors';
import type { ComplaintsErrorCode } from '../complaints/complaints.errors';
import type { DashboardErrorCode } from '../dashboard/dashboard.errors';
import type { HealthErrorCode } from '../health/health.errors';
import type { IncidentsErrorCode } from '../incidents/incidents.errors';
import type { NoticeErrorCode } from '../incidents/notices/notice.errors';
import type { AffectedErrorCode } from '../incidents/affected/affected.errors';
import type { IncidentTemplateErrorCode } from '../incidents/templates/template.errors';
import type { JobsErrorCode } from '../jobs/jobs.errors';
import type { OutboxErrorCode } from '../outbox/outbox.errors';
import type { RegisterErrorCode } from '../registers/registers.errors';
import type { DormancyErrorCode } from '../retention/dormancy/dormancy.errors';
import type { LegalHoldsErrorCode } from '../retention/holds/legal-holds.errors';
import type { RetentionRulesErrorCode } from '../retention/rules/retention-rules.errors';
import type { DestructionErrorCode } from '../retention/destruction/destruction.errors';
import type { RightsRequestsErrorCode } from '../rights-requests/rights-requests.errors';
import type { StaffErrorCode } from '../staff/staff.errors';
import type { SubjectsErrorCode } from '../subjects/subjects.errors';
import type { CommonErrorCode } from './problem-codes';

/** Codes that only ever name a field inside VALIDATION_FAILED, so they have no status of their own. */
type FieldOnlyCode =
  | CommonErrorCode.InvalidCharacter
  | AccessLogErrorCode.RangeTooLarge
  | AuthErrorCode.CurrentPasswordRequired
  | AuthErrorCode.PasswordTooShort
  | AuthErrorCode.PasswordTooLong
  | AuthErrorCode.PasswordTooCommon
  | AuthErrorCode.PasswordSameAsEmail
  | SubjectsErrorCode.InvalidEmail
  | SubjectsErrorCode.InvalidPhone
  | SubjectsErrorCode.PhiSelectionRequired
  | SubjectsErrorCode.PsychotherapyNotesNotConfirmed
  | SubjectsErrorCode.IdentityCheckRequired
  | SubjectsErrorCode.NotThisSubjects
  | RightsRequestsErrorCode.IdentityCheckInvalid
  | RightsRequestsErrorCode.RefusalGroundNotAllowed
  | RightsRequestsErrorCode.EvidenceRequired
  | RightsRequestsErrorCode.RequiredForType
  | RightsRequestsErrorCode.AssigneeInvalid
  | RightsRequestsErrorCode.ReceivedAtInvalid
  | SubjectsErrorCode.NotRectifiable
  | SubjectsErrorCode.UnknownPurpose
  | SubjectsErrorCode.UnknownCategory
  | SubjectsErrorCode.UnknownRetentionRule
  | DormancyErrorCode.LookupContactRequired;

/** Every feature's error codes: each has its status in this table (Problem.of) unless it is field-only. */
type ProblemCode =
  | CommonErrorCode
  | AccessLogErrorCode
  | AuthErrorCode
  | CalendarErrorCode
  | ComplaintsErrorCode
  | DashboardErrorCode
  | HealthErrorCode
  | IncidentsErrorCode
  | AffectedErrorCode
  | IncidentTemplateErrorCode
  | JobsErrorCode
  | NoticeErrorCode
  | OutboxErrorCode
  | RegisterErrorCode
  | DormancyErrorCode
  | RetentionRulesErrorCode
  | LegalHoldsErrorCode
  | DestructionErrorCode
  | RightsRequestsErrorCode
  | StaffErrorCode
  | SubjectsErrorCode;

/** The codes whose HTTP status this table decides (Problem.of). */
export type TabledProblemCode = Exclude<ProblemCode, FieldOnlyCode>;

/**
 * The one place a tabled code's HTTP status is decided. A code added to one of these enums
 * without a status here (or a status for a code that no longer exists) does not compile.
 */
export const PROBLEM_STATUS = {
  // common
  VALIDATION_FAILED: HttpStatus.UNPROCESSABLE_ENTITY,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  JSON_TOO_DEEP: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CSRF_HEADER_MISSING: HttpStatus.FORBIDDEN,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  SESSION_EXPIRED: HttpStatus.UNAUTHORIZED,
  WRONG_STAGE: HttpStatus.FORBIDDEN,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  STEP_UP_REQUIRED: HttpStatus.FORBIDDEN,
  ROUTE_NOT_DECLARED: HttpStatus.FORBIDDEN,
  CONFLICT: HttpStatus.CONFLICT,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
  // access log
  AUDIT_MISSING: HttpStatus.INTERNAL_SERVER_ERROR,
  AUDIT_EVENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  AUDIT_HEAD_NOT_FOUND: HttpStatus.NOT_FOUND,
  AUDIT_LOG_TAMPERED: HttpStatus.CONFLICT,
  AUDIT_LOG_PURGED: HttpStatus.CONFLICT,
  AUDIT_LOG_GAP: HttpStatus.CONFLICT,
  AUDIT_HEAD_MISSING: HttpStatus.CONFLICT,
  AUDIT_PURGE_FORGED: HttpStatus.CONFLICT,
  MONTH_NOT_OVER: HttpStatus.UNPROCESSABLE_ENTITY,
  REVIEW_ALREADY_SIGNED: HttpStatus.CONFLICT,
  REVIEW_GROUP_NOT_FOUND: HttpStatus.NOT_FOUND,
  // auth
  INVALID_CREDENTIALS: HttpStatus.UNAUTHORIZED,
  ACCOUNT_LOCKED: HttpStatus.LOCKED,
  ACCOUNT_DISABLED: HttpStatus.FORBIDDEN,
  MFA_CODE_INVALID: HttpStatus.UNAUTHORIZED,
  MFA_CODE_REPLAYED: HttpStatus.UNAUTHORIZED,
  MFA_ENROLLMENT_NOT_STARTED: HttpStatus.CONFLICT,
  RECOVERY_CODE_INVALID: HttpStatus.UNAUTHORIZED,
  SESSION_NOT_FOUND: HttpStatus.NOT_FOUND,
  PASSWORD_SIGNIN_DISABLED: HttpStatus.FORBIDDEN,
  SSO_NOT_CONFIGURED: HttpStatus.NOT_FOUND,
  SSO_BAD_CALLBACK: HttpStatus.BAD_REQUEST,
  SSO_STATE_INVALID: HttpStatus.BAD_REQUEST,
  SSO_DENIED: HttpStatus.UNAUTHORIZED,
  SSO_CODE_REJECTED: HttpStatus.BAD_REQUEST,
  SSO_TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  SSO_PROVIDER_UNAVAILABLE: HttpStatus.BAD_GATEWAY,
  SSO_EMAIL_UNVERIFIED: HttpStatus.FORBIDDEN,
  SSO_DOMAIN_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  SSO_NOT_INVITED: HttpStatus.FORBIDDEN,
  SSO_IDENTITY_MISMATCH: HttpStatus.FORBIDDEN,
  SSO_ROLE_CLAIM_INVALID: HttpStatus.FORBIDDEN,
  // calendar, outbox and registers share VERSION_CONFLICT
  HOLIDAY_NOT_FOUND: HttpStatus.NOT_FOUND,
  HOLIDAY_EXISTS: HttpStatus.CONFLICT,
  HOLIDAY_ENDED: HttpStatus.CONFLICT,
  VERSION_CONFLICT: HttpStatus.CONFLICT,
  // complaints
  COMPLAINT_NOT_FOUND: HttpStatus.NOT_FOUND,
  COMPLAINT_LINK_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  COMPLAINT_RESOLUTION_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  COMPLAINT_TRANSITION_REFUSED: HttpStatus.CONFLICT,
  // incident checklist templates
  INCIDENT_TEMPLATE_NOT_FOUND: HttpStatus.NOT_FOUND,
  TEMPLATE_CYCLE: HttpStatus.UNPROCESSABLE_ENTITY,
  TEMPLATE_UNKNOWN_PHASE: HttpStatus.UNPROCESSABLE_ENTITY,
  TEMPLATE_UNKNOWN_DEPENDENCY: HttpStatus.UNPROCESSABLE_ENTITY,
  TEMPLATE_DUPLICATE_KEY: HttpStatus.UNPROCESSABLE_ENTITY,
  TEMPLATE_OFFSET_OUT_OF_RANGE: HttpStatus.UNPROCESSABLE_ENTITY,
  TEMPLATE_EMPTY: HttpStatus.UNPROCESSABLE_ENTITY,
  TEMPLATE_TASK_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  INCIDENT_TEMPLATE_KEY_TAKEN: HttpStatus.CONFLICT,
  INCIDENT_TEMPLATE_VERSION_CONFLICT: HttpStatus.CONFLICT,
  INCIDENT_TEMPLATE_ARCHIVED: HttpStatus.UNPROCESSABLE_ENTITY,
  // dashboard
  DASHBOARD_NOT_YOURS: HttpStatus.FORBIDDEN,
  // health
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // incidents (VERSION_CONFLICT shared above)
  INCIDENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  INCIDENT_TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  INCIDENT_EVIDENCE_NOT_FOUND: HttpStatus.NOT_FOUND,
  OBLIGATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  AWARE_BEFORE_DETECTION: HttpStatus.UNPROCESSABLE_ENTITY,
  AFFECTED_COUNT_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  INCIDENT_LINK_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  CLOSE_REVIEW_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  OBLIGATIONS_PENDING: HttpStatus.CONFLICT,
  LATE_REASON_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  TIMELINE_APPEND_ONLY: HttpStatus.CONFLICT,
  INCIDENT_TRANSITION_REFUSED: HttpStatus.CONFLICT,
  EVIDENCE_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  // incident notices (F8)
  NOTICE_NOT_FOUND: HttpStatus.NOT_FOUND,
  NOTICE_ITEM_MISSING: HttpStatus.UNPROCESSABLE_ENTITY,
  NOTICE_CONTENT_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  NOTICE_TEMPLATE_MISSING: HttpStatus.CONFLICT,
  // incidents: affected people
  AFFECTED_INCIDENT_CLOSED: HttpStatus.CONFLICT,
  AFFECTED_ALREADY_NOTIFIED: HttpStatus.CONFLICT,
  AFFECTED_PERSON_NOT_SELECTED: HttpStatus.NOT_FOUND,
  AFFECTED_OBLIGATION_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  AFFECTED_NOTICE_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  AFFECTED_NOTICE_OUTDATED: HttpStatus.CONFLICT,
  AFFECTED_CHANNEL_MISMATCH: HttpStatus.UNPROCESSABLE_ENTITY,
  AFFECTED_WINDOW_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  // jobs
  JOB_NOT_FOUND: HttpStatus.NOT_FOUND,
  JOB_RUN_NOT_FOUND: HttpStatus.NOT_FOUND,
  JOB_ALREADY_QUEUED: HttpStatus.CONFLICT,
  JOBS_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  // outbox
  TEMPLATE_NOT_FOUND: HttpStatus.NOT_FOUND,
  MESSAGE_NOT_FOUND: HttpStatus.NOT_FOUND,
  WRONG_TEMPLATE_KIND: HttpStatus.UNPROCESSABLE_ENTITY,
  NO_TEST_SEND: HttpStatus.UNPROCESSABLE_ENTITY,
  // registers
  REGISTER_ROW_NOT_FOUND: HttpStatus.NOT_FOUND,
  PROFILE_NOT_FOUND: HttpStatus.NOT_FOUND,
  POLICY_CODE_TAKEN: HttpStatus.CONFLICT,
  // retention rules (F9; VERSION_CONFLICT shared above)
  RETENTION_RULE_NOT_FOUND: HttpStatus.NOT_FOUND,
  RETENTION_CATEGORY_TAKEN: HttpStatus.CONFLICT,
  RETENTION_RULE_CODE_TAKEN: HttpStatus.CONFLICT,
  // legal holds (F9)
  LEGAL_HOLD_NOT_FOUND: HttpStatus.NOT_FOUND,
  LEGAL_HOLD_ACTIVE: HttpStatus.CONFLICT,
  LEGAL_HOLD_RELEASED: HttpStatus.CONFLICT,
  LEGAL_HOLD_LINK_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  LEGAL_HOLD_NOTHING_HELD: HttpStatus.UNPROCESSABLE_ENTITY,
  LEGAL_HOLD_SUBJECT_NOT_HELD: HttpStatus.NOT_FOUND,
  // rights requests
  RIGHTS_REQUEST_NOT_FOUND: HttpStatus.NOT_FOUND,
  RIGHTS_REQUEST_TASK_NOT_FOUND: HttpStatus.NOT_FOUND,
  RIGHTS_REQUEST_DOCUMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  DUPLICATE_REQUEST: HttpStatus.CONFLICT,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  VERIFICATION_REQUIRED: HttpStatus.CONFLICT,
  PREPARATION_REQUIRED: HttpStatus.CONFLICT,
  APPROVAL_REQUIRED: HttpStatus.CONFLICT,
  FOUR_EYES: HttpStatus.FORBIDDEN,
  TASKS_OPEN: HttpStatus.CONFLICT,
  RIGHTS_REQUEST_TASK_CLOSED: HttpStatus.CONFLICT,
  LEGAL_REPRESENTATIVE_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  EXTENSION_REASONS_REQUIRED: HttpStatus.UNPROCESSABLE_ENTITY,
  EXTENSION_TOO_LATE: HttpStatus.UNPROCESSABLE_ENTITY,
  EXTENSION_ALREADY_USED: HttpStatus.CONFLICT,
  EXTENSION_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  EXTENSION_UNTIL_INVALID: HttpStatus.UNPROCESSABLE_ENTITY,
  EXTENSION_TOO_LONG: HttpStatus.UNPROCESSABLE_ENTITY,
  NOT_AN_ERASURE_REQUEST: HttpStatus.CONFLICT,
  // staff
  STAFF_NOT_FOUND: HttpStatus.NOT_FOUND,
  EMAIL_TAKEN: HttpStatus.CONFLICT,
  SELF_ROLE_CHANGE: HttpStatus.FORBIDDEN,
  SELF_ACTION: HttpStatus.FORBIDDEN,
  // subjects
  SUBJECT_NOT_FOUND: HttpStatus.NOT_FOUND,
  SUBJECT_KEY_SHREDDED: HttpStatus.GONE,
  SUBJECT_STATE_CONFLICT: HttpStatus.CONFLICT,
  LEGAL_HOLD: HttpStatus.CONFLICT,
  SUBJECT_RESTRICTED: HttpStatus.CONFLICT,
  FINDING_NOT_FOUND: HttpStatus.NOT_FOUND,
  FINDING_VERSION_CONFLICT: HttpStatus.CONFLICT,
  FINDING_OWNER_UNKNOWN: HttpStatus.UNPROCESSABLE_ENTITY,
  SUBJECT_SEPARATED: HttpStatus.CONFLICT,
  // retention: dormancy
  DORMANT_ACCOUNT_NOT_FOUND: HttpStatus.NOT_FOUND,
  // retention: destruction
  DESTRUCTION_RUN_NOT_FOUND: HttpStatus.NOT_FOUND,
  DESTRUCTION_CERTIFICATE_NOT_FOUND: HttpStatus.NOT_FOUND,
} as const satisfies Record<`${TabledProblemCode}`, HttpStatus>;
