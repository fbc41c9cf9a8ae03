import { Workbook } from 'exceljs';
import type request from 'supertest';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { EXPORT_COLUMNS } from '../../server/src/registers/register-exporter';
import { RegisterImportService } from '../../server/src/registers/register-import.service';
import { FakeClock } from '../support/fake-clock';
import { Agent, startTestServer, TestServer } from '../support/server';
import { disclosureBody, prepareDisclosures, processorBody, signedIn } from './registers.fixtures';

/** Collects a binary answer (supertest parses only text and JSON by itself). */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

const loadWorkbook = async (body: Buffer) => {
  const workbook = new Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
};

describe('registers: exports', () => {
  let server: TestServer;
  let dpo: Agent;
  let auditor: Agent;
  let policyId: string;
  let evil: Record<string, unknown>;

  beforeAll(async () => {
    server = await startTestServer();
    await prepareDisclosures(server);
    dpo = await signedIn(server, 'dpo');
    auditor = await signedIn(server, 'auditor');
    policyId = (await dpo.post('/api/registers/profiles/maumjuui/import').send({ reason: 'load maumjuui' }).expect(201))
      .body.policyId as string;
    evil = (
      await dpo
        .post('/api/registers/processors')
        .send(
          processorBody(policyId, {
            recipient: { ko: '=HYPERLINK("http://evil.example","click")', en: '+cmd|"/c calc"!A1' },
            task: { ko: '@SUM(1,2)', en: '-2+3, "quoted"\nnext line' },
          }),
        )
        .expect(201)
    ).body;
    await dpo.post('/api/legal-disclosures').send(disclosureBody()).expect(201);
  });
  afterAll(() => server.close());

  const events = async (resource: string) => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      "SELECT canonical FROM audit_events WHERE resource = $1 AND action = 'download' AND outcome = 'success' ORDER BY seq",
      [resource],
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as Record<string, unknown>);
  };

  it('exports a register as CSV with a stable header, and quotes cells a spreadsheet would run as formulas', async () => {
    const res = await dpo.get('/api/registers/processors/export').query({ format: 'csv', policyId }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="register-processors-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['x-row-count']).toBe('5');
    const text = res.text;
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(EXPORT_COLUMNS.processors.join(','));
    expect(lines[0]).toContain('contractTerms.liability');
    const evilLine = lines.find((l) => l.startsWith(evil.id as string))!;
    expect(evilLine).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(evilLine).toContain(`"'+cmd|""/c calc""!A1"`);
    expect(evilLine).toContain("'@SUM(1,2)");
    expect(evilLine).toContain(`"'-2+3, ""quoted""\nnext line"`);
    // No cell begins with a formula character unquoted.
    for (const cell of evilLine.split(',')) expect(cell).not.toMatch(/^[=+\-@]/);
    const [event] = (await events('register-processors')).slice(-1);
    expect(event).toMatchObject({
      outcome: 'success',
      detail: { register: 'processors', format: 'csv', rows: 5, policyId },
    });
  });

  it('exports a register as XLSX that exceljs opens, with the same columns, and as JSON', async () => {
    const res = await dpo
      .get('/api/registers/transfers/export')
      .query({ format: 'xlsx' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = await loadWorkbook(res.body as Buffer);
    const sheet = workbook.getWorksheet('Transfers')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.transfers);
    expect(sheet.rowCount).toBe(4);
    const countryColumn = EXPORT_COLUMNS.transfers.indexOf('countryName.en') + 1;
    expect(sheet.getRow(2).getCell(countryColumn).value).toBe('United States');

    const json = await dpo.get('/api/registers/activities/export').query({ format: 'json' }).expect(200);
    expect(json.body).toMatchObject({ register: 'activities', asOf: null });
    expect(json.body.rows).toHaveLength(6);
    expect(json.body.rows[0].retention.display.en).toBeTruthy();
    expect((await events('register-transfers')).at(-1)).toMatchObject({ detail: { format: 'xlsx', rows: 3 } });
  });

  it('exports every register in one XLSX for a regulator, with the disclosures for the DPO', async () => {
    const res = await dpo.get('/api/registers/export').query({ format: 'xlsx' }).buffer(true).parse(binary).expect(200);
    const workbook = await loadWorkbook(res.body as Buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Record',
      'Policies',
      'Activities',
      'Processors',
      'Provisions',
      'Transfers',
      'RetentionRules',
      'LegalDisclosures',
    ]);
    expect(workbook.getWorksheet('Processors')!.rowCount).toBe(1 + 5);
    expect(workbook.getWorksheet('RetentionRules')!.rowCount).toBe(1 + 13);
    const evilRow = workbook
      .getWorksheet('Processors')!
      .getRows(2, 5)!
      .find((r) => r.getCell(1).value === evil.id)!;
    expect(evilRow.getCell(EXPORT_COLUMNS.processors.indexOf('recipient.ko') + 1).value).toMatch(/^'=HYPERLINK/);
    const [event] = (await events('registers')).slice(-1);
    expect(event).toMatchObject({ detail: { format: 'xlsx', includes: expect.arrayContaining(['disclosures']) } });
    // The disclosure's subject has their own download event.
    const subjectEvents = (await events('legal-disclosure')).filter((e) => e.subjectId === disclosureBody().subjectId);
    expect(subjectEvents.at(-1)).toMatchObject({ detail: { export: 'combined-xlsx' } });
  });

  it('exports the combined record as Markdown (Art. 30) and JSON, as of a past date too', async () => {
    const md = await auditor.get('/api/registers/export').query({ format: 'markdown', lang: 'en' }).expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.text).toContain('# Record of processing activities and registers');
    expect(md.text).toContain('### Processing activities (GDPR Art. 30(1))');
    expect(md.text).toContain('PHI/Sensitive Data (Explicit Consent)');
    expect(md.text).toContain('## Legal disclosures');
    const ko = await dpo.get('/api/registers/export').query({ format: 'markdown' }).expect(200);
    expect(ko.text).toContain('# 개인정보 처리 활동 기록 및 대장');

    const past = await dpo.get('/api/registers/export').query({ format: 'json', asOf: '2000-01-01' }).expect(200);
    expect(past.body).toMatchObject({ asOf: '2000-01-01', policies: [], processors: [], transfers: [] });
    const now = await dpo.get('/api/registers/export').query({ format: 'json', policyId }).expect(200);
    expect(now.body.processors).toHaveLength(5);
    expect(now.body.policies).toEqual([expect.objectContaining({ id: policyId, code: 'maumjuui' })]);
  });

  it('refuses an unknown export format or a bad asOf with a 4xx and logs no successful download', async () => {
    const before = (await events('register-processors')).length;
    await dpo.get('/api/registers/processors/export').query({ format: 'pdf' }).expect(422);
    await dpo.get('/api/registers/processors/export').query({ asOf: 'last week' }).expect(422);
    await dpo.get('/api/registers/export').query({ format: 'csv' }).expect(422);
    expect(await events('register-processors')).toHaveLength(before);
  });

  // Last: it adds the shelby registers the tests above do not expect.
  it('seeds the demo registers once, importing only the profiles not there yet', async () => {
    const imports = server.app.get(RegisterImportService);
    expect(await imports.ensureDemoRegisters()).toEqual(['shelby']);
    expect(await imports.ensureDemoRegisters()).toEqual([]);
    const authors: { author_name: string; author_id: string | null }[] = await server.db.query(
      "SELECT DISTINCT author_name, author_id FROM register_versions WHERE operation = 'import' ORDER BY author_name",
    );
    expect(authors).toEqual([
      { author_name: 'Demo data', author_id: null },
      { author_name: 'dpo', author_id: expect.any(String) },
    ]);
    const profiles = (await dpo.get('/api/registers/profiles').expect(200)).body as { policyId: string | null }[];
    expect(profiles.every((p) => p.policyId !== null)).toBe(true);
  });
});

describe('registers: exports that name people need step-up', () => {
  let server: TestServer;
  let clock: FakeClock;
  let dpo: Agent;
  let support: Agent;

  beforeAll(async () => {
    clock = new FakeClock();
    server = await startTestServer({ clock });
    dpo = await signedIn(server, 'dpo');
    support = await signedIn(server, 'support');
  });
  afterAll(() => server.close());

  it('asks for a fresh code before exporting legal disclosures, alone or in the combined document', async () => {
    await dpo.get('/api/legal-disclosures/export').query({ format: 'json' }).expect(200);
    await dpo.get('/api/registers/export').query({ format: 'json' }).expect(200);
    clock.advance(6 * 60_000);
    for (const path of ['/api/legal-disclosures/export', '/api/registers/export']) {
      const res = await dpo.get(path).query({ format: 'json' }).expect(403);
      expect(res.body.code).toBe('STEP_UP_REQUIRED');
    }
    // Support's combined document holds no disclosures, so no step-up is asked.
    const plain = await support.get('/api/registers/export').query({ format: 'json' }).expect(200);
    expect(plain.body.includes).not.toContain('disclosures');
  });
});
