// Problem codes and their translation keys; no imports, so tests load it without the UI.

/** A field error as the server writes it in a problem+json body. */
export interface ProblemFieldError {
  field: string;
  code: string;
  message: string;
}

/** Problem codes the UI has a translated message for (`app.problem.<CODE>`). */
export const KNOWN_PROBLEM_CODES = [
  'INVALID_CREDENTIALS',
  'PASSWORD_SIGNIN_DISABLED',
  'SSO_STATE_INVALID',
  'SSO_DENIED',
  'SSO_CODE_REJECTED',
  'SSO_TOKEN_INVALID',
  'SSO_PROVIDER_UNAVAILABLE',
  'SSO_EMAIL_UNVERIFIED',
  'SSO_DOMAIN_NOT_ALLOWED',
  'SSO_NOT_INVITED',
  'SSO_IDENTITY_MISMATCH',
  'SSO_ROLE_CLAIM_INVALID',
  'SSO_NOT_CONFIGURED',
  'SSO_BAD_CALLBACK',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_COMMON',
  'PASSWORD_SAME_AS_EMAIL',
  'MFA_CODE_INVALID',
  'MFA_CODE_REPLAYED',
  'RECOVERY_CODE_INVALID',
  'STEP_UP_REQUIRED',
  'EMAIL_TAKEN',
  'SELF_ROLE_CHANGE',
  'STAFF_NOT_FOUND',
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'CSRF_HEADER_MISSING',
  'FORBIDDEN',
  'NOT_FOUND',
  'WRONG_STAGE',
  'INTERNAL',
  'NETWORK',
  'SELF_ACTION',
  'PASSWORD_TOO_LONG',
  'MFA_ENROLLMENT_NOT_STARTED',
  'CURRENT_PASSWORD_REQUIRED',
  'SESSION_NOT_FOUND',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'AUDIT_EVENT_NOT_FOUND',
  'AUDIT_HEAD_NOT_FOUND',
  'AUDIT_LOG_TAMPERED',
  'REVIEW_ALREADY_SIGNED',
  'MONTH_NOT_OVER',
  'JOB_NOT_FOUND',
  'JOB_ALREADY_QUEUED',
  'JOBS_UNAVAILABLE',
] as const;

const known = new Set<string>(KNOWN_PROBLEM_CODES);

/** The translation key for a problem code, or undefined when the UI has none. */
export const problemMessageKey = (code: string | undefined): string | undefined =>
  code && known.has(code) ? `app.problem.${code}` : undefined;

/** Generic validator codes (class-validator's, upper-cased) that react-admin already has words for. */
const FIELD_CODE_KEYS: Record<string, string> = {
  ISEMAIL: 'ra.validation.email',
  ISNOTEMPTY: 'ra.validation.required',
  ISDEFINED: 'ra.validation.required',
  ISISO8601: 'app.problem.INVALID_DATE',
  ISUUID: 'app.problem.INVALID_UUID',
  ISIN: 'app.problem.INVALID_CHOICE',
  MAXLENGTH: 'app.problem.TOO_LONG',
  INVALID_RANGE: 'app.problem.INVALID_RANGE',
  RANGE_TOO_LARGE: 'app.problem.RANGE_TOO_LARGE',
};

/** The translation key for one field error; never the server's English sentence. */
export const fieldErrorKey = (error: ProblemFieldError): string =>
  problemMessageKey(error.code) ?? FIELD_CODE_KEYS[error.code] ?? 'app.problem.FIELD_INVALID';
