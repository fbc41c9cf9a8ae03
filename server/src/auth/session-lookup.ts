import { Injectable } from '@nestjs/common';
import { StaffSessionEntity } from './session.entity';
import { SessionRepository, SessionWithStaff } from './session.repository';

/** At most this many token hashes in one statement. */
export const MAX_SESSION_BATCH = 64;

interface Pending {
  tokenHash: Buffer;
  waiters: { resolve: (found: SessionWithStaff | null) => void; reject: (error: unknown) => void }[];
}

/**
 * Finds sessions by token hash, batching the lookups of one event-loop turn into one statement
 * (`token_hash = ANY($1)`, up to MAX_SESSION_BATCH hashes): under load the requests that arrive
 * together share a round trip instead of each waiting for a pooled connection.
 *
 * Nothing is kept between batches: every request reads the session and its account as they are
 * in the database after it arrived, so a sign-out, a role change, a disabled account or a new
 * session generation, on this server or another, is seen by the very next request.
 */
@Injectable()
export class SessionLookup {
  private pending = new Map<string, Pending>();
  private scheduled = false;

  constructor(private readonly sessions: SessionRepository) {}

  find(tokenHash: Buffer): Promise<SessionWithStaff | null> {
    return new Promise((resolve, reject) => {
      const key = tokenHash.toString('base64');
      const pending = this.pending.get(key);
      if (pending === undefined) this.pending.set(key, { tokenHash, waiters: [{ resolve, reject }] });
      else pending.waiters.push({ resolve, reject });
      if (this.pending.size >= MAX_SESSION_BATCH) {
        this.flush();
      } else if (!this.scheduled) {
        this.scheduled = true;
        // After the poll phase: every request whose guard runs in this turn joins the batch.
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.sessions.findWithStaffByTokenHashes(batch.map((p) => p.tokenHash)).then(
      (rows) => {
        const found = new Map(rows.map((r) => [r.tokenHash.toString('base64'), r]));
        for (const p of batch) {
          const row = found.get(p.tokenHash.toString('base64')) ?? null;
          // Each request gets its own objects: one request's changes never show in another's.
          for (const w of p.waiters) w.resolve(row && copyOf(row));
        }
      },
      (error: unknown) => {
        for (const p of batch) for (const w of p.waiters) w.reject(error);
      },
    );
  }
}

function copyOf(row: SessionWithStaff): SessionWithStaff {
  return {
    tokenHash: row.tokenHash,
    session: Object.assign(new StaffSessionEntity(), row.session),
    staff: row.staff && { ...row.staff },
  };
}
