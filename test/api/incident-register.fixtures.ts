import type { TestServer } from '../support/server';

/** An incident row written straight into the table (the register reads what the core writes). */
export async function insertIncident(
  server: TestServer,
  createdBy: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; reference: string }> {
  // From the core's sequence, so an incident opened through the API later never takes the same reference.
  const [{ n }]: { n: string }[] = await server.db.query(`SELECT nextval('incident_reference_seq') AS n`);
  const row: Record<string, unknown> = {
    reference: `IN-2026-${n.padStart(6, '0')}`,
    title: 'Counselling notes server breached',
    description: 'Web shell found on the notes server',
    detected_at: '2026-11-02T00:00:00Z',
    aware_at: '2026-11-02T01:00:00Z',
    reporter: 'SOC on-call',
    vector: 'outside_hacking',
    systems: ['notes-db'],
    data_categories: ['contact', 'health'],
    regimes: ['KR-PIPA', 'EU-GDPR'],
    affected_estimated: 1200,
    affected_confirmed: null,
    sensitive_data: true,
    unique_identifiers: false,
    risk_level: 'high',
    status: 'open',
    created_by: createdBy,
    created_at: '2026-11-02T01:00:00Z',
    updated_at: '2026-11-02T01:00:00Z',
    ...overrides,
  };
  const columns = Object.keys(row);
  const [inserted]: { id: string; reference: string }[] = await server.db.query(
    `INSERT INTO incidents (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     RETURNING id, reference`,
    Object.values(row),
  );
  return inserted;
}

/** A notification obligation of an incident. */
export async function insertObligation(
  server: TestServer,
  incidentId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const row: Record<string, unknown> = {
    incident_id: incidentId,
    code: 'kr_subjects',
    regime: 'KR-PIPA',
    recipient: 'subjects',
    due_at: '2026-11-05T01:00:00Z',
    status: 'pending',
    created_at: '2026-11-02T01:00:00Z',
    updated_at: '2026-11-02T01:00:00Z',
    ...overrides,
  };
  const columns = Object.keys(row);
  const [inserted]: { id: string }[] = await server.db.query(
    `INSERT INTO incident_obligations (${columns.join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  );
  return inserted.id;
}
