import { type LogEvent, type SignedTreeHead } from '@poc/audit';
import { sealHead } from './head-sets';
import { Client } from 'pg';

/**
 * What a verification reads of each event: the signed bytes, the stored leaf hash, and every
 * plain column the console searches, filters, reviews or purges by, so that the verifier can
 * compare each with the bytes. The time is read as exact microseconds since the epoch.
 */
export const VERIFIED_EVENT_SELECT = `SELECT seq, canonical, leaf_hash,
    (extract(epoch FROM occurred_at) * 1000000)::bigint AS time_micros, actor_id::text AS actor_id, actor_role,
    subject_id, action, resource, outcome, request_id
  FROM audit_events WHERE seq > $1 AND seq <= $3 ORDER BY seq LIMIT $2`;

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
export async function* databaseEvents(
  databaseUrl: string,
  fromSeq = 1,
  pageSize = 20_000,
  throughSeq = Number.MAX_SAFE_INTEGER,
): AsyncGenerator<LogEvent> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let after = fromSeq - 1;
    for (;;) {
      const { rows } = await client.query<VerifiedEventRow>(VERIFIED_EVENT_SELECT, [after, pageSize, throughSeq]);
      for (const r of rows) yield toLogEvent(r);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  } finally {
    await client.end();
  }
}

/**
 * The signed heads a console database holds: its audit_heads and its seal, with, in the same
 * snapshot, the newest seq and what lies past the seal.
 */
export async function databaseHeads(databaseUrl: string): Promise<{
  heads: SignedTreeHead[];
  seal: SignedTreeHead | null;
  sealedSize: number | null;
  maxSeq: number;
  beyond: number;
  firstBeyond: number | null;
}> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const heads = await client.query<{
      tree_size: string;
      root_hash: Buffer;
      signed_at: Date;
      key_id: string;
      signature: Buffer;
    }>('SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads ORDER BY tree_size');
    const seal = await client.query<{
      tree_size: string;
      legacy: boolean;
      root_hash: Buffer | null;
      signed_at: Date | null;
      key_id: string | null;
      signature: Buffer | null;
    }>('SELECT tree_size, legacy, root_hash, signed_at, key_id, signature FROM audit_seal WHERE id = 1');
    const s = seal.rows[0];
    const sealedSize = s === undefined ? null : Number(s.tree_size);
    const tail = await client.query<{ max: string | null; beyond: string; first: string | null }>(
      `SELECT (SELECT max(seq) FROM audit_events) AS max,
              (SELECT count(*) FROM audit_events WHERE seq > $1) AS beyond,
              (SELECT min(seq) FROM audit_events WHERE seq > $1) AS first`,
      [sealedSize ?? 0],
    );
    await client.query('COMMIT');
    return {
      heads: heads.rows.map((h) => ({
        keyId: h.key_id,
        treeSize: Number(h.tree_size),
        rootHash: h.root_hash.toString('hex'),
        timestamp: h.signed_at.toISOString(),
        signature: h.signature.toString('base64'),
      })),
      seal:
        s === undefined || s.legacy
          ? null
          : sealHead({
              treeSize: Number(s.tree_size),
              rootHash: s.root_hash,
              signedAt: s.signed_at,
              keyId: s.key_id,
              signature: s.signature,
            }),
      sealedSize,
      maxSeq: tail.rows[0].max === null ? 0 : Number(tail.rows[0].max),
      beyond: s === undefined ? 0 : Number(tail.rows[0].beyond),
      firstBeyond: tail.rows[0].first === null ? null : Number(tail.rows[0].first),
    };
  } finally {
    await client.end();
  }
}
