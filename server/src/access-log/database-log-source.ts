import { type LogEvent } from '@poc/audit';
import { Client } from 'pg';

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
      const { rows } = await client.query<{ seq: string; canonical: Buffer; leaf_hash: Buffer }>(
        'SELECT seq, canonical, leaf_hash FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [after, pageSize],
      );
      for (const r of rows) yield { seq: Number(r.seq), canonical: r.canonical, leafHash: r.leaf_hash };
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1].seq);
    }
  } finally {
    await client.end();
  }
}
