import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuthEventService, EventOrigin } from '../access-log/auth-event.service';
import { AuthEventType } from '../access-log/auth-event-type';
import type { SessionStage } from '../authorization/decorators';
import { hasElapsed, instantAfter, msBetween } from '../calendar/instant';
import { Clock } from '../common/clock';
import { CommonErrorCode } from '../common/problem-codes';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import type { StaffAccount } from '../staff/staff.service';
import { SessionLookup } from './session-lookup';
import { StaffSessionEntity } from './session.entity';
import { SessionRepository, type SessionStaff } from './session.repository';

// Refresh last_seen_at at most this often, so reads do not each cost a write; and at a small
// fraction of the idle window, so a session in use is never taken for an idle one.
const MAX_TOUCH_INTERVAL_MS = 60_000;
const TOUCHES_PER_IDLE_WINDOW = 10;

export function touchIntervalMs(idleMs: number): number {
  return Math.min(MAX_TOUCH_INTERVAL_MS, Math.floor(idleMs / TOUCHES_PER_IDLE_WINDOW));
}

export interface ResolvedSession {
  session: StaffSessionEntity;
  staff: SessionStaff;
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Server-side sessions: a 256-bit random token in the cookie, only its hash in the database.
 * Idle and absolute timeouts, and revocation when the account is disabled or its role changes.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly lookup: SessionLookup,
    private readonly events: AuthEventService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(
    account: StaffAccount,
    stage: SessionStage,
    origin: EventOrigin,
  ): Promise<{ token: string; session: StaffSessionEntity }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session = await this.sessions.insert({
      staffId: account.id,
      tokenHash: hashToken(token),
      stage,
      staffGeneration: account.sessionGeneration,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: instantAfter(now, this.config.sessionAbsoluteMs),
      mfaVerifiedAt: null,
      ip: origin.ip ?? null,
      userAgent: origin.userAgent ?? null,
    });
    return { token, session };
  }

  /** Issues a new token for the session (at MFA completion) and moves it to `stage`. */
  async rotate(sessionId: string, stage: SessionStage, mfaVerified: boolean): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.sessions.update(sessionId, {
      tokenHash: hashToken(token),
      stage,
      lastSeenAt: now,
      ...(mfaVerified ? { mfaVerifiedAt: now } : {}),
    });
    return token;
  }

  async setStage(sessionId: string, stage: SessionStage): Promise<void> {
    await this.sessions.update(sessionId, { stage });
  }

  async markStepUp(sessionId: string): Promise<Date> {
    const now = this.clock.now();
    await this.sessions.update(sessionId, { mfaVerifiedAt: now });
    return instantAfter(now, this.config.stepUpMs);
  }

  /** Finds the live session behind a cookie token, or explains why there is none. */
  async resolve(token: string | undefined): Promise<ResolvedSession> {
    if (token === undefined) throw unauthenticated('Sign in to continue');
    // The session and its account in one read, as they are now: nothing is cached between requests.
    const found = await this.lookup.find(hashToken(token));
    if (found === null) throw unauthenticated('Sign in to continue');
    const { session, staff } = found;
    if (session.endedAt !== null) throw expired('Your session has ended; sign in again');
    const now = this.clock.now();
    if (now >= session.expiresAt) {
      await this.endQuietly(session, 'absolute_timeout', now);
      throw expired('Your session reached its 12-hour limit; sign in again');
    }
    if (hasElapsed(session.lastSeenAt, this.config.sessionIdleMs, now)) {
      await this.endQuietly(session, 'idle_timeout', now);
      throw expired('Your session was idle too long; sign in again');
    }
    if (staff === null || staff.status !== 'active') {
      await this.endQuietly(session, 'account_disabled', now);
      throw expired('Your account is disabled');
    }
    if (session.staffGeneration !== staff.sessionGeneration) {
      await this.endQuietly(session, 'revoked', now);
      throw expired('Your access changed; sign in again');
    }
    if (msBetween(session.lastSeenAt, now) >= touchIntervalMs(this.config.sessionIdleMs)) {
      await this.sessions.update(session.id, { lastSeenAt: now });
    }
    return { session, staff };
  }

  async end(sessionId: string, reason: string): Promise<boolean> {
    return this.sessions.end(sessionId, reason, this.clock.now());
  }

  /** Sessions that would still be let in: not ended, expired, idle or revoked. */
  listOpen(staffId: string): Promise<StaffSessionEntity[]> {
    return this.sessions.listOpen(staffId, this.clock.now(), this.config.sessionIdleMs);
  }

  findById(id: string): Promise<StaffSessionEntity | null> {
    return this.sessions.findById(id);
  }

  async endAllFor(staffId: string, reason: string): Promise<number> {
    return this.sessions.endAllFor(staffId, reason, this.clock.now());
  }

  /** Ends every open session of the account except `keepSessionId`; answers how many. */
  async endOthers(staffId: string, keepSessionId: string, reason: string): Promise<number> {
    return this.sessions.endAllFor(staffId, reason, this.clock.now(), keepSessionId);
  }

  private async endQuietly(session: StaffSessionEntity, reason: string, now: Date): Promise<void> {
    if (await this.sessions.end(session.id, reason, now)) {
      await this.events.record(
        { type: AuthEventType.SessionEnded, outcome: 'success', staffId: session.staffId, detail: { reason } },
        { sessionId: session.id },
      );
    }
  }
}

function unauthenticated(title: string): Problem {
  return Problem.of(CommonErrorCode.Unauthenticated, title);
}

function expired(title: string): Problem {
  return Problem.of(CommonErrorCode.SessionExpired, title);
}
