import { Workbook } from 'exceljs';
import type request from 'supertest';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { registerColumns } from '../../server/src/incidents/register/incident-register.exporter';
import { FakeClock } from '../support/fake-clock';
import { pdfText } from '../support/pdf-text';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { insertIncident, insertObligation } from './incident-register.fixtures';

/** Collects a binary answer (supertest parses only text and JSON by itself). */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** RFC 4180 lines of a CSV body (no cell here holds a line break). */
const csvRows = (body: string) =>
  body
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')),
    )
    .map((cells) => cells.slice(0, -1));

/**
 * The breach register (GDPR Art. 33(5): every breach, reported or not) as CSV and XLSX, and the
 * per-incident PDF report in Korean and English: read by security, the DPO and the auditor,
 * refused to support and the sysadmin, each download in the access log.
 */
describe('incidents: breach register and report', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  const as = (role: Role) => clients.get(role)!;
  let closed: { id: string; reference: string };
  let open: { id: string; reference: string };
  let older: { id: string; reference: string };

  const events = async (resource: string): Promise<CanonicalAuditEvent[]> => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      `SELECT canonical FROM audit_events WHERE resource = $1 ORDER BY seq`,
      [resource],
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  };

  beforeAll(async () => {
    server = await startTestServer({
      clock: new FakeClock(Date.parse('2026-11-10T03:00:00Z')),
      env: { AUDIT_SEQUENCER: 'false' },
    });
    await signInEveryRole(server, clients, { ids });
    const security = ids.get('security')!;
    // Reported late, reviewed and closed.
    closed = await insertIncident(server, security, {
      title: '=HYPERLINK("http://evil")',
      status: 'closed',
      closed_at: '2026-11-08T05:00:00Z',
      lessons_learned: 'Patch the notes server within a day',
      register_facts: '상담 기록 서버에 웹셸이 설치되어 연락처가 유출됨',
      register_effects: '1,200명의 연락처와 건강정보가 노출될 수 있었음',
      register_remedial_action: 'Server rebuilt, credentials rotated, people notified',
    });
    await insertObligation(server, closed.id, {
      status: 'done',
      done_at: '2026-11-06T01:00:00Z',
      late_reason: 'The count was confirmed only on day four',
      external_reference: 'PIPC-2026-77',
    });
    await insertObligation(server, closed.id, {
      code: 'eu_authority',
      regime: 'EU-GDPR',
      recipient: 'authority',
      status: 'not_required',
      decision_reasons: 'No EU resident among the affected',
    });
    await server.db.query(
      `INSERT INTO incident_tasks (incident_id, phase, position, title, due_at, completed_at, completed_by, created_at, updated_at)
       VALUES ($1, 'containment_eradication_recovery', 0, '{"ko":"서버 격리","en":"Isolate the server"}', '2026-11-02T05:00:00Z',
               '2026-11-02T04:00:00Z', $2, now(), now()),
              ($1, 'post_incident', 1, '{"ko":"교훈 정리","en":"Lessons learned"}', '2026-11-09T05:00:00Z', NULL, NULL, now(), now())`,
      [closed.id, security],
    );
    await server.db.query(
      `INSERT INTO incident_timeline (incident_id, kind, detail, actor_id, at)
       VALUES ($1, 'opened', '{"vector":"outside_hacking"}', $2, '2026-11-02T01:00:00Z'),
              ($1, 'clock_escalated', '{"code":"kr_subjects","escalation":"overdue"}', NULL, '2026-11-05T01:10:00Z')`,
      [closed.id, security],
    );
    // Never reported: still in the register.
    open = await insertIncident(server, security, {
      title: 'Laptop left on a train',
      vector: 'loss_theft',
      aware_at: '2026-11-09T01:00:00Z',
      detected_at: '2026-11-09T00:30:00Z',
      affected_estimated: 3,
      sensitive_data: false,
    });
    older = await insertIncident(server, security, {
      title: 'Misdirected letter',
      vector: 'misdelivery',
      detected_at: '2026-03-01T00:00:00Z',
      aware_at: '2026-03-01T00:00:00Z',
    });
  });
  afterAll(() => server.close());

  it('exports every incident aware in the period as CSV with bilingual headers, reported or not', async () => {
    const res = await as('auditor').get('/api/incidents/register.csv').query({ from: '2026-11-01', to: '2026-11-30' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="breach-register-2026-11-10.csv"');
    const [header, ...rows] = csvRows(res.text);
    expect(header).toEqual(registerColumns('Asia/Seoul').map((c) => `${c.header.ko} / ${c.header.en}`));
    expect(header.slice(0, 3)).toEqual(['참조번호 / Reference', '제목 / Title', '상태 / Status']);
    expect(rows.map((r) => r[0])).toEqual([closed.reference, open.reference]);
    const cell = (row: string[], en: string) => row[header.findIndex((h) => h.endsWith(` / ${en}`))];
    const [c, o] = rows;
    // A title that looks like a formula stays text.
    expect(cell(c, 'Title')).toBe(`'=HYPERLINK("http://evil")`);
    expect(cell(c, 'Became aware at (Asia/Seoul)')).toBe('2026-11-02 10:00');
    expect(cell(c, 'Reported or notified')).toBe('예 / yes (1)');
    expect(cell(c, 'KR notice to people (PIPA): status')).toBe('완료 / done (지연 / late)');
    expect(cell(c, 'KR notice to people (PIPA): due (Asia/Seoul)')).toBe('2026-11-05 10:00');
    expect(cell(c, 'KR notice to people (PIPA): done (Asia/Seoul)')).toBe('2026-11-06 10:00');
    expect(cell(c, 'KR notice to people (PIPA): reason (late or not required)')).toBe(
      'The count was confirmed only on day four',
    );
    expect(cell(c, 'EU supervisory authority (GDPR Art. 33): status')).toBe('불필요 / not required');
    expect(cell(c, 'EU supervisory authority (GDPR Art. 33): reason (late or not required)')).toBe(
      'No EU resident among the affected',
    );
    expect(cell(c, 'Facts (GDPR Art. 33(5))')).toBe('상담 기록 서버에 웹셸이 설치되어 연락처가 유출됨');
    expect(cell(c, 'Remedial action (GDPR Art. 33(5))')).toBe('Server rebuilt, credentials rotated, people notified');
    expect(cell(c, 'Lessons learned')).toBe('Patch the notes server within a day');
    expect(cell(c, 'Closed at (Asia/Seoul)')).toBe('2026-11-08 14:00');
    expect(cell(o, 'Reported or notified')).toBe('아니오 / no');
    expect(cell(o, 'Vector')).toBe('분실·도난 / Loss or theft');
    // Without a period: all three, oldest first.
    const all = csvRows((await as('security').get('/api/incidents/register.csv').expect(200)).text);
    expect(all.slice(1).map((r) => r[0])).toEqual([older.reference, closed.reference, open.reference]);
    expect((await events('incident-register')).at(-2)).toMatchObject({
      action: 'download',
      actorRole: 'auditor',
      outcome: 'success',
      detail: { format: 'csv', from: '2026-11-01', to: '2026-11-30', rows: 2 },
    });
  });

  it('counts the period in the organisation time zone, both days included', async () => {
    // 2026-11-09 10:00 in Seoul: inside a period that ends on the 9th, outside one starting on the 10th.
    const through9 = csvRows((await as('dpo').get('/api/incidents/register.csv?from=2026-11-09&to=2026-11-09')).text);
    expect(through9.slice(1).map((r) => r[0])).toEqual([open.reference]);
    const from10 = csvRows((await as('dpo').get('/api/incidents/register.csv?from=2026-11-10')).text);
    expect(from10).toHaveLength(1);
  });

  it('exports the register as XLSX that exceljs reads back', async () => {
    const res = await as('dpo')
      .get('/api/incidents/register.xlsx')
      .query({ from: '2026-11-01' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Breach register')!;
    const columns = registerColumns('Asia/Seoul');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(
      columns.map((c) => `${c.header.ko} / ${c.header.en}`),
    );
    expect(sheet.rowCount).toBe(3);
    const col = (en: string) => columns.findIndex((c) => c.header.en === en) + 1;
    expect(sheet.getRow(2).getCell(1).value).toBe(closed.reference);
    expect(sheet.getRow(2).getCell(col('Effects (GDPR Art. 33(5))')).value).toBe(
      '1,200명의 연락처와 건강정보가 노출될 수 있었음',
    );
    expect(sheet.getRow(3).getCell(col('Reported or notified')).value).toBe('아니오 / no');
    expect(workbook.getWorksheet('About')!.getRow(6).values).toEqual([undefined, '건수 / Incidents', 2]);
    expect((await events('incident-register')).at(-1)).toMatchObject({
      actorRole: 'dpo',
      detail: { format: 'xlsx', from: '2026-11-01', to: null, rows: 2 },
    });
  });

  it('renders one incident as a PDF report in Korean and in English', async () => {
    const ko = await as('dpo').get(`/api/incidents/${closed.id}/report.pdf`).buffer(true).parse(binary).expect(200);
    expect(ko.headers['content-type']).toBe('application/pdf');
    const koText = (await pdfText(ko.body as Buffer)).replace(/\s+/g, ' ');
    for (const expected of [
      `개인정보 유출 사고 보고서 ${closed.reference}`,
      '사고 개요',
      '신고·통지 의무',
      '정보주체 통지(PIPA)',
      'The count was confirmed only on day four',
      '봉쇄·제거·복구',
      'clock_escalated',
      '상담 기록 서버에 웹셸이 설치되어 연락처가 유출됨',
      'Patch the notes server within a day',
    ]) {
      expect(koText).toContain(expected);
    }
    const en = await as('auditor')
      .get(`/api/incidents/${closed.id}/report.pdf?locale=en`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const enText = (await pdfText(en.body as Buffer)).replace(/\s+/g, ' ');
    expect(enText).toContain(`Incident report ${closed.reference}`);
    expect(enText).toContain('Checklist by phase');
    expect(enText).toContain('Breach register (GDPR Art. 33(5))');
    expect((await events('incident')).slice(-2)).toMatchObject([
      {
        action: 'download',
        actorRole: 'dpo',
        detail: { incidentId: closed.id, reference: closed.reference, locale: 'ko' },
      },
      { action: 'download', actorRole: 'auditor', detail: { incidentId: closed.id, locale: 'en' } },
    ]);
  });

  it('refuses support and the sysadmin every export, and logs the refusal', async () => {
    for (const role of ['support', 'sysadmin'] as const) {
      for (const path of ['register.csv', 'register.xlsx', `${closed.id}/report.pdf`]) {
        const res = await as(role).get(`/api/incidents/${path}`);
        expect({ role, path, status: res.status }).toEqual({ role, path, status: 403 });
      }
    }
    for (const role of ['security', 'dpo', 'auditor'] as const) {
      expect((await as(role).get('/api/incidents/register.csv')).status).toBe(200);
    }
  });

  it('answers bad input with a problem naming the field, an unknown incident with 404', async () => {
    const problem = async (path: string) => {
      const res = await as('dpo').get(path);
      return { status: res.status, code: res.body.code, field: res.body.errors?.[0]?.field };
    };
    expect(await problem('/api/incidents/register.csv?from=2026-11-31')).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      field: 'from',
    });
    expect(await problem('/api/incidents/register.csv?from=2026-11-10&to=2026-11-01')).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      field: 'to',
    });
    expect(await problem('/api/incidents/register.xlsx?from=yesterday')).toMatchObject({ status: 422, field: 'from' });
    expect(await problem(`/api/incidents/${closed.id}/report.pdf?locale=fr`)).toMatchObject({
      status: 422,
      field: 'locale',
    });
    expect(await problem('/api/incidents/00000000-0000-4000-8000-000000000000/report.pdf')).toEqual({
      status: 404,
      code: 'INCIDENT_NOT_FOUND',
      field: undefined,
    });
  });
});
