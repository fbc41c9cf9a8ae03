// The bare peer of bench/reads.mjs: Express and pg, in a process of its own, answering
// GET /profile/:id with the same statement the console's profile runs (bench/lib/statements.mjs)
// on the same database as the application role, and no session, guard, masking or access-log event.
// GET /health answers {status:"ok"}. Prints "PEER READY <port>" once listening.
//
// Environment: PEER_DATABASE_URL, PEER_DATABASE_ROLE (SET ROLE, optional), PEER_PORT.

import { subjectStatements } from './statements.mjs';

const { PROFILE, fourteenthBirthdayBound, serverRequire } = subjectStatements(
  process.env.PEER_SERVER_DIST || undefined,
);
const express = serverRequire('express');
const pg = serverRequire('pg');

const pool = new pg.Pool({
  connectionString: process.env.PEER_DATABASE_URL,
  // As many connections as the console's own pool (app.module.ts).
  max: 10,
  ...(process.env.PEER_DATABASE_ROLE ? { options: `-c role=${process.env.PEER_DATABASE_ROLE}` } : {}),
});

const today = () => new Date().toISOString().slice(0, 10);
const app = express();
app.disable('x-powered-by');
app.get('/health', (_req, res) => res.json({ status: 'ok' }));
app.get('/profile/:id', async (req, res) => {
  try {
    const {
      rows: [row],
    } = await pool.query({ ...PROFILE, values: [req.params.id, fourteenthBirthdayBound(today())] });
    if (!row) return res.status(404).json({ status: 404 });
    res.json(row);
  } catch (error) {
    res.status(500).json({ status: 500, detail: String(error?.message ?? error) });
  }
});

const server = app.listen(Number(process.env.PEER_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`PEER READY ${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  pool.end().finally(() => process.exit(0));
});
