import { Injectable } from '@nestjs/common';
import type { ClientBase, Pool } from 'pg';
import { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { MerkleFrontier, PackedEvents, VerifyCheckpoint } from '@poc/audit';
import { Transactions } from '../database/transactions';
import type { CanonicalAuditEvent } from './audit-event';
import { copyVerifiedEvents } from './database-log-source';
import { STORED_MIN_LEVEL, type SubtreeNode } from './subtree';

export interface InboxRow {
  id: string;
  event: Omit<CanonicalAuditEvent, 'seq'>;
}

export interface SequencedRow {
  seq: number;
  event: CanonicalAuditEvent;
  canonical: Buffer;
  leafHash: Buffer;
}

export interface HeadRow {
  treeSize: number;
  rootHash: Buffer;
  signedAt: Date;
  keyId: string;
  signature: Buffer;
  frontier?: MerkleFrontier;
}

export interface SealRow {
  treeSize: number;
  /** Written by the migration for events sequenced before seals existed; never signed. */
  legacy: boolean;
  rootHash: Buffer | null;
  signedAt: Date | null;
  keyId: string | null;
  signature: Buffer | null;
  frontier: MerkleFrontier | null;
}

export interface ReviewExplanationRow {
  id: number;
  actorId: string | null;
  sessionId: string | null;
  note: string;
  anomalyCount: number;
  explainedBy: string;
  explainedByName: string;
  explainedAt: Date;
}

export interface AccessLogFilter {
  actorId?: string;
  subjectId?: string;
  action?: string;
  resource?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
}

export interface StoredEventRow {
  seq: number;
  canonical: Buffer;
  leafHash: Buffer;
}

/**
 * All SQL of the access log. Request-side writes go through TypeORM's manager (the request's
 * transaction); the sequencer passes its own dedicated connection, which holds the advisory lock.
 */
@Injectable()
export class AuditRepository {
  constructor(private readonly tx: Transactions) {}

  async enqueue(event: Omit<CanonicalAuditEvent, 'seq'>, manager?: EntityManager): Promise<void> {
    await this.tx.use(manager).query('INSERT INTO audit_inbox (event) VALUES ($1::jsonb)', [JSON.stringify(event)]);
  }

  /** Several events in one statement, in order (a batch job's per-person events). */
  async enqueueMany(events: readonly Omit<CanonicalAuditEvent, 'seq'>[], manager?: EntityManager): Promise<void> {
    if (events.length === 0) return;
    await this.tx
      .use(manager)
      .query(
        'INSERT INTO audit_inbox (event) SELECT e FROM unnest($1::jsonb[]) WITH ORDINALITY AS x(e, n) ORDER BY n',
        [events.map((e) => JSON.stringify(e))],
      );
  }

  // ---- sequencer (dedicated connection) ---------------------------------------------

  async tryLock(client: ClientBase, key: string): Promise<boolean> {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [key]);
    return rows[0].ok;
  }

  async lastSeq(client: ClientBase): Promise<number> {
    const { rows } = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM audit_events');
    return rows[0].seq === null ? 0 : Number(rows[0].seq);
  }

  /** Leaf hashes in seq order, in pages, for rebuilding the tree at start-up. */
  async *leafHashes(
    client: ClientBase,
    after = 0,
    pageSize = 50_000,
  ): AsyncGenerator<{ seq: number; leafHash: Buffer }> {
    for (;;) {
      const { rows } = await client.query<{ seq: string; leaf_hash: Buffer }>(
        'SELECT seq, leaf_hash FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [after, pageSize],
      );
      for (const r of rows) yield { seq: Number(r.seq), leafHash: r.leaf_hash };
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  }

  async claimInbox(client: ClientBase, limit: number): Promise<InboxRow[]> {
    const { rows } = await client.query<{ id: string; event: InboxRow['event'] }>(
      // No row locks needed: only the advisory-lock holder reads the inbox.
      'SELECT id, event FROM audit_inbox ORDER BY id LIMIT $1',
      [limit],
    );
    return rows;
  }

  /** The newest inbox id (0 when empty): how far requests have filled the inbox. */
  async inboxHighWater(client: ClientBase): Promise<number> {
    const { rows } = await client.query<{ id: string | null }>('SELECT max(id) AS id FROM audit_inbox');
    return rows[0].id === null ? 0 : Number(rows[0].id);
  }

  /**
   * One batch in one statement (a round trip, not four): the events, their inbox rows gone, the
   * subtree roots the batch finished, and the seal rewritten over the new size. The canonical
   * bytes and leaf hashes travel as two binary parameters, each the batch's values end to end
   * (cut apart by the lengths), not as bytea arrays: arrays are sent as hex text, twice the bytes
   * to write, escape and decode for every event.
   */
  async appendBatch(
    client: ClientBase,
    batch: {
      rows: SequencedRow[];
      inboxIds: string[];
      nodes: SubtreeNode[];
      seal: HeadRow & { frontier: MerkleFrontier };
    },
  ): Promise<void> {
    const { rows, inboxIds, nodes, seal } = batch;
    const { rowCount } = await client.query(
      `WITH events AS (
         INSERT INTO audit_events
           (seq, occurred_at, actor_id, actor_role, subject_id, action, resource, outcome, request_id, canonical, leaf_hash)
         SELECT e.seq, e.occurred_at, e.actor_id, e.actor_role, e.subject_id, e.action, e.resource, e.outcome, e.request_id,
                substring($10::bytea FROM e.start FOR e.len), substring($11::bytea FROM e.n::int * 32 - 31 FOR 32)
         FROM (
           SELECT x.*, (sum(x.len) OVER (ORDER BY x.n) - x.len + 1)::int AS start
           FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[],
                       $7::text[], $8::text[], $9::text[], $12::int[]) WITH ORDINALITY
                AS x(seq, occurred_at, actor_id, actor_role, subject_id, action, resource, outcome, request_id, len, n)
         ) e
         ORDER BY e.n
       ), inbox AS (
         DELETE FROM audit_inbox WHERE id = ANY($13::bigint[])
       ), nodes AS (
         INSERT INTO audit_tree_nodes (level, idx, hash)
         SELECT * FROM unnest($14::smallint[], $15::bigint[], $16::bytea[]) ON CONFLICT DO NOTHING
       )
       UPDATE audit_seal SET tree_size = $17, root_hash = $18, signed_at = $19, key_id = $20, signature = $21,
              frontier = $22::jsonb, legacy = false
       WHERE id = 1`,
      [
        rows.map((r) => r.seq),
        rows.map((r) => r.event.time),
        rows.map((r) => r.event.actorId),
        rows.map((r) => r.event.actorRole),
        rows.map((r) => r.event.subjectId),
        rows.map((r) => r.event.action),
        rows.map((r) => r.event.resource),
        rows.map((r) => r.event.outcome),
        rows.map((r) => r.event.requestId),
        Buffer.concat(rows.map((r) => r.canonical)),
        Buffer.concat(rows.map((r) => r.leafHash)),
        rows.map((r) => r.canonical.length),
        inboxIds,
        nodes.map((n) => n.level),
        nodes.map((n) => n.index),
        nodes.map((n) => n.hash),
        seal.treeSize,
        seal.rootHash,
        seal.signedAt,
        seal.keyId,
        seal.signature,
        JSON.stringify(seal.frontier),
      ],
    );
    if (rowCount !== 1) throw new Error('The access log has no seal row (audit_seal); it was removed');
  }

  /** Roots of complete subtrees finished by a batch (a re-run of the same subtree is a no-op). */
  async appendNodes(client: ClientBase, nodes: SubtreeNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await client.query(
      `INSERT INTO audit_tree_nodes (level, idx, hash)
       SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[]) ON CONFLICT DO NOTHING`,
      [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => n.hash)],
    );
  }

  /** How many leaves the stored nodes cover: the end of the last stored 16-leaf subtree. */
  async nodesCoverThrough(client: ClientBase): Promise<number> {
    const { rows } = await client.query<{ n: string | null }>(
      `SELECT (max(idx) + 1) * (2 ^ $1)::bigint AS n FROM audit_tree_nodes WHERE level = $1`,
      [STORED_MIN_LEVEL],
    );
    return rows[0].n === null ? 0 : Number(rows[0].n);
  }

  async readSeal(client?: ClientBase): Promise<SealRow | null> {
    const sql = `SELECT tree_size, legacy, root_hash, signed_at, key_id, signature, frontier FROM audit_seal WHERE id = 1`;
    const rows: {
      tree_size: string;
      legacy: boolean;
      root_hash: Buffer | null;
      signed_at: Date | null;
      key_id: string | null;
      signature: Buffer | null;
      frontier: MerkleFrontier | null;
    }[] = client ? (await client.query(sql)).rows : await this.tx.manager.query(sql);
    const r = rows[0];
    if (r === undefined) return null;
    return {
      treeSize: Number(r.tree_size),
      legacy: r.legacy,
      rootHash: r.root_hash,
      signedAt: r.signed_at,
      keyId: r.key_id,
      signature: r.signature,
      frontier: r.frontier,
    };
  }

  /** Rewrites the seal: a head signed over everything committed, in the batch's transaction. */
  async writeSeal(client: ClientBase, head: HeadRow & { frontier: MerkleFrontier }): Promise<void> {
    const { rowCount } = await client.query(
      `UPDATE audit_seal SET tree_size = $1, root_hash = $2, signed_at = $3, key_id = $4, signature = $5,
              frontier = $6::jsonb, legacy = false
       WHERE id = 1`,
      [head.treeSize, head.rootHash, head.signedAt, head.keyId, head.signature, JSON.stringify(head.frontier)],
    );
    if (rowCount !== 1) throw new Error('The access log has no seal row (audit_seal); it was removed');
  }

  /** Events stored after `seq`: how many, and the first one's seq. */
  async eventsAfter(client: ClientBase, seq: number): Promise<{ count: number; first: number | null }> {
    const { rows } = await client.query<{ n: string; first: string | null }>(
      'SELECT count(*) AS n, min(seq) AS first FROM audit_events WHERE seq > $1',
      [seq],
    );
    return { count: Number(rows[0].n), first: rows[0].first === null ? null : Number(rows[0].first) };
  }

  /** Signed heads in the database larger than `size`, oldest first. */
  async headsAfter(client: ClientBase, size: number): Promise<HeadRow[]> {
    const { rows } = await client.query<{
      tree_size: string;
      root_hash: Buffer;
      signed_at: Date;
      key_id: string;
      signature: Buffer;
    }>(
      'SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads WHERE tree_size > $1 ORDER BY tree_size',
      [size],
    );
    return rows.map(toHeadRow);
  }

  /** Heads name their key; only the owner registers keys (AuditOwnerSetup, at start-up). */
  async requireKey(client: ClientBase, keyId: string): Promise<void> {
    const { rowCount } = await client.query('SELECT 1 FROM audit_signing_keys WHERE key_id = $1', [keyId]);
    if (rowCount === 0) throw new Error(`The access-log signing key ${keyId} is not registered in the database`);
  }

  async insertHead(client: ClientBase, head: HeadRow): Promise<void> {
    await client.query(
      `INSERT INTO audit_heads (tree_size, root_hash, signed_at, key_id, signature, frontier)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [head.treeSize, head.rootHash, head.signedAt, head.keyId, head.signature, JSON.stringify(head.frontier)],
    );
  }

  /** Where a new leader resumes: the frontier of the latest head, or of the latest purge cut. */
  async latestHeadFrontier(client: ClientBase): Promise<MerkleFrontier | null> {
    const { rows } = await client.query<{ frontier: MerkleFrontier }>(
      'SELECT frontier FROM audit_heads ORDER BY tree_size DESC LIMIT 1',
    );
    return rows[0]?.frontier ?? null;
  }

  async latestPurgeFrontier(client: ClientBase): Promise<MerkleFrontier | null> {
    const { rows } = await client.query<{ frontier: MerkleFrontier }>(
      "SELECT record -> 'frontier' AS frontier FROM audit_purges ORDER BY purged_through DESC LIMIT 1",
    );
    return rows[0]?.frontier ?? null;
  }

  async latestHeadSize(client: ClientBase): Promise<number> {
    const { rows } = await client.query<{ n: string | null }>('SELECT max(tree_size) AS n FROM audit_heads');
    return rows[0].n === null ? 0 : Number(rows[0].n);
  }

  // ---- reads ---------------------------------------------------------------------------

  /**
   * The seal and, in the same snapshot, what the log holds beyond it: the sequencer rewrites the
   * seal in every batch's transaction, so in any snapshot a row past it was not written by it.
   */
  async sealAndTail(): Promise<{ seal: SealRow | null; maxSeq: number; beyond: number; firstBeyond: number | null }> {
    const rows: {
      tree_size: string | null;
      legacy: boolean | null;
      root_hash: Buffer | null;
      signed_at: Date | null;
      key_id: string | null;
      signature: Buffer | null;
      frontier: MerkleFrontier | null;
      max: string | null;
      beyond: string;
      first: string | null;
    }[] = await this.tx.manager.query(
      `SELECT s.tree_size, s.legacy, s.root_hash, s.signed_at, s.key_id, s.signature, s.frontier,
              (SELECT max(seq) FROM audit_events) AS max,
              (SELECT count(*) FROM audit_events e WHERE e.seq > coalesce(s.tree_size, 0)) AS beyond,
              (SELECT min(seq) FROM audit_events e WHERE e.seq > coalesce(s.tree_size, 0)) AS first
       FROM (SELECT 1) one LEFT JOIN audit_seal s ON s.id = 1`,
    );
    const r = rows[0];
    return {
      seal:
        r.tree_size === null
          ? null
          : {
              treeSize: Number(r.tree_size),
              legacy: r.legacy === true,
              rootHash: r.root_hash,
              signedAt: r.signed_at,
              keyId: r.key_id,
              signature: r.signature,
              frontier: r.frontier,
            },
      maxSeq: r.max === null ? 0 : Number(r.max),
      beyond: Number(r.beyond),
      firstBeyond: r.first === null ? null : Number(r.first),
    };
  }

  /** Stored roots of complete subtrees (for proofs). */
  async treeNodes(keys: readonly { level: number; index: number }[]): Promise<SubtreeNode[]> {
    const rows: { level: number; idx: string; hash: Buffer }[] = await this.tx.manager.query(
      `SELECT n.level, n.idx, n.hash FROM audit_tree_nodes n
       JOIN unnest($1::smallint[], $2::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx`,
      [keys.map((k) => k.level), keys.map((k) => k.index)],
    );
    return rows.map((r) => ({ level: Number(r.level), index: Number(r.idx), hash: r.hash }));
  }

  /** Leaf hashes of the given 0-based leaf indexes (seq = index + 1). */
  async leafHashesAt(indexes: readonly number[]): Promise<{ index: number; hash: Buffer }[]> {
    const rows: { seq: string; leaf_hash: Buffer }[] = await this.tx.manager.query(
      'SELECT seq, leaf_hash FROM audit_events WHERE seq = ANY($1::bigint[])',
      [indexes.map((i) => i + 1)],
    );
    return rows.map((r) => ({ index: Number(r.seq) - 1, hash: r.leaf_hash }));
  }

  /** The newest signed head, or null. */
  async latestHead(): Promise<HeadRow | null> {
    return (await this.heads(1)).at(-1) ?? null;
  }

  /** The signed heads of the given sizes. */
  async headsOfSize(sizes: number[]): Promise<HeadRow[]> {
    const rows: { tree_size: string; root_hash: Buffer; signed_at: Date; key_id: string; signature: Buffer }[] =
      await this.tx.manager.query(
        `SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads
         WHERE tree_size = ANY($1::bigint[]) ORDER BY tree_size`,
        [sizes],
      );
    return rows.map(toHeadRow);
  }

  /** Signed heads, oldest first; with `newest`, only that many of the latest. */
  async heads(newest?: number, fromSize = 0): Promise<HeadRow[]> {
    if (fromSize > 0) {
      const rows: { tree_size: string; root_hash: Buffer; signed_at: Date; key_id: string; signature: Buffer }[] =
        await this.tx.manager.query(
          `SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads WHERE tree_size >= $1
           ORDER BY tree_size`,
          [fromSize],
        );
      return rows.map(toHeadRow);
    }
    const rows: { tree_size: string; root_hash: Buffer; signed_at: Date; key_id: string; signature: Buffer }[] =
      await this.tx.manager.query(
        newest === undefined
          ? 'SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads ORDER BY tree_size'
          : `SELECT * FROM (SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_heads
               ORDER BY tree_size DESC LIMIT $1) h ORDER BY tree_size`,
        newest === undefined ? [] : [newest],
      );
    return rows.map((r) => ({
      treeSize: Number(r.tree_size),
      rootHash: r.root_hash,
      signedAt: r.signed_at,
      keyId: r.key_id,
      signature: r.signature,
    }));
  }

  /**
   * Stored events in seq order with the columns the verifier compares with the bytes, as one
   * binary COPY stream on a connection of its own (returned to the pool when the stream ends).
   */
  storedEvents(fromSeq = 1, throughSeq = Number.MAX_SAFE_INTEGER): PackedEvents {
    return { packed: this.copyStoredEvents(fromSeq, throughSeq) };
  }

  private async *copyStoredEvents(fromSeq: number, throughSeq: number): AsyncGenerator<Buffer> {
    const pool = (this.tx.manager.connection.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    let finished = false;
    try {
      for await (const chunk of copyVerifiedEvents(client, fromSeq, throughSeq)) yield chunk as Buffer;
      finished = true;
    } finally {
      // A connection left in the middle of a COPY is closed, not given back to the pool.
      client.release(finished ? undefined : new Error('COPY abandoned'));
    }
  }

  async list(
    filter: AccessLogFilter,
    before: number | undefined,
    limit: number,
  ): Promise<{ seq: number; canonical: Buffer }[]> {
    return this.listQuery(filter, before, limit);
  }

  /**
   * A page of the log and the event that records reading it, in one statement (see
   * AuditService.recordWith): one round trip, one commit, and no page without its event.
   */
  listLogged(
    filter: AccessLogFilter,
    before: number | undefined,
    limit: number,
    logged: { cte: (param: number) => string; value: string },
  ): Promise<{ seq: number; canonical: Buffer }[]> {
    return this.listQuery(filter, before, limit, logged);
  }

  private async listQuery(
    filter: AccessLogFilter,
    before: number | undefined,
    limit: number,
    logged?: { cte: (param: number) => string; value: string },
  ): Promise<{ seq: number; canonical: Buffer }[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.subjectId) add('subject_id = ?', filter.subjectId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.resource) add('resource = ?', filter.resource);
    if (filter.outcome) add('outcome = ?', filter.outcome);
    if (filter.from) add('occurred_at >= ?', filter.from);
    if (filter.to) add('occurred_at < ?', filter.to);
    if (before !== undefined) add('seq < ?', before);
    params.push(limit);
    const limitParam = params.length;
    let withClause = '';
    if (logged) {
      params.push(logged.value);
      withClause = `WITH ${logged.cte(params.length)} `;
    }
    // Keyset pagination on seq: never an OFFSET, never a count.
    const rows: { seq: string; canonical: Buffer }[] = await this.tx.manager.query(
      `${withClause}SELECT seq, canonical FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY seq DESC LIMIT $${limitParam}`,
      params,
    );
    return rows.map((r) => ({ seq: Number(r.seq), canonical: r.canonical }));
  }

  /**
   * The platform people (`subject:<uuid>`) an actor read in [from, to): successful read events
   * only. On the actor index, bounded by time.
   */
  async subjectsReadBy(actorId: string, from: Date, to: Date, readActions: readonly string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT DISTINCT substr(subject_id, 9) AS id FROM audit_events
       WHERE actor_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND action = ANY($4::text[])
         AND outcome = 'success'
         AND subject_id ~ '^subject:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       ORDER BY 1`,
      [actorId, from, to, readActions],
    );
    return rows.map((r) => r.id);
  }

  async findBySeqs(seqs: number[]): Promise<{ seq: number; canonical: Buffer }[]> {
    const rows: { seq: string; canonical: Buffer }[] = await this.tx.manager.query(
      'SELECT seq, canonical FROM audit_events WHERE seq = ANY($1::bigint[]) ORDER BY seq',
      [seqs],
    );
    return rows.map((r) => ({ seq: Number(r.seq), canonical: r.canonical }));
  }

  async findBySeq(seq: number): Promise<StoredEventRow | null> {
    const rows: { seq: string; canonical: Buffer; leaf_hash: Buffer }[] = await this.tx.manager.query(
      'SELECT seq, canonical, leaf_hash FROM audit_events WHERE seq = $1',
      [seq],
    );
    return rows.length === 0
      ? null
      : { seq: Number(rows[0].seq), canonical: rows[0].canonical, leafHash: rows[0].leaf_hash };
  }

  async insertVerification(row: {
    requestedBy: string | null;
    startedAt: Date;
    finishedAt: Date;
    treeSize: number;
    fromSeq: number;
    toSeq: number;
    result: 'intact' | 'tampered' | 'error';
    problems: unknown[];
    mode: 'full' | 'incremental';
    resume: VerifyCheckpoint | null;
    unsignedTail: number;
  }): Promise<number> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `INSERT INTO audit_verifications
         (requested_by, started_at, finished_at, tree_size, from_seq, to_seq, result, problems, mode, resume, unsigned_tail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10::jsonb, $11) RETURNING id`,
      [
        row.requestedBy,
        row.startedAt,
        row.finishedAt,
        row.treeSize,
        row.fromSeq,
        row.toSeq,
        row.result,
        JSON.stringify(row.problems),
        row.mode,
        row.resume === null ? null : JSON.stringify(row.resume),
        row.unsignedTail,
      ],
    );
    return Number(rows[0].id);
  }

  /** Where the last verification that got anywhere says the next one may resume. */
  async latestResume(): Promise<VerifyCheckpoint | null> {
    const rows: { resume: VerifyCheckpoint | null }[] = await this.tx.manager.query(
      'SELECT resume FROM audit_verifications ORDER BY id DESC LIMIT 1',
    );
    return rows[0]?.resume ?? null;
  }

  async latestVerification(): Promise<{
    id: number;
    requestedBy: string | null;
    startedAt: Date;
    finishedAt: Date;
    treeSize: number;
    fromSeq: number;
    toSeq: number;
    result: 'intact' | 'tampered' | 'error';
    problems: unknown[];
    mode: 'full' | 'incremental';
    unsignedTail: number;
  } | null> {
    const rows: Record<string, unknown>[] = await this.tx.manager.query(
      `SELECT id::int AS id, requested_by AS "requestedBy", started_at AS "startedAt", finished_at AS "finishedAt",
              tree_size::int AS "treeSize", from_seq::int AS "fromSeq", to_seq::int AS "toSeq", result, problems,
              mode, unsigned_tail::int AS "unsignedTail"
       FROM audit_verifications ORDER BY id DESC LIMIT 1`,
    );
    return (rows[0] as never) ?? null;
  }

  // ---- monthly review -------------------------------------------------------------------

  /**
   * Anomalies in [from, to) for the monthly review; every query bounded and indexed by time. Each
   * row names the session it came from (read from the event's signed bytes), so the review can
   * group them by person and session. Off-hours is any time outside `workingWindows`, which the
   * calendar computes (business days, holidays, the organisation's time zone).
   */
  async reviewAnomalies(q: {
    from: Date;
    to: Date;
    timeZone: string;
    bulkPerHour: number;
    workingWindows: { start: Date; end: Date }[];
    denialBurst: number;
    phiFields: string[];
    phiResources: string[];
  }): Promise<Record<string, Record<string, unknown>[]>> {
    const range = 'occurred_at >= $1 AND occurred_at < $2';
    const reads = "action IN ('view', 'reveal', 'export', 'download', 'print')";
    const session = (seq: string) =>
      `(SELECT convert_from(s.canonical, 'UTF8')::jsonb ->> 'sessionId' FROM audit_events s WHERE s.seq = ${seq})`;
    const bulkReads = await this.tx.manager.query(
      `SELECT b.*, ${session('b."firstSeq"')} AS "sessionId" FROM (
         SELECT actor_id AS "actorId", actor_role AS "actorRole",
                to_char(date_trunc('hour', occurred_at AT TIME ZONE $3), 'YYYY-MM-DD"T"HH24:00') AS "hour",
                count(*)::int AS "count", min(seq)::int AS "firstSeq", min(occurred_at) AS "time",
                max(occurred_at) AS "lastTime"
         FROM audit_events WHERE ${range} AND ${reads} AND actor_id IS NOT NULL
         GROUP BY 1, 2, 3 HAVING count(*) > $4 ORDER BY 4 DESC LIMIT 200) b`,
      [q.from, q.to, q.timeZone, q.bulkPerHour],
    );
    const offHours = await this.tx.manager.query(
      `SELECT seq::int AS "seq", actor_id AS "actorId", actor_role AS "actorRole", action, resource,
              subject_id AS "subjectId", occurred_at AS "time",
              convert_from(canonical, 'UTF8')::jsonb ->> 'sessionId' AS "sessionId"
       FROM audit_events WHERE ${range} AND actor_id IS NOT NULL
         AND action IN ('view', 'reveal', 'export', 'download', 'print', 'create', 'edit', 'delete')
         AND NOT EXISTS (SELECT 1 FROM unnest($3::timestamptz[], $4::timestamptz[]) w(s, e)
                         WHERE occurred_at >= w.s AND occurred_at < w.e)
       ORDER BY seq LIMIT 500`,
      [q.from, q.to, q.workingWindows.map((w) => w.start), q.workingWindows.map((w) => w.end)],
    );
    const phiWithoutCase = await this.tx.manager.query(
      `SELECT seq::int AS "seq", actor_id AS "actorId", actor_role AS "actorRole", resource,
              subject_id AS "subjectId", occurred_at AS "time", e -> 'fields' AS "fields", e ->> 'sessionId' AS "sessionId"
       FROM (SELECT *, convert_from(canonical, 'UTF8')::jsonb AS e FROM audit_events
             WHERE ${range} AND action IN ('view', 'reveal')) x
       WHERE (jsonb_exists_any(e -> 'fields', $3::text[]) OR resource = ANY($4::text[]))
         AND coalesce(e -> 'detail' ->> 'caseId', '') = ''
       ORDER BY seq LIMIT 500`,
      [q.from, q.to, q.phiFields, q.phiResources],
    );
    const downloads = await this.tx.manager.query(
      `SELECT seq::int AS "seq", actor_id AS "actorId", actor_role AS "actorRole", action, resource,
              occurred_at AS "time", e ->> 'purpose' AS "purpose",
              coalesce(e ->> 'purpose', '') = '' AS "noReason", e ->> 'sessionId' AS "sessionId"
       FROM (SELECT *, convert_from(canonical, 'UTF8')::jsonb AS e FROM audit_events
             WHERE ${range} AND action IN ('download', 'export', 'print')) x
       ORDER BY seq LIMIT 1000`,
      [q.from, q.to],
    );
    const denialBursts = await this.tx.manager.query(
      `SELECT d.*, ${session('d."firstSeq"')} AS "sessionId" FROM (
         SELECT "actorId", "actorRole", min(seq)::int AS "firstSeq", max(n)::int AS "count",
                min(occurred_at) AS "time", max(occurred_at) AS "lastTime"
         FROM (SELECT actor_id AS "actorId", actor_role AS "actorRole", seq, occurred_at,
                      count(*) OVER (PARTITION BY actor_id ORDER BY occurred_at
                                     RANGE BETWEEN interval '10 minutes' PRECEDING AND CURRENT ROW) AS n
               FROM audit_events WHERE ${range} AND action = 'deny') x
         WHERE n >= $3 GROUP BY 1, 2 ORDER BY 4 DESC LIMIT 200) d`,
      [q.from, q.to, q.denialBurst],
    );
    return { bulkReads, offHours, phiWithoutCase, downloads, denialBursts };
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  /** The notes that explain a month's anomaly groups, oldest first. */
  async explanations(month: string): Promise<ReviewExplanationRow[]> {
    return this.tx.manager.query(
      `SELECT x.id::int AS id, x.actor_id AS "actorId", x.session_id AS "sessionId", x.note,
              x.anomaly_count AS "anomalyCount", x.explained_by AS "explainedBy",
              coalesce(st.display_name, '') AS "explainedByName", x.explained_at AS "explainedAt"
       FROM audit_review_explanations x LEFT JOIN staff st ON st.id = x.explained_by
       WHERE x.month = to_date($1, 'YYYY-MM') ORDER BY x.id`,
      [month],
    );
  }

  async insertExplanation(
    row: {
      month: string;
      actorId: string | null;
      sessionId: string | null;
      note: string;
      anomalyCount: number;
      explainedBy: string;
      explainedAt: Date;
    },
    manager: EntityManager,
  ): Promise<void> {
    await this.tx.use(manager).query(
      `INSERT INTO audit_review_explanations (month, actor_id, session_id, note, anomaly_count, explained_by, explained_at)
       VALUES (to_date($1, 'YYYY-MM'), $2, $3, $4, $5, $6, $7)`,
      [row.month, row.actorId, row.sessionId, row.note, row.anomalyCount, row.explainedBy, row.explainedAt],
    );
  }

  async findReview(month: string): Promise<Record<string, unknown> | null> {
    const rows: Record<string, unknown>[] = await this.tx.manager.query(
      `SELECT id::int AS id, to_char(month, 'YYYY-MM') AS month, signed_by AS "signedBy", signed_at AS "signedAt",
              notes, anomaly_count AS "anomalyCount", tree_size::int AS "treeSize"
       FROM audit_reviews WHERE month = to_date($1, 'YYYY-MM')`,
      [month],
    );
    return rows[0] ?? null;
  }

  /** Stores a sign-off; false when the month was signed off already. */
  async insertReview(row: {
    month: string;
    signedBy: string;
    signedAt: Date;
    notes: string;
    anomalyCount: number;
    anomalies: unknown;
    treeSize: number;
  }): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO audit_reviews (month, signed_by, signed_at, notes, anomaly_count, anomalies, tree_size)
       VALUES (to_date($1, 'YYYY-MM'), $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (month) DO NOTHING RETURNING id`,
      [row.month, row.signedBy, row.signedAt, row.notes, row.anomalyCount, JSON.stringify(row.anomalies), row.treeSize],
    );
    return rows.length === 1;
  }

  // ---- retention ------------------------------------------------------------------------

  /**
   * The last seq of the longest prefix whose events are all older than the retention, by the
   * time inside each event's signed bytes (the occurred_at column only narrows the search: a
   * back-dated column cannot make a young event look old), and the first seq still stored.
   * The cutoff comes from the calendar (retentionCutoff); the database's own check refuses a
   * cut younger than its retention.
   */
  async prefixBefore(cutoff: Date): Promise<{ through: number; firstSeq: number | null }> {
    const rows: { through: string | null; min_seq: string | null }[] = await this.tx.manager.query(
      `WITH cutoff AS (SELECT $1::timestamptz AS t),
            bounds AS (SELECT (SELECT min(seq) FROM audit_events) AS min_seq,
                              coalesce((SELECT min(seq) - 1 FROM audit_events, cutoff WHERE occurred_at >= cutoff.t),
                                       (SELECT max(seq) FROM audit_events)) AS by_column)
       SELECT bounds.min_seq,
              coalesce((SELECT min(seq) - 1 FROM audit_events, cutoff
                        WHERE seq <= bounds.by_column
                          AND coalesce(audit_canonical_time(canonical) >= cutoff.t, true)),
                       bounds.by_column) AS through
       FROM bounds`,
      [cutoff],
    );
    const r = rows[0];
    return {
      through: r.through === null ? 0 : Number(r.through),
      firstSeq: r.min_seq === null ? null : Number(r.min_seq),
    };
  }

  async latestPurge(): Promise<{ record: Record<string, unknown>; signature: Buffer; keyId: string } | null> {
    const rows: { record: Record<string, unknown>; signature: Buffer; key_id: string }[] = await this.tx.manager.query(
      'SELECT record, signature, key_id FROM audit_purges ORDER BY purged_through DESC LIMIT 1',
    );
    return rows.length === 0 ? null : { record: rows[0].record, signature: rows[0].signature, keyId: rows[0].key_id };
  }

  /**
   * Stores a signed purge record and deletes the prefix it covers, through the one database
   * function that may (it checks the signature, the key, the age and the prefix). Runs on the
   * sequencer's role, the only one allowed to call it.
   */
  async applyPurge(client: ClientBase, signedRecord: Buffer, signature: Buffer): Promise<number> {
    const { rows } = await client.query<{ deleted: string }>('SELECT audit_purge($1, $2) AS deleted', [
      signedRecord,
      signature,
    ]);
    return Number(rows[0].deleted);
  }

  /** Leaf hashes of events from..to (inclusive), in order: only the 32-byte hashes are read. */
  async leafHashesBetween(from: number, to: number): Promise<Buffer[]> {
    const out: Buffer[] = [];
    for (let start = from; start <= to; start += 100_000) {
      const rows: { leaf_hash: Buffer }[] = await this.tx.manager.query(
        'SELECT leaf_hash FROM audit_events WHERE seq BETWEEN $1 AND $2 ORDER BY seq',
        [start, Math.min(to, start + 99_999)],
      );
      for (const r of rows) out.push(r.leaf_hash);
    }
    return out;
  }
}

function toHeadRow(r: {
  tree_size: string;
  root_hash: Buffer;
  signed_at: Date;
  key_id: string;
  signature: Buffer;
}): HeadRow {
  return {
    treeSize: Number(r.tree_size),
    rootHash: r.root_hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
  };
}
