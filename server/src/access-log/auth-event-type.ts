/** Authentication and staff-rights events (DESIGN.md: every authentication event, every change of rights). */
export enum AuthEventType {
  SignIn = 'sign_in',
  MfaVerify = 'mfa_verify',
  MfaReplay = 'mfa_replay',
  MfaEnrolled = 'mfa_enrolled',
  RecoveryCodeUsed = 'recovery_code_used',
  StepUp = 'step_up',
  Lockout = 'lockout',
  PasswordChanged = 'password_changed',
  SignOut = 'sign_out',
  SessionEnded = 'session_ended',
  StaffCreated = 'staff_created',
  RoleChanged = 'role_changed',
  StaffDisabled = 'staff_disabled',
  StaffEnabled = 'staff_enabled',
  StaffUnlocked = 'staff_unlocked',
  MfaReset = 'mfa_reset',
  AccessDenied = 'access_denied',
  /** A sensitive action asked for a fresh TOTP code: a prompt, not a denial. */
  StepUpRequired = 'step_up_required',
  /** A sign-in through the OpenID Connect provider: accepted (with the MFA choice made) or refused. */
  SsoSignIn = 'sso_sign_in',
  /** A provider identity linked to a staff account at its first SSO sign-in. */
  SsoLinked = 'sso_linked',
  /** The SSO settings (provider, domains, role claim, MFA trust, password sign-in) changed. */
  SsoConfigChanged = 'sso_config_changed',
}
