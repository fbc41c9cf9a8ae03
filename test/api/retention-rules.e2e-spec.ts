import type { Role } from '../../server/src/authorization/roles';
import { RetentionRulesService } from '../../server/src/retention/rules/retention-rules.service';
import { FakeClock } from '../support/fake-clock';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';

/**
 * The retention rules under /api/retention/rules on the real database: who reads and who edits,
 * every save a version with its reason and the saver as approver, the optimistic version check,
 * periods that must be positive ISO 8601 durations, what the catalogue allows per category, and
 * one enabled rule per category. Registers keep reading the same rules (their own specs).
 */
describe('retention rules', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  const as = (role: Role) => clients.get(role)!;
  let payments: { id: string; version: number };

  beforeAll(async () => {
    server = await startTestServer({ clock: new FakeClock(Date.parse('2026-12-07T01:00:00Z')) });
    await signInEveryRole(server, clients, { ids });
    const { body } = await as('dpo')
      .get('/api/retention/rules')
      .query({ filter: JSON.stringify({ category: 'payments' }) })
      .expect(200);
    expect(body).toHaveLength(1);
    payments = body[0];
  });
  afterAll(() => server.close());

  it('lists the seeded rules with what each acts on, and the registers no longer answer for them', async () => {
    const res = await as('auditor').get('/api/retention/rules').query({ range: '[0,99]' }).expect(200);
    expect(res.headers['content-range']).toMatch(/^retention\/rules 0-\d+\/\d+$/);
    const dormant = (res.body as { code: string }[]).find((r) => r.code === 'dormant_accounts');
    expect(dormant).toMatchObject({
      category: 'accounts',
      trigger: 'last_login',
      action: 'separate',
      noticePeriod: 'P30D',
      enabled: true,
      version: 1,
      approvedBy: null,
    });
    expect(payments).toMatchObject({ code: 'ecommerce_payment_records', action: 'destroy' });
    expect(payments.id).toBeDefined();
    await as('dpo').get('/api/registers/retention-rules').expect(404);
  });

  it('saves an edit as a new version with its reason, and names the DPO who saved it as approver', async () => {
    const res = await as('dpo')
      .patch(`/api/retention/rules/${payments.id}`)
      .send({
        version: 1,
        reason: 'Keep payments 6 years (tax audit)',
        retention: { kind: 'statutory', period: 'P6Y', law: '국세기본법 제85조의3' },
      })
      .expect(200);
    expect(res.body).toMatchObject({
      version: 2,
      retention: { kind: 'statutory', period: 'P6Y', display: { en: '6 years (국세기본법 제85조의3)' } },
      approvedBy: { id: ids.get('dpo') },
    });
    expect(res.body.approvedAt).toBe('2026-12-07T01:00:00.000Z');
    const history = await as('security').get(`/api/retention/rules/${payments.id}/history`).expect(200);
    expect(history.body.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(history.body[0]).toMatchObject({
      reason: 'Keep payments 6 years (tax audit)',
      changedBy: { id: ids.get('dpo') },
      rule: { retention: { period: 'P6Y' }, category: 'payments', approvedById: ids.get('dpo') },
    });
    expect(history.body[1]).toMatchObject({ changedBy: null, rule: { retention: { period: 'P5Y' } } });
    payments = res.body;
  });

  it('refuses an edit of a version someone already changed', async () => {
    const res = await as('dpo')
      .patch(`/api/retention/rules/${payments.id}`)
      .send({ version: 1, reason: 'stale', source: 'Changed' })
      .expect(409);
    expect(res.body.code).toBe('VERSION_CONFLICT');
    const rows = await server.db.query('SELECT count(*)::int AS n FROM retention_rule_versions WHERE rule_id = $1', [
      payments.id,
    ]);
    expect(rows[0].n).toBe(2);
  });

  it.each([['P-1Y'], ['P0D'], ['1 year'], ['PT5H'], ['P']])(
    'refuses the period %s with a field problem on retention.period',
    async (period) => {
      const res = await as('dpo')
        .patch(`/api/retention/rules/${payments.id}`)
        .send({ version: payments.version, reason: 'bad period', retention: { kind: 'duration', period } })
        .expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('retention.period');
    },
  );

  it('refuses what the catalogue does not allow for the category, and a notice period outside separation', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await as('dpo')
        .patch(`/api/retention/rules/${payments.id}`)
        .send({ version: payments.version, reason: 'bad', ...body })
        .expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    await bad({ category: 'ledgers' }, 'category');
    await bad({ trigger: 'last_login' }, 'trigger');
    await bad({ action: 'separate' }, 'action');
    await bad({ noticePeriod: 'P30D' }, 'noticePeriod');
    await bad({ retention: { kind: 'until_purpose' } }, 'retention.period');
    await bad({ reason: '' }, 'reason');
    const dormant = (
      await as('dpo')
        .get('/api/retention/rules')
        .query({ filter: JSON.stringify({ category: 'accounts' }) })
    ).body[0];
    const res = await as('dpo')
      .patch(`/api/retention/rules/${dormant.id}`)
      .send({ version: dormant.version, reason: 'longer notice than the period', noticePeriod: 'P2Y' })
      .expect(422);
    expect(res.body.errors[0].field).toBe('noticePeriod');
  });

  it('refuses a second enabled rule on one category, and takes one when the first is disabled', async () => {
    const rule = {
      code: 'payments_tax',
      name: { ko: '세무 결제 기록', en: 'Payment records for tax' },
      retention: { kind: 'duration', period: 'P7Y' },
      source: 'Tax policy',
      category: 'payments',
      trigger: 'transaction_date',
      action: 'destroy',
      reason: 'Tax keeps payments 7 years',
    };
    const taken = await as('dpo').post('/api/retention/rules').send(rule).expect(409);
    expect(taken.body.code).toBe('RETENTION_CATEGORY_TAKEN');
    const created = await as('dpo')
      .post('/api/retention/rules')
      .send({ ...rule, enabled: false })
      .expect(201);
    expect(created.body).toMatchObject({ version: 1, enabled: false, approvedBy: { id: ids.get('dpo') } });
    const enable = await as('dpo')
      .patch(`/api/retention/rules/${created.body.id}`)
      .send({ version: 1, reason: 'switch on', enabled: true })
      .expect(409);
    expect(enable.body.code).toBe('RETENTION_CATEGORY_TAKEN');
    const history = await as('dpo').get(`/api/retention/rules/${created.body.id}/history`).expect(200);
    expect(history.body).toHaveLength(1);
  });

  it('lets the DPO alone change rules; support, security and the auditor read; sysadmin reads none', async () => {
    for (const role of ['support', 'security', 'auditor'] as Role[]) {
      await as(role).get(`/api/retention/rules/${payments.id}`).expect(200);
      const res = await as(role)
        .patch(`/api/retention/rules/${payments.id}`)
        .send({ version: payments.version, reason: 'not mine', source: 'x' });
      expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'FORBIDDEN' });
      const created = await as(role).post('/api/retention/rules').send({});
      expect({ role, status: created.status }).toEqual({ role, status: 403 });
    }
    await as('sysadmin').get('/api/retention/rules').expect(403);
    await as('sysadmin').get(`/api/retention/rules/${payments.id}/history`).expect(403);
  });

  it('exports the rules as an audited download', async () => {
    const res = await as('auditor').get('/api/retention/rules/export').query({ format: 'csv' }).expect(200);
    expect(res.headers['content-disposition']).toMatch(/retention-rules-2026-12-07\.csv/);
    expect(res.text).toContain('ecommerce_payment_records');
  });

  it('gives the dormancy period and notice lead to the dormancy jobs', async () => {
    expect(await server.app.get(RetentionRulesService).dormancyRule()).toEqual({
      period: 'P1Y',
      noticePeriod: 'P30D',
      version: 1,
    });
  });
});
