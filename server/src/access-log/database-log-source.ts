import { type LogEvent } from '@poc/audit';
import { Client } from 'pg';

/**
 * What a verification reads of each event: the signed bytes, the stored leaf hash, and every
 * plain column the console searches, filters, reviews or purges by, so that the verifier can
 * compare each with the bytes. The time is read as exact microseconds since the epoch.
 */
export const VERIFIED_EVENT_SELECT = `SELECT seq, canonical, leaf_hash,
    (extract(epoch FROM occurred_at) * 1000000)::bigint AS time_micros, actor_id::text AS actor_id, actor_role,
    subject_id, action, resource, outcome, request_id
  FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2`;

export interface VerifiedEventRow {
  seq: string;
  canonical: Buffer;
  leaf_hash: Buffer;
  time_micros: string | null;
  actor_id: string | null;
  actor_role: string | null;
  subject_id: string | null;
  action: string | null;
  resource: string | null;
  outcome: string | null;
  request_id: string | null;
}

export function toLogEvent(r: VerifiedEventRow): LogEvent {
  return {
    seq: Number(r.seq),
    canonical: r.canonical,
    leafHash: r.leaf_hash,
    columns: {
      timeMicros: r.time_micros === null ? null : Number(r.time_micros),
      actorId: r.actor_id,
      actorRole: r.actor_role,
      subjectId: r.subject_id,
      action: r.action,
      resource: r.resource,
      outcome: r.outcome,
      requestId: r.request_id,
    },
  };
}

/**
 * The stored events of a console database, read in seq order in pages, for `audit verify`
 * against a database URL. Plain pg, no application: any read-only login will do.
 */
export async function* databaseEvents(databaseUrl: string, fromSeq = 1, pageSize = 20_000): AsyncGenerator<LogEvent> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let after = fromSeq - 1;
    for (;;) {
      const { rows } = await client.query<VerifiedEventRow>(VERIFIED_EVENT_SELECT, [after, pageSize]);
      for (const r of rows) yield toLogEvent(r);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  } finally {
    await client.end();
  }
}
