import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../authorization/roles';

const STAGES = ['password_change', 'mfa_enroll', 'mfa_verify', 'full'];

export class StageResponse {
  @ApiProperty({ enum: STAGES }) stage!: string;
}

export class SessionInfoResponse extends StageResponse {
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
}

export class EnrollmentResponse {
  @ApiProperty({ description: 'Base32 secret, for typing into an authenticator by hand' }) secret!: string;
  @ApiProperty() otpauthUri!: string;
  @ApiProperty({ description: 'PNG data URL of the otpauth URI' }) qrCodeDataUrl!: string;
}

export class EnrollmentConfirmedResponse extends StageResponse {
  @ApiProperty({ type: [String], description: 'Shown once; stored only as keyed hashes' }) recoveryCodes!: string[];
}

export class RecoveredResponse extends StageResponse {
  @ApiProperty() remainingRecoveryCodes!: number;
}

export class StepUpResponse {
  @ApiProperty() stepUpUntil!: string;
}

export class MeStaff {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() mfaEnrolled!: boolean;
}

export class MeResponse {
  @ApiProperty() staff!: MeStaff;
  @ApiProperty({ description: 'CASL rules in packRules form', type: 'array', items: { type: 'array', items: {} } })
  rules!: unknown[];
  @ApiProperty({ nullable: true, type: String }) stepUpUntil!: string | null;
}

export class DemoAccount {
  @ApiProperty() email!: string;
  @ApiProperty() password!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() displayName!: string;
}

export class SsoOption {
  @ApiProperty({ description: 'Shown as "Sign in with <providerName>"' }) providerName!: string;
  @ApiProperty({ description: 'Where the browser goes to start single sign-on' }) startUrl!: string;
}

export class LoginOptionsResponse {
  @ApiProperty() demo!: boolean;
  @ApiProperty({ type: [DemoAccount] }) demoAccounts!: DemoAccount[];
  @ApiProperty({ type: SsoOption, nullable: true }) sso!: SsoOption | null;
  @ApiProperty({ description: 'False when only single sign-on (and the break-glass account) signs in' })
  passwordSignIn!: boolean;
}

export class SessionResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: STAGES }) stage!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() lastSeenAt!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ nullable: true, type: String }) ip!: string | null;
  @ApiProperty({ nullable: true, type: String }) userAgent!: string | null;
  @ApiProperty() current!: boolean;
}
