import { PACKED_EVENT_COLUMNS, type PackedEvents, type SignedTreeHead } from '@poc/audit';
import type { Readable } from 'node:stream';
import { Client, type ClientBase } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { sealHead } from './head-sets';

/**
 * What a verification reads of each event, as a binary COPY stream: the signed bytes, the stored
 * leaf hash, and every plain column the console searches, filters, reviews or purges by, so that
 * the verifier can compare each with the bytes (see PACKED_EVENT_COLUMNS in @poc/audit). One
 * statement streams the whole range in seq order: no pages, no text parsing.
 */
export function verifiedEventsCopy(fromSeq: number, throughSeq: number): string {
  if (!Number.isSafeInteger(fromSeq) || !Number.isSafeInteger(throughSeq)) throw new RangeError('seq bounds');
  return `COPY (SELECT ${PACKED_EVENT_COLUMNS} FROM audit_events WHERE seq >= ${fromSeq} AND seq <= ${throughSeq}
    ORDER BY seq) TO STDOUT (FORMAT binary)`;
}

/** Streams the events `fromSeq..throughSeq` of `client` as packed rows; the client stays open. */
export function copyVerifiedEvents(client: ClientBase, fromSeq: number, throughSeq: number): Readable {
  return client.query(copyTo(verifiedEventsCopy(fromSeq, throughSeq)));
}

/**
 * The stored events of a console database in seq order, for `audit verify` against a database
 * URL. Plain pg, no application: any read-only login will do.
 */
export function databaseEvents(databaseUrl: string, fromSeq = 1, throughSeq = Number.MAX_SAFE_INTEGER): PackedEvents {
  return { packed: streamFrom(databaseUrl, fromSeq, throughSeq) };
}

async function* streamFrom(databaseUrl: string, fromSeq: number, throughSeq: number): AsyncGenerator<Buffer> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for await (const chunk of copyVerifiedEvents(client, fromSeq, throughSeq)) yield chunk as Buffer;
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
