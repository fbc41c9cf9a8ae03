import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { IncidentNoticesService } from '../../server/src/incidents/notices/incident-notices.service';
import { NOTICE_KINDS_SPEC } from '../../server/src/incidents/notices/notice-kinds';
import { reconcile, requiredObligations } from '../../server/src/incidents/obligations/notification-engine';
import { NotificationRulesService } from '../../server/src/incidents/obligations/notification-rules.service';
import { NOTICE_KINDS, type NoticeKind } from '../../server/src/incidents/obligations/obligation-types';
import { FakeClock } from '../support/fake-clock';
import { pdfText } from '../support/pdf-text';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';

const binary = (
  res: { on: (e: string, cb: (c?: Buffer) => void) => void },
  cb: (e: Error | null, b: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

// Aware 10 September 2026, 14:20 in Seoul; the tests run the next morning (inside every 72 h clock).
const AWARE = '2026-09-10T05:20:00Z';

/**
 * Notice drafts over HTTP on the real database: the rules table the engine reads, prefill from the
 * incident's facts, the required items of each regime's notice (each one's absence is a 422
 * naming it), versions, the Korean PDF, CASL on the incident, and the access log.
 */
describe('incident notices', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  let incidentId: string;
  let otherIncidentId: string;
  const as = (role: Role) => clients.get(role)!;

  const insertIncident = async (reference: string, over: Record<string, unknown> = {}) => {
    const facts = {
      regimes: ['KR-PIPA', 'EU-GDPR', 'US-HIPAA'],
      affected_estimated: 1200,
      aware_at: AWARE,
      data_categories: ['identity', 'contact', 'health'],
      ...over,
    };
    const rows: { id: string }[] = await server.db.query(
      `INSERT INTO incidents (reference, title, description, detected_at, aware_at, reporter, vector, data_categories,
         regimes, affected_estimated, risk_level, status, created_by, created_at, updated_at)
       VALUES ($1, 'Booking server breach', 'Records of the booking server were copied', '2026-09-01T02:00:00Z', $2,
         'SOC on-call', 'outside_hacking', $3, $4, $5, 'high', 'investigating', $6, $2, $2)
       RETURNING id`,
      [reference, facts.aware_at, facts.data_categories, facts.regimes, facts.affected_estimated, ids.get('security')],
    );
    return rows[0].id;
  };

  const events = async (resource: string): Promise<CanonicalAuditEvent[]> => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(`SELECT canonical FROM audit_events ORDER BY seq`);
    return rows
      .map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent)
      .filter((e) => e.resource === resource);
  };

  const prefill = async (kind: NoticeKind, locale: 'ko' | 'en', id = incidentId) =>
    (await as('dpo').get(`/api/incidents/${id}/notices/prefill`).query({ kind, locale }).expect(200)).body as {
      kind: string;
      locale: string;
      content: Record<string, unknown>;
    };

  /** A draft with every field of the kind filled: the prefill, plus what the facts cannot give. */
  const complete = async (kind: NoticeKind, locale: 'ko' | 'en') => {
    const { content } = await prefill(kind, locale);
    const fill: Record<string, unknown> = {};
    for (const [field, type] of Object.entries(NOTICE_KINDS_SPEC[kind].fields)) {
      if (content[field] !== undefined) continue;
      fill[field] = type === 'list' ? ['이름'] : type === 'count' ? 3 : `${field} 내용`;
    }
    return { ...content, ...fill };
  };

  beforeAll(async () => {
    clock = new FakeClock(Date.parse('2026-09-11T00:00:00Z'));
    server = await startTestServer({ clock, env: { AUDIT_SEQUENCER: 'false' } });
    await signInEveryRole(server, clients, { ids });
    incidentId = await insertIncident('IN-2026-000901');
    otherIncidentId = await insertIncident('IN-2026-000902');
    // A completed containment task: the prefill names it as what was done.
    await server.db.query(
      `INSERT INTO incident_tasks (incident_id, phase, position, title, completed_at, completed_by, created_at, updated_at)
       VALUES ($1, 'containment_eradication_recovery', 0, '{"ko": "서버 격리", "en": "Isolate the server"}', $2, $3, $2, $2)`,
      [incidentId, '2026-09-10T08:00:00Z', ids.get('security')],
    );
  });
  afterAll(() => server.close());

  describe('the notification rules', () => {
    it('are listed from the table to whoever reads incidents; support and sysadmin are refused', async () => {
      for (const role of ['dpo', 'security', 'auditor'] as const) {
        const { body } = await as(role).get('/api/incidents/notification-rules').expect(200);
        expect((body as { code: string }[]).map((r) => r.code)).toEqual([
          'kr_subjects',
          'kr_regulator',
          'eu_authority',
          'eu_subjects',
          'us_individuals',
          'us_hhs',
          'us_media',
          'us_hhs_yearly_log',
        ]);
      }
      for (const role of ['support', 'sysadmin'] as const) {
        await as(role).get('/api/incidents/notification-rules').expect(403);
      }
    });

    it('drive the engine: 900 people growing to 1,200 adds the report to the PIPC', async () => {
      const rules = await server.app.get(NotificationRulesService).rules();
      const facts = {
        regimes: ['KR-PIPA' as const],
        awareAt: new Date(AWARE),
        vector: 'insider' as const,
        affectedEstimated: 900,
        affectedConfirmed: null,
        usLargestStateCount: null,
        sensitiveData: false,
        uniqueIdentifiers: false,
        dataEncrypted: false,
        euRisk: 'unassessed' as const,
      };
      const before = requiredObligations(facts, rules, 'Asia/Seoul');
      const after = requiredObligations({ ...facts, affectedConfirmed: 1200 }, rules, 'Asia/Seoul');
      const stored = before.map((o) => ({ code: o.code, status: 'pending' as const, dueAt: o.dueAt }));
      expect(reconcile(stored, after).add.map((o) => [o.code, o.dueAt?.toISOString()])).toEqual([
        ['kr_regulator', '2026-09-13T05:20:00.000Z'],
      ]);
    });
  });

  it('prefills a Korean notice to people from the facts: the items, the dates, what was done, redress', async () => {
    const body = await prefill('kr_subject_notice', 'ko');
    expect(body).toMatchObject({ kind: 'kr_subject_notice', locale: 'ko' });
    expect(body.content).toMatchObject({
      items: ['신원 정보', '연락처', '건강 정보'],
      occurredAt: '2026-09-01 11:00 (Asia/Seoul)',
      circumstances: '외부로부터의 불법 접근(해킹): Records of the booking server were copied',
      ourResponse: '- 서버 격리',
      department: '개인정보보호팀',
    });
    expect(body.content.redress).toContain('1833-6972');
    const en = await prefill('eu_authority_report', 'en');
    expect(en.content).toMatchObject({ approxSubjects: 1200, items: ['Identity', 'Contact details', 'Health data'] });
  });

  it('refuses a draft with any required item empty, naming it, for every kind', async () => {
    for (const kind of NOTICE_KINDS) {
      const full = await complete(kind, 'ko');
      for (const item of NOTICE_KINDS_SPEC[kind].required) {
        const blank = NOTICE_KINDS_SPEC[kind].fields[item] === 'list' ? [' '] : '';
        const res = await as('dpo')
          .post(`/api/incidents/${incidentId}/notices`)
          .send({ kind, locale: 'ko', content: { ...full, [item]: blank } });
        expect({ kind, item, status: res.status, code: res.body.code }).toEqual({
          kind,
          item,
          status: 422,
          code: 'NOTICE_ITEM_MISSING',
        });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual([item]);
        // Left out entirely is the same.
        const without = Object.fromEntries(Object.entries(full).filter(([field]) => field !== item));
        const res2 = await as('dpo')
          .post(`/api/incidents/${incidentId}/notices`)
          .send({ kind, locale: 'ko', content: without });
        expect(res2.status).toBe(422);
      }
    }
    const { rows } = { rows: await server.db.query('SELECT count(*)::int AS n FROM incident_notices') };
    expect(rows[0].n).toBe(0);
  });

  it('names the PIPA items of a notice to people: what leaked, when and how, what to do, response, redress, contact', () => {
    expect(NOTICE_KINDS_SPEC.kr_subject_notice.required).toEqual([
      'items',
      'occurredAt',
      'circumstances',
      'whatYouCanDo',
      'ourResponse',
      'redress',
      'department',
      'contact',
    ]);
    expect(NOTICE_KINDS_SPEC.eu_subject_notice.required).toEqual(['nature', 'dpoContact', 'consequences', 'measures']);
  });

  it('refuses a field the kind does not have, or of the wrong type', async () => {
    const full = await complete('eu_subject_notice', 'en');
    const res = await as('dpo')
      .post(`/api/incidents/${incidentId}/notices`)
      .send({ kind: 'eu_subject_notice', locale: 'en', content: { ...full, ssn: 'x', nature: 42 } })
      .expect(422);
    expect(res.body.code).toBe('NOTICE_CONTENT_INVALID');
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'content.nature',
      'content.ssn',
    ]);
    await as('dpo')
      .post(`/api/incidents/${incidentId}/notices`)
      .send({ kind: 'kr_letter', locale: 'ko', content: {} })
      .expect(422);
  });

  let regulatorReportId: string;

  it('saves versions per kind and language, rendered from the template, and lists them', async () => {
    const content = await complete('kr_regulator_report', 'ko');
    const first = await as('dpo')
      .post(`/api/incidents/${incidentId}/notices`)
      .send({ kind: 'kr_regulator_report', locale: 'ko', content })
      .expect(201);
    expect(first.body).toMatchObject({
      kind: 'kr_regulator_report',
      locale: 'ko',
      version: 1,
      templateKey: 'incident.kr-regulator-report',
      // Version 2: its Korean purpose was added by a migration (20261209000200); the text is version 1's.
      templateVersion: 2,
      subject: '개인정보 유출 등 신고서 (IN-2026-000901)',
      createdBy: { id: ids.get('dpo') },
      missing: [],
    });
    expect(first.body.body).toContain('2. 유출된 정보주체의 수: 1200명');
    const second = await as('security')
      .post(`/api/incidents/${incidentId}/notices`)
      .send({ kind: 'kr_regulator_report', locale: 'ko', content: { ...content, affectedCount: 1250 } })
      .expect(201);
    expect(second.body.version).toBe(2);
    regulatorReportId = second.body.id as string;
    const subjects = await as('dpo')
      .post(`/api/incidents/${incidentId}/notices`)
      .send({ kind: 'kr_subject_notice', locale: 'ko', content: await complete('kr_subject_notice', 'ko') })
      .expect(201);
    // The notice to people: version 3 of F6's template (2: redress as its own item; 3: its Korean
    // purpose); the name is a placeholder.
    expect(subjects.body).toMatchObject({ templateKey: 'incident.subject-notice', templateVersion: 3, version: 1 });
    expect(subjects.body.body).toContain('○○○님께');
    expect(subjects.body.body).toContain('1833-6972');

    const { body: list } = await as('auditor').get(`/api/incidents/${incidentId}/notices`).expect(200);
    expect((list as { kind: string; version: number }[]).map((n) => [n.kind, n.version])).toEqual([
      ['kr_regulator_report', 2],
      ['kr_regulator_report', 1],
      ['kr_subject_notice', 1],
    ]);
    const timeline: { kind: string; detail: { version: number } }[] = await server.db.query(
      `SELECT kind, detail FROM incident_timeline WHERE incident_id = $1 ORDER BY id`,
      [incidentId],
    );
    expect(timeline.map((t) => [t.kind, t.detail.version])).toEqual([
      ['notice_saved', 1],
      ['notice_saved', 2],
      ['notice_saved', 1],
    ]);
    const { body: otherList } = await as('dpo').get(`/api/incidents/${otherIncidentId}/notices`).expect(200);
    expect(otherList).toEqual([]);
  });

  it('renders the Korean report to a PDF whose text holds the Hangul, and logs the download', async () => {
    const res = await as('dpo')
      .get(`/api/incidents/${incidentId}/notices/${regulatorReportId}/pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('IN-2026-000901-kr-regulator-report-ko-v2.pdf');
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('개인정보 유출 등 신고서');
    expect(text).toContain('신원 정보');
    expect(text).toContain('1250명');
    const downloads = await events('incident-notice');
    expect(downloads.filter((e) => e.action === 'download')).toEqual([
      expect.objectContaining({
        actorId: ids.get('dpo'),
        outcome: 'success',
        detail: expect.objectContaining({ incidentId, noticeId: regulatorReportId, version: 2 }),
      }),
    ]);
    // Three saves so far; each refused draft is logged too, as denied.
    expect(downloads.filter((e) => e.action === 'create' && e.outcome === 'success')).toHaveLength(3);
  });

  it('renders a person’s copy with their name, from the version the notice was saved with', async () => {
    const [notice] = (await as('dpo').get(`/api/incidents/${incidentId}/notices`).expect(200)).body.filter(
      (n: { kind: string }) => n.kind === 'kr_subject_notice',
    );
    const copy = await server.app.get(IncidentNoticesService).renderFor(notice.id, { name: '김민지' });
    expect(copy.body).toContain('김민지님께');
    expect(copy).toMatchObject({ templateVersion: 3, locale: 'ko', kind: 'kr_subject_notice' });
  });

  it('asks the EU authority report for reasons for the delay once past 72 hours', async () => {
    const content = await complete('eu_authority_report', 'en');
    const onTime = Object.fromEntries(Object.entries(content).filter(([field]) => field !== 'delayReasons'));
    await as('dpo')
      .post(`/api/incidents/${incidentId}/notices`)
      .send({ kind: 'eu_authority_report', locale: 'en', content: onTime })
      .expect(201);
    // Aware on 7 September 12:00 UTC: the 72 h ended on 10 September, before "now" (11 September).
    const lateId = await insertIncident('IN-2026-000903', { aware_at: '2026-09-07T12:00:00Z' });
    const late = await as('dpo')
      .post(`/api/incidents/${lateId}/notices`)
      .send({ kind: 'eu_authority_report', locale: 'en', content: onTime })
      .expect(422);
    expect(late.body.code).toBe('NOTICE_ITEM_MISSING');
    expect((late.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['delayReasons']);
    const saved = await as('dpo')
      .post(`/api/incidents/${lateId}/notices`)
      .send({
        kind: 'eu_authority_report',
        locale: 'en',
        content: { ...onTime, delayReasons: 'Forensics took 4 days' },
      })
      .expect(201);
    expect(saved.body.version).toBe(1);
    // A stored obligation's due time counts: one due tomorrow is not late.
    await server.db.query(
      `INSERT INTO incident_obligations (incident_id, code, regime, recipient, due_at, status, created_at, updated_at)
       VALUES ($1, 'eu_authority', 'EU-GDPR', 'authority', '2026-09-12T00:00:00Z', 'pending', now(), now())`,
      [lateId],
    );
    await as('dpo')
      .post(`/api/incidents/${lateId}/notices`)
      .send({ kind: 'eu_authority_report', locale: 'en', content: onTime })
      .expect(201);
    expect(saved.body.body).toContain('Reasons for the delay');
  });

  it('checks CASL on the incident: the auditor reads only, support nothing; unknown ids are 404', async () => {
    const content = await complete('us_individual_notice', 'en');
    const save = (role: Role, id = incidentId) =>
      as(role).post(`/api/incidents/${id}/notices`).send({ kind: 'us_individual_notice', locale: 'en', content });
    await save('auditor').expect(403);
    await save('support').expect(403);
    await save('sysadmin').expect(403);
    await as('auditor')
      .get(`/api/incidents/${incidentId}/notices/prefill`)
      .query({ kind: 'us_individual_notice', locale: 'en' })
      .expect(403);
    await as('support').get(`/api/incidents/${incidentId}/notices`).expect(403);
    await as('support').get(`/api/incidents/${incidentId}/notices/${regulatorReportId}/pdf`).expect(403);
    await as('auditor').get(`/api/incidents/${incidentId}/notices/${regulatorReportId}/pdf`).expect(200);
    await save('security').expect(201);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await save('dpo', missing).expect(404)).body.code).toBe('INCIDENT_NOT_FOUND');
    // A notice of another incident is not found under this one.
    await as('dpo').get(`/api/incidents/${otherIncidentId}/notices/${regulatorReportId}/pdf`).expect(404);
    await as('dpo').get(`/api/incidents/${incidentId}/notices/${missing}/pdf`).expect(404);
    expect((await as('dpo').get(`/api/incidents/not-a-uuid/notices`).expect(422)).body.code).toBe('VALIDATION_FAILED');
  });
});
