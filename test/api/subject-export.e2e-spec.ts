import { randomUUID } from 'node:crypto';
import { ForbiddenError } from '@casl/ability';
import type { StaffContext } from '../../server/src/context/staff-context';
import { defineAbilityFor } from '../../server/src/authorization/abilities';
import type { Role } from '../../server/src/authorization/roles';
import { Transactions } from '../../server/src/database/transactions';
import { RegisterImportService } from '../../server/src/registers/register-import.service';
import { RegistersService } from '../../server/src/registers/registers.service';
import type { ExportDocument } from '../../server/src/subjects/export/subject-export.service';
import { SubjectExportService, type ExportOptions } from '../../server/src/subjects/export/subject-export.service';
import { Aad, SubjectCrypto } from '../../server/src/subjects/crypto/subject-crypto';
import { SubjectKeysService } from '../../server/src/subjects/subject-keys.service';
import { accessLogEventsOf } from '../support/audit-fixtures';
import { pdfText } from '../support/pdf-text';
import { PASSWORD, startTestServer, TestServer } from '../support/server';
import { createSubject } from '../support/subject-factory';

/**
 * The access and portability package (F7; REQUIREMENTS A: GDPR Art. 15, Decree Art. 41(1),
 * 45 CFR 164.524) on the real PostgreSQL, through the service the rights request's approve
 * step calls.
 */
describe('subject export package', () => {
  let server: TestServer;
  let exporter: SubjectExportService;
  let tx: Transactions;
  const staff: Partial<Record<Role, string>> = {};

  beforeAll(async () => {
    server = await startTestServer();
    exporter = server.app.get(SubjectExportService);
    tx = server.app.get(Transactions);
    await server.app.get(RegisterImportService).ensureDemoRegisters();
    for (const role of ['dpo', 'support'] as const) {
      staff[role] = (await server.createStaff({ email: `${role}@export.test`, role, password: PASSWORD })).id;
    }
  }, 120_000);

  afterAll(async () => {
    await server.close();
  });

  const ctxOf = (role: 'dpo' | 'support', requestId: string): StaffContext => ({
    id: staff[role]!,
    email: `${role}@export.test`,
    displayName: role,
    role,
    sessionId: randomUUID(),
    stage: 'full',
    mfaVerifiedAt: server.clock.now(),
    mfaEnrolled: true,
    ability: defineAbilityFor({ id: staff[role]!, role }),
    origin: { actorId: staff[role]!, actorRole: role, requestId },
  });

  const options = (subjectId: string, more: Partial<ExportOptions> = {}): ExportOptions => ({
    subjectId,
    requestId: `RR-TEST-${randomUUID().slice(0, 8)}`,
    locale: 'en',
    regimes: ['KR-PIPA', 'EU-GDPR'],
    portability: false,
    registerFacts: server.app.get(RegistersService).exportFacts(),
    ...more,
  });

  const build = (o: ExportOptions, role: 'dpo' | 'support' = 'dpo') => exporter.build(ctxOf(role, o.requestId), o);
  const parse = (json: Buffer) => JSON.parse(json.toString('utf8')) as ExportDocument;
  /** The package's data part, as the tests read it. */
  interface Data {
    profile: Record<string, unknown>;
    sensitiveData: Record<string, unknown>[];
    consents: unknown[];
    socialLinks: unknown[];
    recordings: unknown[];
    children: Record<string, unknown>[];
    counselingRecords: { id: string; content: Record<string, string> | null; redacted: boolean }[];
  }
  interface Safeguards {
    pipaBasis: { code: string; label: string };
    gdprMechanism: { code: string; label: string } | null;
  }
  const dataOf = (doc: ExportDocument) => doc.data as unknown as Data;

  /** The access-log events carrying this request id, in the inbox or already sequenced. */
  const eventsOf = (requestId: string) =>
    accessLogEventsOf<{ action: string; resource: string; detail: Record<string, unknown> }>(server, requestId);

  const client = () =>
    createSubject(server, {
      name: '김하늘',
      phone: '010-3456-7890',
      records: [
        { content: { notes: 'Client talked about work stress. Her sister Mina has depression.' } },
        { content: { notes: 'Process note: counselor hypothesis about attachment.' }, psychotherapyNotes: true },
        { kind: 'result', content: { result: 'Course completed.' } },
      ],
      sensitive: [{ category: 'medication', content: 'sertraline 50mg' }],
      consents: [{ purpose: 'phi' }, { purpose: 'marketing', granted: false }],
      socialLinks: ['kakao'],
      recordings: [{}],
    });

  it.each(['en', 'ko'] as const)('carries every GDPR Art. 15 field, in %s, in the JSON and the PDF', async (locale) => {
    const person = await client();
    const o = options(person.id, { locale });
    const pkg = await build(o);
    const doc = parse(pkg.json);
    expect(doc).toMatchObject({ schema: 'poc.subject-export', schemaVersion: '1.0', locale, requestId: o.requestId });
    // The data itself, decrypted.
    const data = dataOf(doc);
    expect(data.profile).toMatchObject({ name: '김하늘', email: person.email, phone: '010-3456-7890' });
    expect(data.sensitiveData[0]).toMatchObject({ category: 'medication', content: 'sertraline 50mg' });
    expect(data.counselingRecords).toHaveLength(3);
    expect(data.consents).toHaveLength(2);
    expect(data.socialLinks).toHaveLength(1);
    expect(data.recordings).toHaveLength(1);
    // (a) purposes, (b) categories, (c) recipients with third countries and safeguards, (d) retention.
    expect(doc.purposes!.length).toBeGreaterThan(0);
    for (const p of doc.purposes!) expect(p.purpose).toEqual(expect.any(String));
    expect(doc.categories!.map((c) => c.code)).toEqual(expect.arrayContaining(['counseling', 'contact']));
    const transfers = doc.recipients!.transfers;
    expect(transfers.length).toBeGreaterThan(0);
    for (const t of transfers) {
      expect(t.country).toMatch(/^[A-Z]{2}$/);
      expect(t.countryName).toEqual(expect.any(String));
      expect((t.safeguards as Safeguards).pipaBasis.code).toEqual(expect.any(String));
      expect((t.safeguards as Safeguards).pipaBasis.label).toEqual(expect.any(String));
    }
    expect(transfers.some((t) => (t.safeguards as Safeguards).gdprMechanism !== null)).toBe(true);
    expect(doc.recipients!.processors.length).toBeGreaterThan(0);
    expect(doc.retention!.length).toBeGreaterThan(0);
    for (const r of doc.retention!) expect(r.retention).toEqual(expect.any(String));
    // (e) rights, (f) the complaint right (Korean bodies, and the EU authority as the GDPR applies), (g) source.
    expect(doc.rights!.rights.length).toBeGreaterThanOrEqual(6);
    const complaints = doc.rights!.complaints.map((c) => `${c.name} ${c.contact}`).join('\n');
    expect(complaints).toMatch(/PIPC/);
    expect(complaints).toMatch(/118/);
    expect(complaints).toMatch(/privacy\.kisa\.or\.kr/);
    expect(complaints).toMatch(/1833-6972/);
    expect(complaints).toMatch(/EU/);
    expect(doc.source).toEqual(expect.any(String));
    expect(doc.disclosures).toEqual([]);
    // In the requester's language.
    if (locale === 'ko') {
      expect(doc.purposes![0].purpose).toMatch(/[가-힣]/);
      expect(doc.source).toMatch(/[가-힣]/);
    } else {
      expect(doc.source).not.toMatch(/[가-힣]/);
    }
    const text = await pdfText(pkg.pdf);
    const headings =
      locale === 'ko'
        ? [
            '처리 목적',
            '처리하는 개인정보 항목',
            '국외 이전',
            '보유 기간',
            '정보주체의 권리',
            '권리 침해 신고',
            '개인정보의 출처',
          ]
        : [
            'Purposes',
            'Categories of data',
            'Transfers to other countries',
            'Retention',
            'Your rights',
            'How to complain',
            'Where the data came from',
          ];
    for (const h of headings) expect(text).toContain(h);
    expect(text).toContain('1833-6972');
    expect(text).toContain('sertraline 50mg');
    // Table cells wrap: compare without the line breaks.
    expect(text.replace(/\s+/g, '')).toContain((transfers[0].recipient as string).replace(/\s+/g, ''));
    expect(pkg.fileName).toContain(o.requestId);
  });

  it('names only the EU supervisory authority when the GDPR applies', async () => {
    const person = await createSubject(server);
    const doc = parse((await build(options(person.id, { regimes: ['KR-PIPA'] }))).json);
    expect(doc.rights!.complaints.map((c) => c.name).join(' ')).not.toMatch(/EU/);
  });

  it('covers only the items asked for (Decree Art. 41(1))', async () => {
    const person = await client();
    const doc = parse((await build(options(person.id, { items: ['retention', 'rights'] }))).json);
    expect(doc.retention!.length).toBeGreaterThan(0);
    expect(doc.rights).toBeDefined();
    expect(doc.data).toBeUndefined();
    expect(doc.purposes).toBeUndefined();
    expect(doc.recipients).toBeUndefined();
  });

  it('excludes psychotherapy notes when HIPAA applies, and only then', async () => {
    const person = await client();
    const hipaa = await build(options(person.id, { regimes: ['US-HIPAA'] }));
    expect(hipaa.summary).toMatchObject({ records: 2, excludedPsychotherapyNotes: 1 });
    expect(hipaa.json.toString()).not.toContain('counselor hypothesis');
    expect(await pdfText(hipaa.pdf)).not.toContain('counselor hypothesis');
    expect(parse(hipaa.json).withheld.psychotherapyNotes).toBe(1);

    const other = await build(options(person.id, { regimes: ['KR-PIPA', 'EU-GDPR'] }));
    expect(other.summary).toMatchObject({ records: 3, excludedPsychotherapyNotes: 0 });
    expect(other.json.toString()).toContain('counselor hypothesis');
  });

  it('replaces a redacted span (or a whole note) with the marker and lists each redaction', async () => {
    const person = await client();
    const [note, , result] = person.recordIds;
    const text = 'Client talked about work stress. Her sister Mina has depression.';
    const from = text.indexOf('Her sister');
    const redactions = [
      { recordId: note, reason: 'About the client’s sister', spans: [{ from, to: text.length }] },
      { recordId: result, reason: 'Names another family member' },
    ];
    const pkg = await build(options(person.id, { redactions }));
    const records = dataOf(parse(pkg.json)).counselingRecords;
    const redactedNote = records.find((r) => r.id === note)!;
    expect(redactedNote.content!.notes).toBe(
      'Client talked about work stress. [withheld: information about another person]',
    );
    expect(redactedNote.redacted).toBe(true);
    expect(records.find((r) => r.id === result)!.content!.result).toBe('[withheld: information about another person]');
    expect(pkg.json.toString()).not.toContain('Mina');
    expect(pkg.json.toString()).not.toContain('Course completed');
    expect(await pdfText(pkg.pdf)).not.toContain('Mina');
    expect(pkg.summary.redactions).toEqual(redactions);
    // The package says that something was withheld, never the DPO's reason (it may describe the third party).
    expect(parse(pkg.json).withheld.redactedRecords).toEqual([
      { recordId: note, whole: false },
      { recordId: result, whole: true },
    ]);
    expect(pkg.json.toString()).not.toContain('sister’s');
  });

  it('refuses a redaction of a record the person does not hold (422, nothing logged)', async () => {
    const person = await client();
    const other = await client();
    const o = options(person.id, { redactions: [{ recordId: other.recordIds[0], reason: 'not theirs' }] });
    await expect(build(o)).rejects.toMatchObject({ status: 422 });
    expect(await eventsOf(o.requestId)).toEqual([]);
  });

  it('logs the read in the caller’s transaction: committed with it, gone when it rolls back', async () => {
    const person = await client();
    const ok = options(person.id);
    await tx.run(() => build(ok));
    const events = await eventsOf(ok.requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'export',
      resource: 'subject-export',
      subjectId: `subject:${person.id}`,
      detail: { requestId: ok.requestId, records: 3, items: expect.arrayContaining(['data', 'recipients']) },
    });
    expect((events[0] as unknown as { fields: string[] }).fields).toEqual(
      expect.arrayContaining(['counselingNotes', 'psychotherapyNotes']),
    );

    const failed = options(person.id);
    await expect(
      tx.run(async () => {
        await build(failed);
        throw new Error('the approve step failed after the export');
      }),
    ).rejects.toThrow('the approve step failed');
    expect(await eventsOf(failed.requestId)).toEqual([]);
  });

  it('refuses support (CASL: only the DPO exports), before reading anything', async () => {
    const person = await client();
    const o = options(person.id);
    await expect(build(o, 'support')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await eventsOf(o.requestId)).toEqual([]);
  });

  it('answers 404 for an unknown person', async () => {
    await expect(build(options(randomUUID()))).rejects.toMatchObject({ code: 'SUBJECT_NOT_FOUND' });
  });

  it('covers a child’s records for the guardian’s request, and the guardian’s own as client', async () => {
    const guardian = await createSubject(server, { kind: 'guardian', service: 'shelby', name: '장하은' });
    const child = await createSubject(server, {
      kind: 'child',
      service: 'shelby',
      name: '장서윤',
      guardianId: guardian.id,
    });
    // Shelby: the result is the guardian's (client) row about the child, sealed under the guardian's key.
    const key = await server.app.get(SubjectKeysService).dataKey(guardian.id);
    const recordId = randomUUID();
    const counselor = (await createSubject(server, { kind: 'counselor', service: 'shelby', email: null })).id;
    await server.db.query(
      `INSERT INTO subject_counseling_records (id, subject_id, counselor_id, child_id, kind, session_at, content_cipher)
       VALUES ($1, $2, $3, $4, 'result', now() - interval '2 days', $5)`,
      [
        recordId,
        guardian.id,
        counselor,
        child.id,
        server.app
          .get(SubjectCrypto)
          .seal(key, Aad.record(recordId), JSON.stringify({ result: '놀이 평가 결과: 양호' })),
      ],
    );
    const childDoc = parse((await build(options(child.id, { locale: 'ko', regimes: ['KR-PIPA'] }))).json);
    expect(dataOf(childDoc).counselingRecords).toEqual([
      expect.objectContaining({ id: recordId, aboutChildId: child.id, content: { result: '놀이 평가 결과: 양호' } }),
    ]);
    expect(childDoc.source).toMatch(/법정대리인/);
    const guardianDoc = parse((await build(options(guardian.id, { locale: 'ko', regimes: ['KR-PIPA'] }))).json);
    expect(dataOf(guardianDoc).counselingRecords.map((r) => r.id)).toEqual([recordId]);
    expect(dataOf(guardianDoc).children).toEqual([expect.objectContaining({ id: child.id, name: '장서윤' })]);
  });
});
