import type { PackRule } from '@casl/ability/extra';
import type { MongoAbility, RawRuleOf } from '@casl/ability';

/** Where a session is in the sign-in flow. Only `full` reaches the console. */
export type SignInStage = 'password_change' | 'mfa_enroll' | 'mfa_verify' | 'full';

export const ROLES = ['dpo', 'support', 'security', 'sysadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_STATUSES = ['active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export interface LoginOptions {
  demo: boolean;
  demoAccounts: { email: string; password: string; role: Role; displayName: string }[];
}

export interface SessionInfo {
  stage: SignInStage;
  email: string;
  displayName: string;
  role: Role;
}

export interface Me {
  staff: { id: string; email: string; displayName: string; role: Role; mfaEnrolled: boolean };
  rules: PackRule<RawRuleOf<MongoAbility>>[];
  stepUpUntil: string | null;
}

export interface Staff {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: StaffStatus;
  mfaEnrolled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  activeSessions: number;
}

export type InvitedStaff = Staff & { temporaryPassword: string };

export interface StaffSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  stage: SignInStage;
}

export interface MfaEnrollment {
  secret: string;
  otpauthUri: string;
  qrCodeDataUrl: string;
}
