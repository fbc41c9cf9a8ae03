import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { TestServer } from './server';

/**
 * Every table of the public schema, row by row, as text (the form COPY writes: bytea as hex).
 * The embedded cluster ships no psql and pg_dump 15 refuses PostgreSQL 18, so the dump is SQL.
 */
export async function dumpDatabase(server: TestServer): Promise<string> {
  await server.app.get(AuditSequencer).flush();
  const tables: { table_name: string }[] = await server.db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
     ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { table_name: table } of tables) {
    const rows: { line: string }[] = await server.db.query(`SELECT t::text AS line FROM "${table}" t`);
    parts.push(`-- ${table}\n${rows.map((r) => r.line).join('\n')}`);
  }
  return parts.join('\n');
}

/** The values found in the dump, as text or as the hex of their UTF-8 bytes (a bytea column). */
export function leaks(dump: string, values: string[]): string[] {
  const lower = dump.toLowerCase();
  return values.filter(
    (v) => lower.includes(v.toLowerCase()) || lower.includes(Buffer.from(v, 'utf8').toString('hex')),
  );
}
