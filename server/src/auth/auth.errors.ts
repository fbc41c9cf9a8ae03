export enum AuthErrorCode {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountLocked = 'ACCOUNT_LOCKED',
  AccountDisabled = 'ACCOUNT_DISABLED',
  MfaCodeInvalid = 'MFA_CODE_INVALID',
  MfaCodeReplayed = 'MFA_CODE_REPLAYED',
  MfaEnrollmentNotStarted = 'MFA_ENROLLMENT_NOT_STARTED',
  RecoveryCodeInvalid = 'RECOVERY_CODE_INVALID',
  CurrentPasswordRequired = 'CURRENT_PASSWORD_REQUIRED',
  SessionNotFound = 'SESSION_NOT_FOUND',
}
