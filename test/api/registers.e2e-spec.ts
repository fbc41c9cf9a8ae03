import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { FakeClock } from '../support/fake-clock';
import { Agent, startTestServer, TestServer } from '../support/server';
import {
  ALL_TERMS,
  processorBody,
  publishedPolicy,
  rowsUnder,
  signedIn,
  signInAgain,
  TABLES,
  transferBody,
} from './registers.fixtures';

const DAY = 86_400_000;

describe('registers: profiles, policy tables, drift, history and alerts', () => {
  let server: TestServer;
  let clock: FakeClock;
  let dpo: Agent;
  const policies: Record<string, string> = {};

  const seoulDate = (date: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Seoul',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(date);
  const render = (policy: string, query: Record<string, string>) =>
    dpo.get(`/api/registers/policies/${policies[policy]}/render`).query(query).expect(200);
  const listOf = async (register: string, filter: object, query: Record<string, string> = {}) =>
    (
      await dpo
        .get(`/api/registers/${register}`)
        .query({ filter: JSON.stringify(filter), ...query })
        .expect(200)
    ).body;
  const zoomTransfer = async () =>
    (await listOf('transfers', { policyId: policies.maumjuui, q: 'Zoom' }))[0] as Record<string, unknown>;
  const alerts = async () => (await dpo.get('/api/registers/alerts').expect(200)).body as Record<string, unknown>[];

  beforeAll(async () => {
    clock = new FakeClock();
    server = await startTestServer({ clock });
    dpo = await signedIn(server, 'dpo');
    for (const code of ['maumjuui', 'shelby']) {
      const res = await dpo.post(`/api/registers/profiles/${code}/import`).send({ reason: `load the ${code} profile` });
      expect(res.status).toBe(201);
      policies[code] = res.body.policyId as string;
    }
  });
  afterAll(() => server.close());

  describe('profile round trips', () => {
    it('imports maumjuui and renders the English transfer table with exactly the rows of its section 4', async () => {
      const published = rowsUnder(publishedPolicy('maumjuui-privacy-policy-en.md'), TABLES.maumjuuiTransfer);
      expect(published).toHaveLength(3);
      const res = await render('maumjuui', { table: 'transfer', lang: 'en', format: 'markdown' });
      expect(rowsUnder(res.body.content as string, TABLES.maumjuuiTransfer)).toEqual(published);
      expect(res.body.tables[0].sections[0].rows).toEqual(published);
      expect(res.body.tables[0].sections[0].headers).toEqual(TABLES.maumjuuiTransfer);
    });

    it('reproduces maumjuui’s collection and outsourcing tables too, and finds no drift from the published policy', async () => {
      const markdown = publishedPolicy('maumjuui-privacy-policy-en.md');
      const res = await render('maumjuui', { lang: 'en' });
      for (const headers of [TABLES.maumjuuiCollection, TABLES.maumjuuiEntrustment, TABLES.maumjuuiTransfer]) {
        expect(rowsUnder(res.body.content as string, headers)).toEqual(rowsUnder(markdown, headers));
      }
      const drift = await dpo.post(`/api/registers/policies/${policies.maumjuui}/drift`).send({ markdown }).expect(200);
      expect(drift.body).toMatchObject({ inSync: true, differences: [] });
      expect(drift.body.tablesChecked.map((t: { table: string }) => t.table).sort()).toEqual([
        'collection',
        'entrustment',
        'transfer',
      ]);
    });

    it('imports shelby and renders the Korean entrustment table with exactly the rows of its 제8조', async () => {
      const published = rowsUnder(publishedPolicy('shelby-privacy-policy-ko.md'), TABLES.shelbyEntrustment);
      expect(published).toHaveLength(4);
      const res = await render('shelby', { table: 'entrustment', lang: 'ko' });
      expect(rowsUnder(res.body.content as string, TABLES.shelbyEntrustment)).toEqual(published);
      expect(res.body.tables[0].sections[0].rows).toEqual(published);
    });

    it('reproduces shelby’s three collection tables and its third-party table, with no drift', async () => {
      const markdown = publishedPolicy('shelby-privacy-policy-ko.md');
      const res = await render('shelby', { lang: 'ko' });
      const content = res.body.content as string;
      expect(rowsUnder(markdown, TABLES.shelbyCollection)).toHaveLength(6);
      expect(rowsUnder(content, TABLES.shelbyCollection)).toEqual(rowsUnder(markdown, TABLES.shelbyCollection));
      expect(rowsUnder(content, TABLES.shelbyProvision)).toEqual(rowsUnder(markdown, TABLES.shelbyProvision));
      expect(content).toContain('### 2) 자녀 정보 (민감정보 제외)');
      const drift = await dpo.post(`/api/registers/policies/${policies.shelby}/drift`).send({ markdown }).expect(200);
      expect(drift.body.differences).toEqual([]);
      expect(drift.body.inSync).toBe(true);
      expect(drift.body.tablesChecked.map((t: { table: string }) => t.table).sort()).toEqual([
        'collection',
        'entrustment',
        'provision',
        'records',
      ]);
      // The DPO contact table is not a register table.
      expect(drift.body.ignoredTables).toEqual([{ headers: ['구분', '이름', '직책', '이메일', '연락처'] }]);
    });

    it('reads the MaumJuui policy as published, in plain text, and finds its three tables in sync', async () => {
      const text = publishedPolicy('maumjuui-global-privacy-policy.txt');
      const drift = await dpo
        .post(`/api/registers/policies/${policies.maumjuui}/drift`)
        .send({ markdown: text })
        .expect(200);
      expect(drift.body).toMatchObject({ inSync: true, differences: [] });
      expect(drift.body.tablesChecked).toEqual([
        { table: 'collection', lang: 'en', layout: 'maumjuui', rows: 6 },
        { table: 'entrustment', lang: 'en', layout: 'maumjuui', rows: 4 },
        { table: 'transfer', lang: 'en', layout: 'maumjuui', rows: 3 },
      ]);

      // One cell changed in the published text is found.
      const changed = text.replace('\nUnited States\nSchedule Title,', '\nJapan\nSchedule Title,');
      expect(changed).not.toBe(text);
      const drifted = await dpo
        .post(`/api/registers/policies/${policies.maumjuui}/drift`)
        .send({ markdown: changed })
        .expect(200);
      expect(drifted.body.inSync).toBe(false);
      expect(drifted.body.differences).toEqual([
        {
          table: 'transfer',
          kind: 'changed_cell',
          row: 'Google Calendar',
          column: 'Transfer Country',
          registerValue: 'United States',
          policyValue: 'Japan',
        },
      ]);
    });

    it('is not in sync with an empty document: it names each table the policy has', async () => {
      const drift = await dpo
        .post(`/api/registers/policies/${policies.maumjuui}/drift`)
        .send({ markdown: '' })
        .expect(200);
      expect(drift.body.inSync).toBe(false);
      expect(drift.body.tablesChecked).toEqual([]);
      expect(drift.body.differences).toEqual([
        expect.objectContaining({
          table: 'collection',
          kind: 'missing_table',
          title: 'Personal Information Collected',
        }),
        expect.objectContaining({
          table: 'entrustment',
          kind: 'missing_table',
          title: 'Entrustment of Personal Information Processing',
          section: '3. Sharing and Third-Party Data Provision',
          registerRows: 4,
        }),
        expect.objectContaining({
          table: 'transfer',
          kind: 'missing_table',
          title: 'International Transfer of Personal Information',
        }),
      ]);
      const shelby = await dpo
        .post(`/api/registers/policies/${policies.shelby}/drift`)
        .send({ markdown: ' ' })
        .expect(200);
      expect(shelby.body.inSync).toBe(false);
      expect(shelby.body.differences.map((d: { table: string; kind: string }) => `${d.kind}:${d.table}`)).toEqual([
        'missing_table:collection',
        'missing_table:records',
        'missing_table:provision',
        'missing_table:entrustment',
      ]);
    });

    it('reports Shelby’s 제8조 table missing when the published text lacks it', async () => {
      const markdown = publishedPolicy('shelby-privacy-policy-ko.md').replace(/^\| 수탁업체 \|[^]*?\n\n/m, '');
      expect(markdown).not.toContain('수탁업체');
      const drift = await dpo.post(`/api/registers/policies/${policies.shelby}/drift`).send({ markdown }).expect(200);
      expect(drift.body.inSync).toBe(false);
      expect(drift.body.differences).toEqual([
        {
          table: 'entrustment',
          kind: 'missing_table',
          title: '개인정보 처리의 위탁',
          section: '제8조 (개인정보의 위탁 처리)',
          registerRows: 4,
        },
      ]);
    });

    it('renders no table a policy does not have, even asked for by name', async () => {
      for (const lang of ['ko', 'en']) {
        const maumjuui = await render('maumjuui', { lang });
        expect(maumjuui.body.policyTables).toEqual(['collection', 'entrustment', 'transfer']);
        expect(maumjuui.body.tables.map((t: { table: string }) => t.table)).toEqual([
          'collection',
          'entrustment',
          'transfer',
        ]);
        const shelby = await render('shelby', { lang, format: 'html' });
        expect(shelby.body.tables.map((t: { table: string }) => t.table)).toEqual([
          'collection',
          'records',
          'provision',
          'entrustment',
        ]);
        expect(shelby.body.content).not.toMatch(/국외 이전|International Transfer/);
        const provision = await render('maumjuui', { lang, table: 'provision' });
        expect(provision.body.tables).toEqual([]);
        expect(provision.body.content).toBe('');
      }
      const markdown = (await render('maumjuui', { lang: 'en' })).body.content as string;
      expect(markdown).not.toContain('Provision of Personal Information to Third Parties');
      expect(markdown).not.toContain('| Recipient | Purpose of Provision |');
    });

    it('renders Shelby 제5조 from the retention rules, in Korean and English, and checks it for drift', async () => {
      const published = publishedPolicy('shelby-privacy-policy-ko.md');
      const article5 = published.slice(published.indexOf('## 제5조'), published.indexOf('## 제6조'));
      const items = (text: string) =>
        text
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => /^- [^:]+: .+$/.test(l));
      expect(items(article5)).toHaveLength(4);
      const ko = await render('shelby', { lang: 'ko', table: 'records' });
      expect(ko.body.tables[0]).toMatchObject({ table: 'records', form: 'list' });
      expect(items(ko.body.content as string)).toEqual(items(article5));
      const en = await render('shelby', { lang: 'en', table: 'records', format: 'html' });
      expect(en.body.content).toContain('<li>Records of contracts and withdrawals of offers: 5 years</li>');
      expect(en.body.content).toContain('<li>Records of visits to the service: 3 months</li>');

      const changed = published.replace('서비스 방문에 관한 기록: 3개월', '서비스 방문에 관한 기록: 6개월');
      const drift = await dpo
        .post(`/api/registers/policies/${policies.shelby}/drift`)
        .send({ markdown: changed })
        .expect(200);
      expect(drift.body.differences).toEqual([
        {
          table: 'records',
          kind: 'changed_cell',
          row: '서비스 방문에 관한 기록',
          column: '보존 기간',
          registerValue: '3개월',
          policyValue: '6개월',
        },
      ]);
    });

    it('renders HTML with the same cells, escaped', async () => {
      const res = await render('shelby', { table: 'entrustment', lang: 'ko', format: 'html' });
      expect(res.body.content).toContain('<th>수탁업체</th>');
      expect(res.body.content).toContain('<td>알림 발송업체(SMS/이메일)</td>');
    });

    it('refuses to import a profile whose policy is already there, and an unknown profile', async () => {
      const again = await dpo.post('/api/registers/profiles/shelby/import').send({ reason: 'load it twice' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('POLICY_CODE_TAKEN');
      expect(again.body.errors[0].field).toBe('document.policy.code');
      const unknown = await dpo.post('/api/registers/profiles/nobody/import').send({ reason: 'no such profile' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('PROFILE_NOT_FOUND');
      const listed = (await dpo.get('/api/registers/profiles').expect(200)).body;
      expect(listed).toEqual([
        expect.objectContaining({ code: 'maumjuui', policyId: policies.maumjuui }),
        expect.objectContaining({ code: 'shelby', policyId: policies.shelby }),
      ]);
    });
  });

  describe('drift', () => {
    it('reports exactly one difference, the country, when Zoom moves to another country', async () => {
      const markdown = publishedPolicy('maumjuui-privacy-policy-en.md');
      const zoom = await zoomTransfer();
      expect(zoom.country).toBe('US');
      const moved = await dpo
        .put(`/api/registers/transfers/${zoom.id as string}`)
        .send({ ...editable(zoom), country: 'JP', version: zoom.version, reason: 'Zoom now serves us from Japan' })
        .expect(200);
      expect(moved.body).toMatchObject({ country: 'JP', version: 2, countryName: { en: 'Japan', ko: '일본' } });

      const drift = await dpo.post(`/api/registers/policies/${policies.maumjuui}/drift`).send({ markdown }).expect(200);
      expect(drift.body.inSync).toBe(false);
      expect(drift.body.differences).toEqual([
        {
          table: 'transfer',
          kind: 'changed_cell',
          row: 'Zoom Communications Inc. (API)',
          column: 'Transfer Country',
          registerValue: 'Japan',
          policyValue: 'United States',
        },
      ]);

      // And back: in sync again.
      await dpo
        .put(`/api/registers/transfers/${zoom.id as string}`)
        .send({ ...editable(moved.body), country: 'US', version: 2, reason: 'Back to the United States' })
        .expect(200);
      const again = await dpo.post(`/api/registers/policies/${policies.maumjuui}/drift`).send({ markdown }).expect(200);
      expect(again.body.differences).toEqual([]);
    });

    it('names a policy row no register produces and a register row the policy lacks', async () => {
      const markdown = publishedPolicy('shelby-privacy-policy-ko.md').replace(
        /^(\| 전자결제대행사\(PG\) +\| 결제 처리 및 환불 .*)$/m,
        '$1\n| 콜센터 업체 | 고객 상담 | 위탁 종료 시까지 |',
      );
      expect(markdown).toContain('콜센터 업체');
      const added = await dpo
        .post('/api/registers/processors')
        .send(processorBody(policies.shelby, { recipient: { ko: '번역 업체', en: 'Translator' } }))
        .expect(201);
      const drift = await dpo.post(`/api/registers/policies/${policies.shelby}/drift`).send({ markdown }).expect(200);
      expect(drift.body.differences).toEqual([
        { table: 'entrustment', kind: 'not_in_register', row: '콜센터 업체' },
        { table: 'entrustment', kind: 'missing_from_policy', row: '번역 업체' },
      ]);
      await dpo
        .put(`/api/registers/processors/${added.body.id as string}`)
        .send({ ...editable(added.body), status: 'ended', version: 1, reason: 'never signed after all' })
        .expect(200);
    });
  });

  describe('history', () => {
    it('keeps each change as a version with author, time, reason and a field diff; lists show a past date', async () => {
      const created = await dpo
        .post('/api/registers/processors')
        .send(processorBody(policies.maumjuui, { country: 'US', recipient: { ko: '분석 도구', en: 'Analytics' } }))
        .expect(201);
      const id = created.body.id as string;
      const createdOn = seoulDate(clock.now());
      clock.advance(3 * DAY);
      await signInAgain(server, dpo);
      const edited = await dpo
        .put(`/api/registers/processors/${id}`)
        .send({
          ...editable(created.body),
          country: 'DE',
          contractTerms: { ...ALL_TERMS },
          protectionMeasures: { ko: '가명처리', en: 'Pseudonymisation' },
          version: 1,
          reason: 'moved to the EU region',
        })
        .expect(200);
      expect(edited.body.version).toBe(2);

      const history = (await dpo.get(`/api/registers/processors/${id}/history`).expect(200)).body;
      expect(history).toHaveLength(2);
      expect(history[0]).toMatchObject({
        version: 2,
        operation: 'update',
        reason: 'moved to the EU region',
        author: { displayName: 'dpo' },
      });
      expect(history[0].diff).toEqual([
        { field: 'country', before: 'US', after: 'DE' },
        { field: 'protectionMeasures.en', before: '', after: 'Pseudonymisation' },
        { field: 'protectionMeasures.ko', before: '', after: '가명처리' },
      ]);
      expect(history[1]).toMatchObject({ version: 1, operation: 'create', reason: 'new processor for a test' });
      expect(Date.parse(history[0].changedAt) - Date.parse(history[1].changedAt)).toBeGreaterThanOrEqual(3 * DAY);

      // As it stood on the day it was created, and the day before it existed.
      const then = await listOf('processors', { id: [id] }, { asOf: createdOn });
      expect(then).toEqual([expect.objectContaining({ id, country: 'US', version: 1 })]);
      const now = await listOf('processors', { id: [id] });
      expect(now).toEqual([expect.objectContaining({ id, country: 'DE', version: 2 })]);
      const before = await listOf(
        'processors',
        { id: [id] },
        { asOf: seoulDate(new Date(clock.now().getTime() - 10 * DAY)) },
      );
      expect(before).toEqual([]);
      const one = await dpo.get(`/api/registers/processors/${id}`).query({ asOf: createdOn }).expect(200);
      expect(one.body.country).toBe('US');
      // The rendered policy as of that day too.
      const pastTable = await render('maumjuui', { table: 'entrustment', lang: 'en', asOf: createdOn });
      expect(pastTable.body.asOf).toBe(createdOn);
      await dpo.get(`/api/registers/processors/${id}`).query({ asOf: '2026-02-30' }).expect(422);
    });

    it('writes the change, its version and its access-log event together', async () => {
      const zoom = await zoomTransfer();
      const before = (await server.db.query('SELECT count(*)::int AS n FROM register_versions'))[0].n as number;
      await dpo
        .put(`/api/registers/transfers/${zoom.id as string}`)
        .send({ ...editable(zoom), contact: 'privacy@zoom.us', version: zoom.version, reason: 'add the contact' })
        .expect(200);
      expect((await server.db.query('SELECT count(*)::int AS n FROM register_versions'))[0].n).toBe(before + 1);
      await server.app.get(AuditSequencer).flush();
      const events: { canonical: Buffer }[] = await server.db.query(
        "SELECT canonical FROM audit_events WHERE convert_from(canonical, 'UTF8') LIKE '%register-transfer%' ORDER BY seq",
      );
      const last = JSON.parse(events.at(-1)!.canonical.toString('utf8'));
      expect(last).toMatchObject({
        action: 'edit',
        resource: 'register-transfer',
        outcome: 'success',
        purpose: 'add the contact',
        detail: { register: 'transfers', id: zoom.id, version: (zoom.version as number) + 1 },
      });
      // Versions are append-only, even for the owner.
      await expect(server.db.query('DELETE FROM register_versions')).rejects.toThrow(/append-only/);
    });
  });

  describe('alerts', () => {
    it('shows a sub-processor added without contract terms, and clears it once the terms are filled', async () => {
      const zoom = (await listOf('processors', { policyId: policies.maumjuui, q: 'Zoom' }))[0];
      const sub = await dpo
        .post('/api/registers/processors')
        .send(
          processorBody(policies.maumjuui, {
            parentId: zoom.id,
            recipient: { ko: '줌 재수탁사', en: 'Zoom sub-processor' },
            contractTerms: undefined,
            status: 'draft',
          }),
        )
        .expect(201);
      expect(sub.body.missingTerms).toHaveLength(7);
      const alert = (await alerts()).find((a) => a.rowId === sub.body.id);
      expect(alert).toMatchObject({
        code: 'CONTRACT_TERMS_MISSING',
        severity: 'critical',
        register: 'processors',
        policyId: policies.maumjuui,
        label: { en: 'Zoom sub-processor' },
        missing: [
          'purposeLimit',
          'safeguards',
          'scope',
          'reentrustmentLimits',
          'accessLimits',
          'supervision',
          'liability',
        ],
      });
      await dpo
        .put(`/api/registers/processors/${sub.body.id as string}`)
        .send({ ...editable(sub.body), contractTerms: ALL_TERMS, version: 1, reason: 'contract signed with all terms' })
        .expect(200);
      expect((await alerts()).filter((a) => a.rowId === sub.body.id)).toEqual([]);
    });

    it('warns of a DPA expiring within 30 days and an overdue inspection', async () => {
      const today = seoulDate(clock.now());
      const inDays = (n: number) => seoulDate(new Date(Date.parse(`${today}T12:00:00+09:00`) + n * DAY));
      const p = await dpo
        .post('/api/registers/processors')
        .send(
          processorBody(policies.shelby, {
            recipient: { ko: '만료 임박', en: 'Expiring soon' },
            dpaSignedOn: inDays(-300),
            dpaExpiresOn: inDays(10),
            nextInspectionDue: inDays(-1),
          }),
        )
        .expect(201);
      const mine = (await alerts()).filter((a) => a.rowId === p.body.id);
      expect(mine).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'DPA_EXPIRING', daysLeft: 10, dueOn: inDays(10), severity: 'warning' }),
          expect.objectContaining({ code: 'INSPECTION_OVERDUE', daysLeft: -1, dueOn: inDays(-1) }),
        ]),
      );
      expect(mine).toHaveLength(2);
      // The list counts the same days as the home screen's alerts: both on the server, in Seoul.
      expect(p.body).toMatchObject({
        dpaDeadline: { dueOn: inDays(10), daysLeft: 10, state: 'at_risk' },
        inspectionDeadline: { dueOn: inDays(-1), daysLeft: -1, state: 'overdue' },
      });
      const [listed] = (await listOf('processors', { id: [p.body.id] })) as Record<string, unknown>[];
      expect(listed).toMatchObject({
        dpaDeadline: { daysLeft: 10, state: 'at_risk' },
        inspectionDeadline: { daysLeft: -1, state: 'overdue' },
      });
      await dpo
        .put(`/api/registers/processors/${p.body.id as string}`)
        .send({
          ...editable(p.body),
          dpaExpiresOn: inDays(400),
          lastInspectionOn: today,
          nextInspectionDue: inDays(365),
          version: 1,
          reason: 'renewed and inspected',
        })
        .expect(200)
        .expect(({ body }) =>
          expect(body).toMatchObject({
            dpaDeadline: { daysLeft: 400, state: 'on_time' },
            inspectionDeadline: { daysLeft: 365, state: 'on_time' },
          }),
        );
      expect((await alerts()).filter((a) => a.rowId === p.body.id)).toEqual([]);
    });

    it('flags a transfer without a GDPR mechanism and a suspended transfer still in use', async () => {
      const t = await dpo
        .post('/api/registers/transfers')
        .send(transferBody(policies.maumjuui, { gdprMechanism: null, suspended: true }))
        .expect(201);
      const codes = () =>
        alerts().then((all) =>
          all
            .filter((a) => a.rowId === t.body.id)
            .map((a) => a.code)
            .sort(),
        );
      expect(await codes()).toEqual(['SUSPENDED_TRANSFER_IN_USE', 'TRANSFER_WITHOUT_BASIS']);
      expect((await alerts()).find((a) => a.rowId === t.body.id && a.code === 'TRANSFER_WITHOUT_BASIS')).toMatchObject({
        missing: ['gdprMechanism'],
      });
      const fixed = await dpo
        .put(`/api/registers/transfers/${t.body.id as string}`)
        .send({ ...editable(t.body), gdprMechanism: 'scc', version: 1, reason: 'SCCs signed' })
        .expect(200);
      expect(await codes()).toEqual(['SUSPENDED_TRANSFER_IN_USE']);
      await dpo
        .put(`/api/registers/transfers/${t.body.id as string}`)
        .send({ ...editable(fixed.body), inUse: false, version: 2, reason: 'stopped while suspended' })
        .expect(200);
      expect(await codes()).toEqual([]);
      // A transfer no longer in use leaves the policy's table.
      const table = await render('maumjuui', { table: 'transfer', lang: 'en' });
      expect(table.body.tables[0].sections[0].rows).toHaveLength(3);
    });

    it('filters alerts by policy', async () => {
      const shelbyAlerts = (await dpo.get('/api/registers/alerts').query({ policyId: policies.shelby }).expect(200))
        .body;
      expect(shelbyAlerts.every((a: { policyId: string }) => a.policyId === policies.shelby)).toBe(true);
    });
  });
});

/** The writable fields of a row as the API answered it (what a client sends back on PUT). */
export function editable(row: Record<string, unknown>): Record<string, unknown> {
  const computed = new Set([
    'id',
    'version',
    'createdAt',
    'updatedAt',
    'missingTerms',
    'countryName',
    'dpaDeadline',
    'inspectionDeadline',
  ]);
  return Object.fromEntries(Object.entries(row).filter(([key]) => !computed.has(key)));
}
