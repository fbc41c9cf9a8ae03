import { HttpStatus } from '@nestjs/common';
import type { AccessLogErrorCode } from '../access-log/access-log.errors';
import type { AuthErrorCode } from '../auth/auth.errors';
import type { CommonErrorCode } from './problem-codes';

/** Codes that only ever name a field inside VALIDATION_FAILED, so they have no status of their own. */
type FieldOnlyCode =
  | CommonErrorCode.InvalidCharacter
  | AccessLogErrorCode.RangeTooLarge
  | AuthErrorCode.CurrentPasswordRequired
  | AuthErrorCode.PasswordTooShort
  | AuthErrorCode.PasswordTooLong
  | AuthErrorCode.PasswordTooCommon
  | AuthErrorCode.PasswordSameAsEmail;

/** The codes whose HTTP status this table decides (Problem.of). Other features' codes join it as they move. */
export type TabledProblemCode = Exclude<CommonErrorCode | AccessLogErrorCode | AuthErrorCode, FieldOnlyCode>;

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
} as const satisfies Record<`${TabledProblemCode}`, HttpStatus>;
