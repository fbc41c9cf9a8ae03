import type { TestServer } from './server';

/**
 * October 2026 in Seoul, all by `actorId` (a support agent): a 03:00 read, a PHI read with no
 * case, a download with no reason, 12 denials in 10 minutes, and 250 reads in one hour — one of
 * each anomaly the monthly review looks for. The events wait in the inbox for the sequencer.
 */
export async function seedOctoberAnomalies(server: TestServer, actorId: string): Promise<void> {
  await server.db.query(
    `INSERT INTO audit_inbox (event)
     SELECT jsonb_build_object('time', t, 'actorId', $1::text, 'actorRole', 'support', 'sessionId', NULL, 'ip', NULL,
       'userAgent', NULL, 'subjectId', 'subject-' || i, 'action', a, 'resource', r, 'fields', f, 'purpose', NULL,
       'outcome', CASE WHEN a = 'deny' THEN 'denied' ELSE 'success' END, 'requestId', 'review-' || i, 'detail', '{}'::jsonb)
     FROM (
       SELECT 1 AS i, '2026-10-14T03:00:00+09:00'::timestamptz AS t, 'view' AS a, 'subject' AS r, '["email"]'::jsonb AS f
       UNION ALL SELECT 2, '2026-10-14T10:00:00+09:00', 'reveal', 'subject', '["phi"]'::jsonb
       UNION ALL SELECT 3, '2026-10-14T11:00:00+09:00', 'download', 'subject', '[]'::jsonb
       UNION ALL SELECT 100 + g, '2026-10-15T09:00:00+09:00'::timestamptz + g * interval '30 seconds', 'deny', 'route', '[]'::jsonb
         FROM generate_series(1, 12) g
       UNION ALL SELECT 1000 + g, '2026-10-16T13:00:00+09:00'::timestamptz + g * interval '10 seconds', 'view', 'subject', '["name"]'::jsonb
         FROM generate_series(1, 250) g
     ) x`,
    [actorId],
  );
}

/**
 * The access-log events of one request id, wherever they are: still in the inbox, or already moved
 * into the log by the sequencer. One statement, so one snapshot: two queries would count an event
 * twice when the sequencer moves it between them.
 */
export async function accessLogEventsOf<T = Record<string, unknown>>(
  server: TestServer,
  requestId: string,
): Promise<T[]> {
  const rows = await server.db.query<{ e: T }[]>(
    `SELECT event AS e FROM audit_inbox WHERE event->>'requestId' = $1
     UNION ALL
     SELECT convert_from(canonical, 'UTF8')::jsonb FROM audit_events WHERE request_id = $1`,
    [requestId],
  );
  return rows.map((r) => r.e);
}
