import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { TestServer } from './server';

/**
 * What a refused request could have changed: every table of the schema. The access log is the
 * exception a refusal may touch: it may ADD events (a refusal is recorded), so for it the
 * snapshot keeps each event, to check that no existing one changed and every new one is a
 * refusal. Signed heads may be added (the sequencer signs the new events); existing ones stay.
 */
export interface DatabaseSnapshot {
  /** table -> "count:md5 of all rows" for every table but the access log's. */
  tables: Record<string, string>;
  /** seq -> md5(canonical) and the outcome, action and event detail of each access-log event. */
  events: Map<number, { hash: string; outcome: string; action: string; event: string | null }>;
  /** tree_size -> md5 of the head row. */
  heads: Map<number, string>;
  /** "level:idx" -> hash of each stored subtree root. */
  nodes: Map<string, string>;
  /** The size the seal covers. */
  sealedSize: number;
}

// Written by the sequencer, appended to by any recorded refusal: the seal is rewritten over the
// new events and the subtree roots they complete are added.
const ACCESS_LOG_TABLES = new Set(['audit_events', 'audit_inbox', 'audit_heads', 'audit_seal', 'audit_tree_nodes']);
// Columns that change on every request and say nothing about what a request wrote.
const VOLATILE: Record<string, string[]> = { staff_sessions: ['last_seen_at'] };

export async function snapshotDatabase(server: TestServer): Promise<DatabaseSnapshot> {
  await server.app.get(AuditSequencer).flush();
  const names: { table_name: string }[] = await server.db.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const tables: Record<string, string> = {};
  for (const { table_name: table } of names) {
    if (ACCESS_LOG_TABLES.has(table)) continue;
    const drop = (VOLATILE[table] ?? []).map((c) => ` - '${c}'`).join('');
    const [row]: { n: number; h: string | null }[] = await server.db.query(
      `SELECT count(*)::int AS n, md5(string_agg((to_jsonb(t)${drop})::text, E'\\n' ORDER BY (to_jsonb(t)${drop})::text)) AS h
         FROM "${table}" t`,
    );
    tables[table] = `${row.n}:${row.h ?? ''}`;
  }
  const inbox: { n: number }[] = await server.db.query('SELECT count(*)::int AS n FROM audit_inbox');
  if (inbox[0].n !== 0) throw new Error('The access-log inbox is not empty after a flush');
  const events = new Map<number, { hash: string; outcome: string; action: string; event: string | null }>();
  const rows: { seq: string; hash: string; outcome: string; action: string; event: string | null }[] =
    await server.db.query(
      `SELECT seq, md5(canonical) AS hash, outcome, action,
              convert_from(canonical, 'UTF8')::jsonb -> 'detail' ->> 'event' AS event
         FROM audit_events ORDER BY seq`,
    );
  for (const r of rows)
    events.set(Number(r.seq), { hash: r.hash, outcome: r.outcome, action: r.action, event: r.event });
  const heads = new Map<number, string>();
  const headRows: { tree_size: string; hash: string }[] = await server.db.query(
    'SELECT tree_size, md5(to_jsonb(h)::text) AS hash FROM audit_heads h ORDER BY tree_size',
  );
  for (const h of headRows) heads.set(Number(h.tree_size), h.hash);
  const nodes = new Map<string, string>();
  const nodeRows: { key: string; hash: string }[] = await server.db.query(
    `SELECT level || ':' || idx AS key, encode(hash, 'hex') AS hash FROM audit_tree_nodes`,
  );
  for (const n of nodeRows) nodes.set(n.key, n.hash);
  const [seal]: { size: number }[] = await server.db.query('SELECT tree_size::int AS size FROM audit_seal');
  return { tables, events, heads, nodes, sealedSize: seal.size };
}

/**
 * Throws unless `after` differs from `before` only by access-log events recording a refusal
 * (outcome denied or failure) and the heads signing them. Returns how many events were added.
 */
export function expectOnlyRefusalsAdded(before: DatabaseSnapshot, after: DatabaseSnapshot): number {
  const problems: string[] = [];
  for (const [table, value] of Object.entries(before.tables)) {
    if (after.tables[table] !== value) problems.push(`table ${table} changed (${value} -> ${after.tables[table]})`);
  }
  for (const table of Object.keys(after.tables)) {
    if (!(table in before.tables)) problems.push(`table ${table} appeared`);
  }
  for (const [seq, event] of before.events) {
    const now = after.events.get(seq);
    if (now?.hash !== event.hash) problems.push(`access-log event ${seq} changed or vanished`);
  }
  let added = 0;
  for (const [seq, event] of after.events) {
    if (before.events.has(seq)) continue;
    added += 1;
    if (event.outcome !== 'denied' && event.outcome !== 'failure') {
      problems.push(`access-log event ${seq} was added with outcome ${event.outcome} (${event.action})`);
    }
  }
  for (const [size, hash] of before.heads) {
    if (after.heads.get(size) !== hash) problems.push(`signed head ${size} changed or vanished`);
  }
  for (const [key, hash] of before.nodes) {
    if (after.nodes.get(key) !== hash) problems.push(`subtree root ${key} changed or vanished`);
  }
  if (after.sealedSize < before.sealedSize)
    problems.push(`the seal shrank (${before.sealedSize} -> ${after.sealedSize})`);
  if (problems.length > 0) throw new Error(`The database changed:\n${problems.slice(0, 20).join('\n')}`);
  return added;
}
