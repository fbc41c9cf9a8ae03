import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Agent, agent, PASSWORD, signIn, startTestServer, TestServer } from '../../../test/support/server';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/test-database';
import { AppConfig } from '../config/app-config';
import { ContactValues } from '../subjects/contact-values';
import { BlindIndex } from '../subjects/crypto/blind-index';
import { Keyring } from '../subjects/crypto/keyring';
import { Aad, SubjectCrypto } from '../subjects/crypto/subject-crypto';
import { Masking } from '../subjects/masking';
import { DEMO_PEOPLE } from './demo-people';
import { DEMO_TABLES } from './demo-tables';
import {
  FIRST_START_DEMO_SUBJECTS,
  seedDemoSubjects,
  seedDemoSubjectsOnFirstStart,
  type SeedDemoSubjectsResult,
} from './seed-demo-subjects';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

const tempDirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const N = 200;
const SEED = 7;
const REFERENCE = new Date('2026-11-22T00:00:00.000Z');
const CIPHER_COLUMNS = new Set([
  'email_cipher',
  'phone_cipher',
  'content_cipher',
  'account_cipher',
  'tax_id_cipher',
  'counseling_interest_cipher',
  'topic_cipher',
]);

/** The compliance findings, as SubjectsRepository computes them (issue F3). */
const FINDINGS_SQL = {
  recording_without_both_consents: `SELECT count(*)::int AS n FROM subject_recordings
     WHERE deleted_at IS NULL AND (client_consent_at IS NULL OR counselor_consent_at IS NULL)`,
  phi_without_consent: `SELECT count(DISTINCT d.subject_id)::int AS n FROM subject_sensitive_data d
     WHERE NOT EXISTS (SELECT 1 FROM subject_consents c WHERE c.subject_id = d.subject_id
       AND c.purpose IN ('phi', 'sensitive_data') AND c.granted AND c.withdrawn_at IS NULL)`,
  child_without_guardian_consent: `SELECT count(*)::int AS n FROM subjects s
     WHERE s.kind = 'child' AND s.status <> 'withdrawn' AND s.birth_date > ($1::date - interval '14 years')
       AND NOT EXISTS (SELECT 1 FROM subject_consents c WHERE c.subject_id = s.id AND c.given_by = s.guardian_id
         AND c.purpose = 'guardian_for_child' AND c.granted AND c.withdrawn_at IS NULL)`,
  supervision_sharing_without_consent: `SELECT count(*)::int AS n FROM subject_recordings
     WHERE shared_with_supervisor_at IS NOT NULL
       AND (supervision_consent_at IS NULL OR supervision_consent_at > shared_with_supervisor_at)`,
} as const;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/** The subject's data key, unwrapped through the keyring. */
async function dataKey(db: Client, crypto: SubjectCrypto, subjectId: string): Promise<Buffer> {
  const { rows } = await db.query<{ kek_id: string; wrapped_key: Buffer }>(
    'SELECT kek_id, wrapped_key FROM subject_keys WHERE subject_id = $1',
    [subjectId],
  );
  return crypto.unwrap(subjectId, rows[0].kek_id, rows[0].wrapped_key);
}

/**
 * A digest of every subject table: all readable columns (blind indexes included), and the
 * decrypted contents of every ciphertext (the ciphertexts themselves differ: fresh data keys
 * and IVs each run).
 */
async function digest(db: Client, crypto: SubjectCrypto): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, spec] of Object.entries(DEMO_TABLES)) {
    const columns = Object.keys(spec).filter((c) => !CIPHER_COLUMNS.has(c) && c !== 'wrapped_key');
    const order = 'id' in spec ? 'id' : 'subject_id';
    const { rows } = await db.query<{ d: string; n: number }>(
      `SELECT md5(string_agg(row(${columns.join(', ')})::text, '|' ORDER BY ${order})) AS d, count(*)::int AS n FROM ${table}`,
    );
    out[table] = `${rows[0].n}:${rows[0].d}`;
  }
  const keys = new Map<string, Buffer>();
  const keyOf = async (id: string) => keys.get(id) ?? keys.set(id, await dataKey(db, crypto, id)).get(id)!;
  const plain: string[] = [];
  const contacts = await db.query<{ id: string; email_cipher: Buffer | null; phone_cipher: Buffer | null }>(
    'SELECT id, email_cipher, phone_cipher FROM subjects ORDER BY id',
  );
  for (const r of contacts.rows) {
    if (!r.email_cipher || !r.phone_cipher) continue;
    const key = await keyOf(r.id);
    plain.push(crypto.open(key, Aad.contact(r.id, 'email'), r.email_cipher));
    plain.push(crypto.open(key, Aad.contact(r.id, 'phone'), r.phone_cipher));
  }
  // A record or topic about a child is sealed under the child's key (sealed_under).
  const records = await db.query<{ id: string; subject_id: string; content_cipher: Buffer }>(
    'SELECT id, coalesce(sealed_under, subject_id) AS subject_id, content_cipher FROM subject_counseling_records ORDER BY id',
  );
  for (const r of records.rows) plain.push(crypto.open(await keyOf(r.subject_id), Aad.record(r.id), r.content_cipher));
  const sensitive = await db.query<{ id: string; subject_id: string; content_cipher: Buffer }>(
    'SELECT id, subject_id, content_cipher FROM subject_sensitive_data ORDER BY id',
  );
  for (const r of sensitive.rows) {
    plain.push(crypto.open(await keyOf(r.subject_id), Aad.sensitive(r.id), r.content_cipher));
  }
  const interests = await db.query<{ id: string; counseling_interest_cipher: Buffer | null }>(
    'SELECT id, counseling_interest_cipher FROM subjects ORDER BY id',
  );
  for (const r of interests.rows) {
    if (r.counseling_interest_cipher) {
      plain.push(crypto.open(await keyOf(r.id), Aad.counselingInterest(r.id), r.counseling_interest_cipher));
    }
  }
  const topics = await db.query<{ id: string; client_id: string; topic_cipher: Buffer }>(
    'SELECT id, coalesce(topic_sealed_under, client_id) AS client_id, topic_cipher FROM subject_bookings ORDER BY id',
  );
  for (const r of topics.rows)
    plain.push(crypto.open(await keyOf(r.client_id), Aad.bookingTopic(r.id), r.topic_cipher));
  out.plaintexts = `${plain.length}:${createHash('md5').update(plain.join('\n')).digest('hex')}`;
  return out;
}

describe('demo subjects seeder', () => {
  const masterKey = randomBytes(32);
  const dir = tempDir('poc-demo-seed-');
  const crypto = new SubjectCrypto(new Keyring(join(dir, 'keyring.json'), masterKey), new BlindIndex(masterKey));
  const databases: TestDb[] = [];
  let a: Client;
  let b: Client;
  let first: SeedDemoSubjectsResult;

  beforeAll(async () => {
    databases.push(await createTestDatabase(), await createTestDatabase());
    first = await seedDemoSubjects(databases[0].ownerUrl, crypto, {
      subjects: N,
      seed: SEED,
      referenceDate: REFERENCE,
    });
    await seedDemoSubjects(databases[1].ownerUrl, crypto, { subjects: N, seed: SEED, referenceDate: REFERENCE });
    a = await connect(databases[0].ownerUrl);
    b = await connect(databases[1].ownerUrl);
  });

  afterAll(async () => {
    await a?.end();
    await b?.end();
    for (const db of databases) await dropTestDatabase(db.name);
  });

  it('creates exactly the subjects asked for, with every kind of data', async () => {
    expect(first.created).toBe(N);
    expect(first.fixedPeople).toBe(true);
    const { rows } = await a.query<{ n: number }>('SELECT count(*)::int AS n FROM subjects');
    expect(rows[0].n).toBe(N);
    for (const table of Object.keys(DEMO_TABLES)) {
      const count = await a.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, rows: count.rows[0].n > 0 }).toEqual({ table, rows: true });
      expect(count.rows[0].n).toBe(first.rows[table as keyof typeof DEMO_TABLES]);
    }
    const kinds = await a.query<{ service: string; kind: string; status: string }>(
      'SELECT DISTINCT service, kind, status FROM subjects',
    );
    const seen = new Set(kinds.rows.map((r) => `${r.service}:${r.kind}`));
    for (const k of ['maumjuui:client', 'maumjuui:counselor', 'shelby:guardian', 'shelby:child', 'shelby:counselor']) {
      expect(seen).toContain(k);
    }
    const statuses = new Set(kinds.rows.map((r) => r.status));
    expect(statuses.has('dormant') && statuses.has('locked') && statuses.has('active')).toBe(true);
    // Every dormant account has been inactive for over a year and carries its separation date.
    const dormant = await a.query<{ bad: number }>(
      `SELECT count(*)::int AS bad FROM subjects WHERE kind <> 'child' AND status = 'dormant'
         AND (dormant_at IS NULL OR last_active_at > $1::timestamptz - interval '365 days' OR dormant_at > $1)`,
      [REFERENCE],
    );
    expect(dormant.rows[0].bad).toBe(0);
    const providers = await a.query<{ provider: string }>('SELECT DISTINCT provider FROM subject_social_links');
    expect(providers.rows.map((r) => r.provider).sort()).toEqual(['google', 'kakao', 'naver']);
    const zoom = await a.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM subject_bookings WHERE meeting_provider = 'zoom'",
    );
    expect(zoom.rows[0].n).toBeGreaterThan(0);
  });

  it('gives identical rows for the same seed, and different ones for another seed', async () => {
    const da = await digest(a, crypto);
    expect(await digest(b, crypto)).toEqual(da);

    const other = await createTestDatabase();
    databases.push(other);
    await seedDemoSubjects(other.ownerUrl, crypto, { subjects: N, seed: SEED + 1, referenceDate: REFERENCE });
    const c = await connect(other.ownerUrl);
    try {
      const dc = await digest(c, crypto);
      expect(dc.subjects).not.toEqual(da.subjects);
      expect(dc.plaintexts).not.toEqual(da.plaintexts);
    } finally {
      await c.end();
    }
  });

  it('plants every kind of compliance finding, and only the planted ones', async () => {
    for (const [kind, sql] of Object.entries(FINDINGS_SQL)) {
      const { rows } = await a.query<{ n: number }>(sql, sql.includes('$1') ? [REFERENCE] : []);
      expect({ kind, n: rows[0].n }).toEqual({ kind, n: first.planted[kind as keyof typeof FINDINGS_SQL] });
      expect({ kind, some: rows[0].n > 0 }).toEqual({ kind, some: true });
    }
  });

  it('plants the well-known demo people, findable through the blind indexes', async () => {
    const find = async (email: string, phone: string) => {
      const { rows } = await a.query<{ id: string; name: string; status: string; kind: string; byPhone: string }>(
        `SELECT s.id, s.name, s.status, s.kind, p.id AS "byPhone"
           FROM subjects s JOIN subjects p ON p.phone_index = $2 WHERE s.email_index = $1`,
        [crypto.index('email', ContactValues.email(email)!), crypto.index('phone', ContactValues.phone(phone)!)],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].byPhone).toBe(rows[0].id);
      return rows[0];
    };
    for (const person of DEMO_PEOPLE) {
      const row = await find(person.email, person.phone);
      expect({ name: row.name, status: row.status, kind: row.kind }).toEqual({
        name: person.name,
        status: person.status,
        kind: person.kind,
      });
    }
    const guardian = await find('Dormant.Guardian@example.com', '010-2000-0001');
    const children = await a.query<{ name: string; consents: number }>(
      `SELECT s.name, (SELECT count(*)::int FROM subject_consents c WHERE c.subject_id = s.id
          AND c.purpose = 'guardian_for_child' AND c.given_by = $1) AS consents
         FROM subjects s WHERE s.guardian_id = $1 ORDER BY s.name`,
      [guardian.id],
    );
    expect(children.rows).toEqual([
      { name: '이서준', consents: 1 },
      { name: '이하린', consents: 1 },
    ]);
    const notes = await find('notes.client@example.com', '010-2000-0002');
    const held = await a.query<{ notes: number; psychotherapy: number; phi: number; sensitive: number }>(
      `SELECT (SELECT count(*)::int FROM subject_counseling_records WHERE subject_id = $1 AND kind = 'session_note') AS notes,
              (SELECT count(*)::int FROM subject_counseling_records WHERE subject_id = $1 AND psychotherapy_notes) AS psychotherapy,
              (SELECT count(*)::int FROM subject_consents WHERE subject_id = $1 AND purpose = 'phi' AND granted) AS phi,
              (SELECT count(*)::int FROM subject_sensitive_data WHERE subject_id = $1) AS sensitive`,
      [notes.id],
    );
    expect(held.rows[0].notes).toBeGreaterThanOrEqual(5);
    expect(held.rows[0].psychotherapy).toBeGreaterThanOrEqual(1);
    expect(held.rows[0].phi).toBe(1);
    expect(held.rows[0].sensitive).toBeGreaterThanOrEqual(1);
  });

  it('seals every ciphertext under the subject’s own key, bound to its row', async () => {
    const person = DEMO_PEOPLE.find((p) => p.key === 'notesClient')!;
    const { rows } = await a.query<{
      id: string;
      email_cipher: Buffer;
      phone_cipher: Buffer;
      email_index: Buffer;
      phone_index: Buffer;
      email_mask: string;
      phone_mask: string;
      name_key: string;
    }>('SELECT * FROM subjects WHERE email_index = $1', [crypto.index('email', person.email)]);
    const s = rows[0];
    const key = await dataKey(a, crypto, s.id);
    const phone = ContactValues.phone(person.phone)!;
    expect(crypto.open(key, Aad.contact(s.id, 'email'), s.email_cipher)).toBe(person.email);
    expect(crypto.open(key, Aad.contact(s.id, 'phone'), s.phone_cipher)).toBe(phone);
    expect(s.phone_index.equals(crypto.index('phone', phone))).toBe(true);
    expect([s.email_mask, s.phone_mask, s.name_key]).toEqual([
      Masking.email(person.email),
      Masking.phone(phone),
      ContactValues.nameKey(person.name),
    ]);
    // A ciphertext moved to another row or field does not open.
    expect(() => crypto.open(key, Aad.contact(s.id, 'phone'), s.email_cipher)).toThrow();

    const records = await a.query<{ id: string; kind: string; content_cipher: Buffer }>(
      'SELECT id, kind, content_cipher FROM subject_counseling_records WHERE subject_id = $1',
      [s.id],
    );
    const expectedKeys = {
      session_note: ['notes'],
      result: ['result'],
      expert_opinion: ['opinion', 'recommendations'],
    };
    for (const r of records.rows) {
      const content = JSON.parse(crypto.open(key, Aad.record(r.id), r.content_cipher)) as Record<string, string>;
      expect(Object.keys(content).sort()).toEqual(expectedKeys[r.kind as keyof typeof expectedKeys]);
      expect(Object.values(content).join(' ')).toMatch(/가상|Fictional/);
    }
    const sensitive = await a.query<{ id: string; content_cipher: Buffer }>(
      'SELECT id, content_cipher FROM subject_sensitive_data WHERE subject_id = $1',
      [s.id],
    );
    for (const r of sensitive.rows) expect(crypto.open(key, Aad.sensitive(r.id), r.content_cipher)).toMatch(/가상/);

    // Shelby results name the child and sit under the child's own key, so erasing the child shreds them.
    const shelby = await a.query<{
      id: string;
      subject_id: string;
      child_id: string;
      sealed_under: string;
      content_cipher: Buffer;
    }>(
      `SELECT r.id, r.subject_id, r.child_id, r.sealed_under, r.content_cipher FROM subject_counseling_records r
         JOIN subjects s ON s.id = r.subject_id WHERE s.service = 'shelby' AND r.kind = 'expert_opinion' LIMIT 1`,
    );
    const g = shelby.rows[0];
    expect(g.child_id).toEqual(expect.any(String));
    expect(g.sealed_under).toBe(g.child_id);
    const guardianKey = await dataKey(a, crypto, g.subject_id);
    expect(() => crypto.open(guardianKey, Aad.record(g.id), g.content_cipher)).toThrow();
    const opinion = JSON.parse(crypto.open(await dataKey(a, crypto, g.child_id), Aad.record(g.id), g.content_cipher));
    expect(Object.keys(opinion).sort()).toEqual(['opinion', 'recommendations']);

    const counselor = DEMO_PEOPLE.find((p) => p.key === 'institutionalCounselor')!;
    const fin = await a.query<{
      subject_id: string;
      account_cipher: Buffer;
      tax_id_cipher: Buffer;
      account_mask: string;
    }>(`SELECT f.* FROM subject_financial_profiles f JOIN subjects s ON s.id = f.subject_id WHERE s.email_index = $1`, [
      crypto.index('email', counselor.email),
    ]);
    const f = fin.rows[0];
    const ckey = await dataKey(a, crypto, f.subject_id);
    const account = crypto.open(ckey, Aad.financial(f.subject_id, 'account'), f.account_cipher);
    expect(f.account_mask).toBe(Masking.tail(account));
    expect(crypto.open(ckey, Aad.financial(f.subject_id, 'tax_id'), f.tax_id_cipher)).toMatch(/^\d{6}-1\d{6}$/);
  });

  it('leaves no plaintext contact data, notes or PHI anywhere in the subject tables', async () => {
    const { rows: samples } = await a.query<{ id: string }>(
      `SELECT DISTINCT s.id FROM subjects s JOIN subject_counseling_records r ON r.subject_id = s.id
         JOIN subject_sensitive_data d ON d.subject_id = s.id ORDER BY s.id LIMIT 3`,
    );
    const { rows: plain } = await a.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM subjects WHERE counseling_interest IS NOT NULL)
            + (SELECT count(*)::int FROM subject_bookings WHERE topic IS NOT NULL) AS n`,
    );
    expect(plain[0].n).toBe(0);
    expect(samples.length).toBeGreaterThan(0);
    const needles: string[] = [];
    for (const { id } of samples) {
      const key = await dataKey(a, crypto, id);
      const { rows } = await a.query<{ email_cipher: Buffer; phone_cipher: Buffer }>(
        'SELECT email_cipher, phone_cipher FROM subjects WHERE id = $1',
        [id],
      );
      const email = crypto.open(key, Aad.contact(id, 'email'), rows[0].email_cipher);
      const phone = crypto.open(key, Aad.contact(id, 'phone'), rows[0].phone_cipher);
      needles.push(email, phone, ContactValues.displayPhone(phone), phone.replace('+82', '0'), email.split('@')[0]);
      const records = await a.query<{ id: string; content_cipher: Buffer }>(
        'SELECT id, content_cipher FROM subject_counseling_records WHERE subject_id = $1 AND child_id IS NULL',
        [id],
      );
      for (const r of records.rows) {
        for (const value of Object.values(JSON.parse(crypto.open(key, Aad.record(r.id), r.content_cipher)))) {
          needles.push(value as string);
        }
      }
      const sensitive = await a.query<{ id: string; content_cipher: Buffer }>(
        'SELECT id, content_cipher FROM subject_sensitive_data WHERE subject_id = $1',
        [id],
      );
      for (const r of sensitive.rows) needles.push(crypto.open(key, Aad.sensitive(r.id), r.content_cipher));
      // Counseling interests and booking topics are health information (PIPA Art. 23): sealed too.
      const { rows: interest } = await a.query<{ c: Buffer }>(
        'SELECT counseling_interest_cipher AS c FROM subjects WHERE id = $1',
        [id],
      );
      needles.push(crypto.open(key, Aad.counselingInterest(id), interest[0].c));
      const topics = await a.query<{ id: string; topic_cipher: Buffer }>(
        'SELECT id, topic_cipher FROM subject_bookings WHERE client_id = $1 AND child_id IS NULL',
        [id],
      );
      expect(topics.rows.length).toBeGreaterThan(0);
      for (const r of topics.rows) needles.push(crypto.open(key, Aad.bookingTopic(r.id), r.topic_cipher));
    }
    const { rows: columns } = await a.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND (table_name = 'subjects' OR table_name LIKE 'subject\\_%')
          AND data_type IN ('text', 'bytea', 'character varying', 'jsonb')`,
    );
    expect(columns.length).toBeGreaterThan(40);
    const found = async (needle: string) => {
      const hits: string[] = [];
      for (const c of columns) {
        const where =
          c.data_type === 'bytea'
            ? `position(convert_to($1, 'UTF8') IN ${c.column_name}) > 0`
            : `strpos(${c.column_name}::text, $1) > 0`;
        const { rows } = await a.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${c.table_name} WHERE ${where}`, [
          needle,
        ]);
        if (rows[0].n > 0) hits.push(`${c.table_name}.${c.column_name}`);
      }
      return hits;
    };
    // The scan finds what is stored readably (names are, by design: they are searched by prefix).
    const { rows: named } = await a.query<{ name: string }>('SELECT name FROM subjects WHERE id = $1', [samples[0].id]);
    expect(await found(named[0].name)).toContain('subjects.name');
    for (const needle of [...new Set(needles)])
      expect({ needle, hits: await found(needle) }).toEqual({ needle, hits: [] });
  });

  it('refuses to seed again unless told to add more, and then adds new people', async () => {
    const again = await seedDemoSubjects(databases[0].ownerUrl, crypto, {
      subjects: 10,
      seed: SEED,
      referenceDate: REFERENCE,
    });
    expect(again).toMatchObject({ created: 0, skipped: 'subjects-exist', existing: N });
    const more = await seedDemoSubjects(databases[0].ownerUrl, crypto, {
      subjects: 60,
      seed: SEED,
      referenceDate: REFERENCE,
      forceMore: true,
    });
    expect(more).toMatchObject({ created: 60, existing: N, fixedPeople: false });
    expect(more.effectiveSeed).not.toBe(SEED);
    const { rows } = await a.query<{ n: number; emails: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT email_index)::int AS emails FROM subjects`,
    );
    expect(rows[0].n).toBe(N + 60);
    const withEmail = await a.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM subjects WHERE email_index IS NOT NULL',
    );
    expect(rows[0].emails).toBe(withEmail.rows[0].n);
  });

  it('seeds the first start of an empty embedded database with demo data on, once', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const runtime = (env: Record<string, string>) => ({
      config: AppConfig.fromEnv({ DATA_DIR: tempDir('poc-demo-first-'), ...env }),
      database: { ownerUrl: db.ownerUrl },
      masterKey: { key: randomBytes(32) },
    });
    expect(await seedDemoSubjectsOnFirstStart(runtime({ DEMO_DATA: 'false' }))).toBe(0);
    expect(await seedDemoSubjectsOnFirstStart(runtime({ DATABASE_URL: db.ownerUrl }))).toBe(0);
    expect(await seedDemoSubjectsOnFirstStart(runtime({}))).toBe(FIRST_START_DEMO_SUBJECTS);
    expect(await seedDemoSubjectsOnFirstStart(runtime({}))).toBe(0);
  });
});

describe('demo subjects through the subjects API', () => {
  let server: TestServer;
  let support: Agent;
  let dpo: Agent;
  const person = (key: string) => DEMO_PEOPLE.find((p) => p.key === key)!;
  const findByPhone = async (client: Agent, phone: string) => {
    const res = await client
      .get('/api/subjects')
      .query({ filter: JSON.stringify({ phone }) })
      .expect(200);
    expect(res.body).toHaveLength(1);
    return res.body[0] as Record<string, unknown>;
  };

  beforeAll(async () => {
    server = await startTestServer();
    // The server's own SubjectCrypto: the seeded rows must open with the keys the API uses.
    await seedDemoSubjects(server.database.ownerUrl, server.app.get(SubjectCrypto), { subjects: 300, seed: SEED });
    for (const role of ['support', 'dpo'] as const) {
      await server.createStaff({ email: `${role}@example.com`, role, password: PASSWORD });
    }
    support = agent(server);
    await signIn(server, support, 'support@example.com', PASSWORD);
    dpo = agent(server);
    await signIn(server, dpo, 'dpo@example.com', PASSWORD);
  });

  afterAll(() => server.close());

  it('finds the dormant guardian by phone and by e-mail, masked', async () => {
    const guardian = person('dormantGuardian');
    const found = await findByPhone(support, guardian.phone);
    expect(found).toMatchObject({
      service: 'shelby',
      kind: 'guardian',
      status: 'dormant',
      name: '장**',
      email: 'do***@example.com',
      phone: '010-****-0001',
    });
    const byEmail = await support
      .get('/api/subjects')
      .query({ filter: JSON.stringify({ email: guardian.email }) })
      .expect(200);
    expect(byEmail.body.map((r: { id: string }) => r.id)).toEqual([found.id]);
  });

  it('shows the notes client with records and the PHI consent, and the planted findings on their people', async () => {
    const notes = await findByPhone(dpo, person('notesClient').phone);
    const profile = await dpo.get(`/api/subjects/${notes.id as string}`).expect(200);
    expect(profile.body.records.length).toBeGreaterThanOrEqual(5);
    expect(profile.body.consents).toEqual(
      expect.arrayContaining([expect.objectContaining({ purpose: 'phi', granted: true })]),
    );
    expect(profile.body.findings).toEqual([]);

    const expected: Record<string, string> = {
      recordingFinding: 'recording_without_both_consents',
      phiFinding: 'phi_without_consent',
      supervisionFinding: 'supervision_sharing_without_consent',
      childFinding: 'child_without_guardian_consent',
    };
    for (const [key, kind] of Object.entries(expected)) {
      const subject = await findByPhone(dpo, person(key).phone);
      const res = await dpo.get(`/api/subjects/${subject.id as string}`).expect(200);
      expect({ key, kinds: res.body.findings.map((f: { kind: string }) => f.kind) }).toEqual({ key, kinds: [kind] });
    }
  });

  it('lists every kind of planted finding', async () => {
    for (const kind of Object.keys(FINDINGS_SQL)) {
      const res = await dpo
        .get('/api/compliance-findings')
        .query({ filter: JSON.stringify({ kind }) })
        .expect(200);
      expect({ kind, some: res.body.length > 0 }).toEqual({ kind, some: true });
    }
  });
});
