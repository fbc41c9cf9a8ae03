import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthEventService, type EventOrigin } from '../../access-log/auth-event.service';
import { AuthEventType } from '../../access-log/auth-event-type';
import type { SessionStage } from '../../authorization/decorators';
import { ROLES, type Role } from '../../authorization/roles';
import { Clock } from '../../common/clock';
import { Problem } from '../../common/problem';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import { StaffService, type StaffAccount } from '../../staff/staff.service';
import { AuthErrorCode } from '../auth.errors';
import type { WithToken } from '../auth.service';
import { SessionService } from '../session.service';
import type { IdTokenClaims } from './oidc-client';
import { SsoRepository } from './sso.repository';

/** Authentication methods (RFC 8176) that say the provider did a second factor. */
const MFA_METHODS = new Set(['mfa', 'otp']);

type RefusalCode =
  | AuthErrorCode.SsoEmailUnverified
  | AuthErrorCode.SsoDomainNotAllowed
  | AuthErrorCode.SsoNotInvited
  | AuthErrorCode.SsoIdentityMismatch
  | AuthErrorCode.SsoRoleClaimInvalid
  | AuthErrorCode.AccountDisabled
  | AuthErrorCode.AccountLocked;

/**
 * The console's rules for a person the provider vouched for: which staff account they are (by the
 * provider's subject once linked; by verified email, within the allowed domains, to link), whether
 * that account may sign in, and whether the console's own TOTP step still follows.
 */
@Injectable()
export class SsoService implements OnApplicationBootstrap {
  constructor(
    private readonly staff: StaffService,
    private readonly sessions: SessionService,
    private readonly identities: SsoRepository,
    private readonly events: AuthEventService,
    private readonly tx: Transactions,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  providerName(): string | null {
    return this.config.sso?.providerName ?? null;
  }

  /** The ID token's claims are verified (signature, issuer, audience, expiry, nonce) by then. */
  async signIn(claims: IdTokenClaims, origin: EventOrigin): Promise<WithToken<{ stage: SessionStage }>> {
    const sso = this.config.sso;
    if (sso === undefined) throw Problem.of(AuthErrorCode.SsoNotConfigured, 'Single sign-on is not configured');
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const base = { issuer: claims.iss, subject: claims.sub, email };
    if (email === '' || claims.email_verified !== true) {
      throw await this.refuse(
        AuthErrorCode.SsoEmailUnverified,
        'The provider did not vouch for an email',
        base,
        origin,
      );
    }
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!sso.allowedDomains.includes(domain)) {
      throw await this.refuse(AuthErrorCode.SsoDomainNotAllowed, 'This email domain may not sign in', base, origin);
    }
    const found = await this.findAccount(claims.iss, claims.sub, email, origin);
    if (found.account.status !== 'active') {
      throw await this.refuse(AuthErrorCode.AccountDisabled, 'This account is disabled', base, origin, found.account);
    }
    if (found.account.lockedUntil !== null && found.account.lockedUntil > this.clock.now()) {
      const locked = found.account;
      throw await this.refuse(AuthErrorCode.AccountLocked, 'This account is locked for a while', base, origin, locked);
    }
    // Linked only once the account is known to be allowed in.
    const identityId = found.identityId ?? (await this.link(found.account, claims.iss, claims.sub, email, origin));
    const account = await this.applyRoleClaim(claims, found.account, base, origin);

    const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
    const providerDidMfa = amr.some((m) => MFA_METHODS.has(m));
    // The console's TOTP is skipped only when the sysadmin chose to trust the provider's MFA and the
    // provider says it did one. An account with no authenticator still enrolls one: step-up needs it.
    const enrolled = account.totpEnrolledAt !== null;
    const trusted = sso.trustIdpMfa && providerDidMfa && enrolled;
    const stage: SessionStage = trusted ? 'full' : enrolled ? 'mfa_verify' : 'mfa_enroll';
    const { token, session } = await this.sessions.create(account, stage, origin);
    if (trusted) await this.staff.registerSignIn(account.id);
    await this.identities.touch(identityId, this.clock.now());
    await this.events.record(
      {
        type: AuthEventType.SsoSignIn,
        outcome: 'success',
        staffId: account.id,
        detail: {
          ...base,
          next: stage,
          amr,
          secondFactor: trusted ? 'provider_mfa_trusted' : 'console_totp',
          trustProviderMfa: sso.trustIdpMfa,
        },
      },
      { ...origin, sessionId: session.id, actorId: account.id, actorRole: account.role },
    );
    return { body: { stage }, token };
  }

  /**
   * Records a sign-in the provider leg refused (state, code, token) with what the library said.
   * Nothing in `detail` is a secret: no code, token or verifier.
   */
  async recordProtocolRefusal(code: AuthErrorCode, detail: Record<string, unknown>, origin: EventOrigin) {
    await this.events.record(
      { type: AuthEventType.SsoSignIn, outcome: 'failure', detail: { reason: code, ...detail } },
      origin,
    );
  }

  /** Records a change of the SSO settings once, at the first start-up that sees it. */
  async onApplicationBootstrap(): Promise<void> {
    const settings = this.settingsForRecord();
    const fingerprint = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
    await this.tx.run(async () => {
      const swapped = await this.identities.swapSettings(fingerprint, settings, this.clock.now());
      if (swapped === null) return;
      // A console that never had SSO settings and still has none has nothing to record.
      if (swapped.previous === null && settings.sso === null && settings.passwordSignIn === true) return;
      await this.events.record(
        { type: AuthEventType.SsoConfigChanged, outcome: 'success', detail: { from: swapped.previous, to: settings } },
        {},
      );
    });
  }

  private settingsForRecord(): Record<string, unknown> {
    const sso = this.config.sso;
    return {
      sso:
        sso === undefined
          ? null
          : {
              issuer: sso.issuerUrl,
              clientId: sso.clientId,
              // Which secret, never the secret.
              clientSecretSha256: createHash('sha256').update(sso.clientSecret).digest('hex').slice(0, 16),
              redirectUrl: sso.redirectUrl,
              allowedDomains: sso.allowedDomains,
              roleClaim: sso.roleClaim ?? null,
              trustProviderMfa: sso.trustIdpMfa,
            },
      passwordSignIn: this.config.passwordSignIn,
      breakGlassEmail: this.config.breakGlassEmail ?? null,
    };
  }

  /** The account linked to this identity; else the invited account with this verified email (to link). */
  private async findAccount(
    issuer: string,
    subject: string,
    email: string,
    origin: EventOrigin,
  ): Promise<{ account: StaffAccount; identityId: string | null }> {
    const base = { issuer, subject, email };
    const linked = await this.identities.findIdentity(issuer, subject);
    if (linked !== null) {
      const account = await this.staff.findWithCredentials(linked.staffId);
      if (account === null) throw await this.refuse(AuthErrorCode.SsoNotInvited, 'No staff account', base, origin);
      return { account, identityId: linked.id };
    }
    const account = await this.staff.findForSignIn(email);
    if (account === null) {
      throw await this.refuse(AuthErrorCode.SsoNotInvited, 'Ask the system administrator for an account', base, origin);
    }
    // The account is already someone else's at this provider: an email the provider reassigned.
    if ((await this.identities.findForStaff(account.id, issuer)) !== null) {
      throw await this.refuse(
        AuthErrorCode.SsoIdentityMismatch,
        'This account is linked to another identity at the provider',
        base,
        origin,
        account,
      );
    }
    return { account, identityId: null };
  }

  private async link(account: StaffAccount, issuer: string, subject: string, email: string, origin: EventOrigin) {
    await this.identities.link({
      staffId: account.id,
      issuer,
      subject,
      emailAtLink: email,
      linkedAt: this.clock.now(),
    });
    await this.events.record(
      { type: AuthEventType.SsoLinked, outcome: 'success', staffId: account.id, detail: { issuer, subject, email } },
      { ...origin, actorId: account.id, actorRole: account.role },
    );
    const identity = await this.identities.findIdentity(issuer, subject);
    return (identity as { id: string }).id;
  }

  private async applyRoleClaim(
    claims: IdTokenClaims,
    account: StaffAccount,
    base: Record<string, unknown>,
    origin: EventOrigin,
  ): Promise<StaffAccount> {
    const claim = this.config.sso?.roleClaim;
    if (claim === undefined || claims[claim] === account.role) return account;
    const value = claims[claim];
    if (typeof value !== 'string' || !(ROLES as readonly string[]).includes(value)) {
      throw await this.refuse(
        AuthErrorCode.SsoRoleClaimInvalid,
        'The provider gave no console role',
        { ...base, claim },
        origin,
        account,
      );
    }
    await this.staff.applyRoleFromProvider(account.id, value as Role, claim, origin);
    // Re-read: the role change moved the account's session generation on.
    return (await this.staff.findWithCredentials(account.id)) as StaffAccount;
  }

  private async refuse(
    code: RefusalCode,
    title: string,
    detail: Record<string, unknown>,
    origin: EventOrigin,
    account?: StaffAccount,
  ): Promise<Problem> {
    await this.events.record(
      {
        type: AuthEventType.SsoSignIn,
        outcome: 'failure',
        staffId: account?.id ?? null,
        email: typeof detail.email === 'string' ? detail.email : undefined,
        detail: { reason: code, ...detail },
      },
      origin,
    );
    return Problem.of(code, title);
  }
}
