import { Inject, Injectable } from '@nestjs/common';
import { toDataURL } from 'qrcode';
import { AuthEventService, EventOrigin } from '../access-log/auth-event.service';
import { AuthEventType } from '../access-log/auth-event-type';
import { AbilityCache } from '../authorization/ability-cache';
import type { SessionStage } from '../authorization/decorators';
import { instantAfter, secondsUntil } from '../calendar/instant';
import { Clock } from '../common/clock';
import { CommonErrorCode } from '../common/problem-codes';
import { Problem } from '../common/problem';
import { SecretBox } from '../common/secret-box';
import { AppConfig } from '../config/app-config';
import { DEMO_STAFF } from '../staff/demo-staff';
import { StaffService, type StaffAccount } from '../staff/staff.service';
import { AuthErrorCode } from './auth.errors';
import type {
  EnrollmentConfirmedResponse,
  EnrollmentResponse,
  LoginOptionsResponse,
  MeResponse,
  RecoveredResponse,
  SessionInfoResponse,
} from './dto/auth-responses.dto';
import { CredentialsService } from './credentials.service';
import { RecoveryCodes } from './recovery-codes';
import { SessionService } from './session.service';
import type { StaffContext } from '../context/staff-context';
import { TotpVerifier } from './totp-verifier';

export const TOTP_SECRET_BOX = 'TOTP_SECRET_BOX';

/** A result that also carries a new session token for the controller to put in the cookie. */
export interface WithToken<T> {
  body: T;
  token?: string;
}

/**
 * Sign-in: password, then a forced TOTP enrollment or a TOTP check, then a full session.
 * Failures of any step count against the account, whatever session they come from.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly staff: StaffService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionService,
    private readonly totp: TotpVerifier,
    private readonly recoveryCodes: RecoveryCodes,
    @Inject(TOTP_SECRET_BOX) private readonly secretBox: SecretBox,
    private readonly events: AuthEventService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly abilities: AbilityCache,
  ) {}

  loginOptions(): LoginOptionsResponse {
    const demo = this.config.isEmbedded() && this.config.demoData;
    const sso = this.config.sso;
    return {
      demo,
      demoAccounts: demo ? DEMO_STAFF.map((a) => ({ ...a })) : [],
      sso: sso === undefined ? null : { providerName: sso.providerName, startUrl: '/api/auth/sso/start' },
      passwordSignIn: this.config.passwordSignIn,
    };
  }

  async login(email: string, password: string, origin: EventOrigin): Promise<WithToken<{ stage: SessionStage }>> {
    await this.refuseIfPasswordSignInOff(email, origin);
    const account = await this.staff.findForSignIn(email);
    // A locked account answers before its password is looked at: the same 423 for a right and a
    // wrong password (no oracle), and no failure counted, so guessing cannot push the lock out.
    if (account !== null) await this.refuseIfLocked(account, AuthEventType.SignIn, origin);
    if (account === null) {
      await this.credentials.verifyDummyPassword(password);
      await this.events.record(
        { type: AuthEventType.SignIn, outcome: 'failure', email, detail: { reason: 'unknown_email' } },
        origin,
      );
      throw invalidCredentials();
    }
    // A disabled account, like a locked one, answers before its password is looked at, so the
    // answer says nothing about whether the password was right.
    if (account.status !== 'active') {
      await this.recordFailure(account, AuthEventType.SignIn, 'disabled', origin);
      throw Problem.of(AuthErrorCode.AccountDisabled, 'This account is disabled');
    }
    const passwordOk = await this.credentials.verifyPassword(account.passwordHash, password);
    if (!passwordOk) {
      await this.fail(account, AuthEventType.SignIn, 'wrong_password', origin);
      throw invalidCredentials();
    }
    const stage: SessionStage = account.mustChangePassword
      ? 'password_change'
      : account.totpEnrolledAt === null
        ? 'mfa_enroll'
        : 'mfa_verify';
    const { token, session } = await this.sessions.create(account, stage, origin);
    await this.events.record(
      { type: AuthEventType.SignIn, outcome: 'success', staffId: account.id, detail: { next: stage } },
      // The password is verified: the person is the actor from here on.
      { ...origin, sessionId: session.id, actorId: account.id, actorRole: account.role },
    );
    return { body: { stage }, token };
  }

  /**
   * With PASSWORD_SIGNIN=false only single sign-on signs in, except the break-glass account: a
   * sysadmin for the day the provider is down. Refused before any lookup, the same for every email.
   */
  private async refuseIfPasswordSignInOff(email: string, origin: EventOrigin): Promise<void> {
    if (this.config.passwordSignIn) return;
    const normalised = email.trim().toLowerCase();
    if (normalised === this.config.breakGlassEmail) {
      const account = await this.staff.findForSignIn(normalised);
      if (account !== null && account.role === 'sysadmin') return;
    }
    await this.events.record(
      { type: AuthEventType.SignIn, outcome: 'failure', email: normalised, detail: { reason: 'password_signin_off' } },
      origin,
    );
    throw Problem.of(AuthErrorCode.PasswordSignInDisabled, 'Sign in with single sign-on');
  }

  async sessionInfo(ctx: StaffContext): Promise<SessionInfoResponse> {
    return { stage: ctx.stage, email: ctx.email, displayName: ctx.displayName, role: ctx.role };
  }

  async changePassword(
    ctx: StaffContext,
    newPassword: string,
    currentPassword: string | undefined,
  ): Promise<{ stage: SessionStage }> {
    const account = await this.loadAccount(ctx);
    if (ctx.stage === 'full') {
      await this.refuseIfLocked(account, AuthEventType.PasswordChanged, ctx.origin);
      if (
        currentPassword === undefined ||
        !(await this.credentials.verifyPassword(account.passwordHash, currentPassword))
      ) {
        // A wrong current password is a guess like any other: counted, and locking at the limit.
        if (currentPassword !== undefined) {
          await this.fail(account, AuthEventType.PasswordChanged, 'wrong_password', ctx.origin);
        }
        throw Problem.validation(
          [
            {
              field: 'currentPassword',
              code: AuthErrorCode.CurrentPasswordRequired,
              message: 'Enter your current password',
            },
          ],
          'Your current password is needed to change it',
        );
      }
    }
    await this.staff.changePassword(account, newPassword);
    // Whoever else holds a session of this account (a stolen cookie, a forgotten computer) is out.
    const endedSessions = await this.sessions.endOthers(ctx.id, ctx.sessionId, 'password_changed');
    const stage: SessionStage =
      ctx.stage === 'password_change' ? (account.totpEnrolledAt === null ? 'mfa_enroll' : 'mfa_verify') : ctx.stage;
    if (stage !== ctx.stage) await this.sessions.setStage(ctx.sessionId, stage);
    await this.events.record(
      { type: AuthEventType.PasswordChanged, outcome: 'success', staffId: ctx.id, detail: { endedSessions } },
      ctx.origin,
    );
    return { stage };
  }

  async startEnrollment(ctx: StaffContext): Promise<EnrollmentResponse> {
    const secret = this.totp.newSecret();
    await this.staff.setPendingTotpSecret(ctx.id, this.secretBox.seal(secret, ctx.id));
    const otpauthUri = this.totp.uri(secret, this.config.totpIssuer, ctx.email);
    const qrCodeDataUrl = await toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
    return { secret, otpauthUri, qrCodeDataUrl };
  }

  async confirmEnrollment(ctx: StaffContext, code: string): Promise<WithToken<EnrollmentConfirmedResponse>> {
    const account = await this.loadAccount(ctx);
    await this.refuseIfLocked(account, AuthEventType.MfaEnrolled, ctx.origin);
    if (account.totpPendingSecretEnc === null) {
      throw Problem.of(AuthErrorCode.MfaEnrollmentNotStarted, 'Start the enrollment first');
    }
    const secret = this.secretBox.open(account.totpPendingSecretEnc, ctx.id);
    const check = await this.totp.check(secret, code, null);
    if (check.outcome !== 'valid') {
      await this.fail(account, AuthEventType.MfaEnrolled, 'wrong_code', ctx.origin);
      throw codeInvalid();
    }
    const recoveryCodes = this.recoveryCodes.generate();
    await this.staff.activateTotp(
      ctx.id,
      account.totpPendingSecretEnc,
      check.step,
      recoveryCodes.map((c) => this.recoveryCodes.hash(ctx.id, c)),
    );
    const token = await this.completeSignIn(ctx, AuthEventType.MfaEnrolled, {});
    return { body: { stage: 'full', recoveryCodes }, token };
  }

  async verifyMfa(ctx: StaffContext, code: string): Promise<WithToken<{ stage: SessionStage }>> {
    const account = await this.loadAccount(ctx);
    await this.checkTotp(account, code, ctx.origin, AuthEventType.MfaVerify);
    const token = await this.completeSignIn(ctx, AuthEventType.MfaVerify, {});
    return { body: { stage: 'full' }, token };
  }

  async recover(ctx: StaffContext, recoveryCode: string): Promise<WithToken<RecoveredResponse>> {
    const account = await this.loadAccount(ctx);
    await this.refuseIfLocked(account, AuthEventType.RecoveryCodeUsed, ctx.origin);
    if (!(await this.credentials.consumeRecoveryCode(ctx.id, this.recoveryCodes.hash(ctx.id, recoveryCode)))) {
      await this.fail(account, AuthEventType.RecoveryCodeUsed, 'wrong_code', ctx.origin);
      throw Problem.of(AuthErrorCode.RecoveryCodeInvalid, 'That recovery code is not valid');
    }
    const remainingRecoveryCodes = await this.credentials.countUnusedRecoveryCodes(ctx.id);
    const token = await this.completeSignIn(ctx, AuthEventType.RecoveryCodeUsed, { remaining: remainingRecoveryCodes });
    return { body: { stage: 'full', remainingRecoveryCodes }, token };
  }

  async stepUp(ctx: StaffContext, code: string): Promise<{ stepUpUntil: string }> {
    const account = await this.loadAccount(ctx);
    await this.checkTotp(account, code, ctx.origin, AuthEventType.StepUp);
    const until = await this.sessions.markStepUp(ctx.sessionId);
    await this.events.record({ type: AuthEventType.StepUp, outcome: 'success', staffId: ctx.id }, ctx.origin);
    return { stepUpUntil: until.toISOString() };
  }

  async logout(ctx: StaffContext): Promise<void> {
    await this.sessions.end(ctx.sessionId, 'sign_out');
    await this.events.record({ type: AuthEventType.SignOut, outcome: 'success', staffId: ctx.id }, ctx.origin);
  }

  /** Answered from the session guard's context: no query of its own. */
  me(ctx: StaffContext): MeResponse {
    const stepUpUntil = ctx.mfaVerifiedAt === null ? null : instantAfter(ctx.mfaVerifiedAt, this.config.stepUpMs);
    return {
      staff: {
        id: ctx.id,
        email: ctx.email,
        displayName: ctx.displayName,
        role: ctx.role,
        mfaEnrolled: ctx.mfaEnrolled,
      },
      rules: this.abilities.packedRulesOf(ctx.ability),
      stepUpUntil: stepUpUntil !== null && stepUpUntil > this.clock.now() ? stepUpUntil.toISOString() : null,
    };
  }

  /** Verifies a TOTP code against the active secret: once per time step, failures counted. */
  private async checkTotp(
    account: StaffAccount,
    code: string,
    origin: EventOrigin,
    type: AuthEventType,
  ): Promise<void> {
    await this.refuseIfLocked(account, type, origin);
    if (account.totpSecretEnc === null) {
      throw Problem.of(CommonErrorCode.WrongStage, 'Enroll an authenticator first');
    }
    const secret = this.secretBox.open(account.totpSecretEnc, account.id);
    const lastStep = account.totpLastStep === null ? null : Number(account.totpLastStep);
    const check = await this.totp.check(secret, code, lastStep);
    // The conditional update makes "once per step" hold even for two requests racing with one code.
    if (
      check.outcome === 'replayed' ||
      (check.outcome === 'valid' && !(await this.staff.acceptTotpStep(account.id, check.step)))
    ) {
      await this.fail(account, AuthEventType.MfaReplay, 'code_reused', origin);
      throw Problem.of(AuthErrorCode.MfaCodeReplayed, 'That code was already used; wait for the next one');
    }
    if (check.outcome === 'invalid') {
      await this.fail(account, type, 'wrong_code', origin);
      throw codeInvalid();
    }
  }

  private async completeSignIn(
    ctx: StaffContext,
    type: AuthEventType,
    detail: Record<string, unknown>,
  ): Promise<string> {
    const token = await this.sessions.rotate(ctx.sessionId, 'full', true);
    await this.staff.registerSignIn(ctx.id);
    await this.events.record({ type, outcome: 'success', staffId: ctx.id, detail }, ctx.origin);
    return token;
  }

  /** Counts a failure against the account and locks it at the limit. */
  private async fail(account: StaffAccount, type: AuthEventType, reason: string, origin: EventOrigin): Promise<void> {
    const { failedAttempts, lockedUntil } = await this.staff.registerFailure(
      account.id,
      this.config.signInMaxFailures,
      this.config.signInLockoutMs,
    );
    await this.recordFailure(account, type, reason, origin, { failedAttempts });
    if (failedAttempts === this.config.signInMaxFailures && lockedUntil !== null) {
      await this.events.record(
        {
          type: AuthEventType.Lockout,
          outcome: 'failure',
          staffId: account.id,
          detail: { until: lockedUntil.toISOString(), failedAttempts },
        },
        origin,
      );
    }
  }

  private recordFailure(
    account: StaffAccount,
    type: AuthEventType,
    reason: string,
    origin: EventOrigin,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    return this.events.record(
      { type, outcome: 'failure', staffId: account.id, email: account.email, detail: { reason, ...extra } },
      origin,
    );
  }

  /**
   * Refuses every attempt on a locked account the same way, before any secret is checked.
   * The attempt is in the access log but not counted: the lock ends when it said it would.
   */
  private async refuseIfLocked(account: StaffAccount, type: AuthEventType, origin: EventOrigin): Promise<void> {
    const now = this.clock.now();
    if (account.lockedUntil !== null && account.lockedUntil > now) {
      await this.recordFailure(account, type, 'locked', origin);
      const retryAfter = secondsUntil(account.lockedUntil, now);
      throw Problem.of(
        AuthErrorCode.AccountLocked,
        'Too many failed attempts: this account is locked for a while',
        [],
        { 'Retry-After': String(retryAfter) },
      );
    }
  }

  private async loadAccount(ctx: StaffContext): Promise<StaffAccount> {
    const account = await this.staff.findWithCredentials(ctx.id);
    if (account === null) throw Problem.of(CommonErrorCode.SessionExpired, 'Sign in again');
    return account;
  }
}

function invalidCredentials(): Problem {
  return Problem.of(AuthErrorCode.InvalidCredentials, 'The email or password is not right');
}

function codeInvalid(): Problem {
  return Problem.of(AuthErrorCode.MfaCodeInvalid, 'That code is not right');
}
