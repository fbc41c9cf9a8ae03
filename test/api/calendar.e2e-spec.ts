import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { type Role } from '../../server/src/authorization/roles';
import { HolidaySeeder } from '../../server/src/calendar/holiday-seeder';
import { FakeClock } from '../support/fake-clock';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';

/** The calendar's API: holidays by jurisdiction and year, their edits with history, and deadlines. */
describe('calendar API', () => {
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();

  beforeAll(async () => {
    // 10:00 in Seoul on Tuesday 15 September 2026.
    clock = new FakeClock(Date.parse('2026-09-15T01:00:00Z'));
    server = await startTestServer({ clock });
    await signInEveryRole(server, clients, { displayName: (role) => `The ${role}` });
  });
  afterAll(() => server.close());

  const dpo = () => clients.get('dpo')!;
  const count = async (sql: string, params: unknown[] = []) =>
    ((await server.db.query(sql, params)) as { n: number }[])[0].n;

  it('lists the seeded holidays of a jurisdiction and year, with Chuseok and its substitute days', async () => {
    const res = await dpo()
      .get('/api/calendar/holidays')
      .query({ filter: JSON.stringify({ jurisdiction: 'KR', year: 2026 }), range: '[0,99]' })
      .expect(200);
    expect(res.headers['content-range']).toMatch(/^holidays 0-\d+\/\d+$/);
    const days = (res.body as { date: string; nameKo: string; kind: string }[]).map((h) => `${h.date} ${h.kind}`);
    expect(days).toEqual(
      expect.arrayContaining([
        '2026-09-24 public',
        '2026-09-25 public',
        '2026-09-26 public',
        '2026-10-05 substitute',
        '2026-06-03 temporary',
      ]),
    );
    expect(days).toEqual([...days].sort());
    const ca = await clients
      .get('auditor')!
      .get('/api/calendar/holidays')
      .query({ filter: JSON.stringify({ jurisdiction: 'US-CA', year: 2026, q: 'thanksgiving' }) })
      .expect(200);
    expect((ca.body as { date: string }[]).map((h) => h.date)).toEqual(['2026-11-26', '2026-11-27']);
  });

  it('refuses a bad filter or sort with a 422 problem', async () => {
    for (const query of [
      { filter: JSON.stringify({ jurisdiction: 'JP' }) },
      { filter: JSON.stringify({ year: 'soon' }) },
      { sort: JSON.stringify(['on_date', 'ASC']) },
    ]) {
      const res = await dpo().get('/api/calendar/holidays').query(query).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('lets the DPO add a temporary holiday, edit it and end it, with a reason and a version each time', async () => {
    const created = await dpo()
      .post('/api/calendar/holidays')
      .send({
        jurisdiction: 'KR',
        date: '2026-10-02',
        nameKo: '임시공휴일',
        nameEn: 'Temporary public holiday',
        kind: 'temporary',
        reason: 'Announced by the Ministry of the Interior',
      })
      .expect(201);
    expect(created.body).toMatchObject({ version: 1, source: 'manual', status: 'active' });
    const id = created.body.id as string;

    // It now counts: 10 business days from Mon 21 Sep skip it.
    const deadline = await dpo()
      .get('/api/calendar/deadline')
      .query({ from: '2026-09-21T01:00:00Z', rule: 'business_days:10:KR' })
      .expect(200);
    expect(deadline.body.dueOn).toBe('2026-10-12');

    const edited = await dpo()
      .put(`/api/calendar/holidays/${id}`)
      .send({
        date: '2026-10-02',
        nameKo: '임시공휴일 (추석 연휴)',
        nameEn: 'Temporary public holiday (Chuseok)',
        kind: 'temporary',
        reason: 'Name as in the official notice',
        version: 1,
      })
      .expect(200);
    expect(edited.body.version).toBe(2);

    // A second editor still holding version 1 is refused, and nothing is written.
    const stale = await dpo()
      .put(`/api/calendar/holidays/${id}`)
      .send({
        date: '2026-10-01',
        nameKo: '다른 이름',
        nameEn: 'Another name',
        kind: 'temporary',
        reason: 'Edited an old copy',
        version: 1,
      })
      .expect(409);
    expect(stale.body).toMatchObject({
      code: 'VERSION_CONFLICT',
      errors: [{ field: 'version', code: 'STALE_VERSION' }],
    });
    expect((await dpo().get(`/api/calendar/holidays/${id}`).expect(200)).body).toMatchObject({
      version: 2,
      date: '2026-10-02',
      nameKo: '임시공휴일 (추석 연휴)',
    });

    const ended = await dpo()
      .post(`/api/calendar/holidays/${id}/end`)
      .send({ reason: 'The government withdrew it', version: 2 })
      .expect(201);
    expect(ended.body).toMatchObject({ version: 3, status: 'ended' });
    const after = await dpo()
      .get('/api/calendar/deadline')
      .query({ from: '2026-09-21T01:00:00Z', rule: 'business_days:10:KR' })
      .expect(200);
    expect(after.body.dueOn).toBe('2026-10-08');

    const history = await clients.get('support')!.get(`/api/calendar/holidays/${id}/history`).expect(200);
    expect(
      (history.body as { version: number; operation: string; reason: string; author: { displayName: string } }[]).map(
        (h) => [h.version, h.operation, h.reason, h.author.displayName],
      ),
    ).toEqual([
      [3, 'end', 'The government withdrew it', 'The dpo'],
      [2, 'update', 'Name as in the official notice', 'The dpo'],
      [1, 'create', 'Announced by the Ministry of the Interior', 'The dpo'],
    ]);
    expect(history.body[1].diff).toEqual([
      { field: 'nameKo', before: '임시공휴일', after: '임시공휴일 (추석 연휴)' },
      { field: 'nameEn', before: 'Temporary public holiday', after: 'Temporary public holiday (Chuseok)' },
    ]);
    // Each change wrote its access-log event in the same transaction.
    await server.app.get(AuditSequencer).flush();
    const events: { action: string }[] = await server.db.query(
      `SELECT action FROM audit_events WHERE resource = 'calendar-holiday' AND outcome = 'success' ORDER BY seq`,
    );
    expect(events.map((e) => e.action)).toEqual(['create', 'edit', 'delete']);
  });

  it('refuses a second active holiday of the same name on the same day (409)', async () => {
    const res = await dpo()
      .post('/api/calendar/holidays')
      .send({
        jurisdiction: 'KR',
        date: '2026-09-25',
        nameKo: '추석',
        nameEn: 'Chuseok',
        kind: 'public',
        reason: 'dup',
      })
      .expect(409);
    expect(res.body.code).toBe('HOLIDAY_EXISTS');
  });

  it.each(['support', 'security', 'sysadmin', 'auditor'] as const)(
    'lets %s read but not change holidays, writing nothing',
    async (role) => {
      const client = clients.get(role)!;
      const list = await client.get('/api/calendar/holidays').query({ range: '[0,0]' }).expect(200);
      const target = list.body[0] as { id: string; version: number };
      const before = await count('SELECT count(*)::int AS n FROM calendar_holiday_versions');
      const attempts = [
        client.post('/api/calendar/holidays').send({
          jurisdiction: 'KR',
          date: '2026-12-31',
          nameKo: '송년',
          nameEn: 'Year end',
          kind: 'temporary',
          reason: 'not allowed',
        }),
        client.put(`/api/calendar/holidays/${target.id}`).send({
          date: '2026-12-30',
          nameKo: 'x',
          nameEn: 'x',
          kind: 'public',
          reason: 'not allowed',
          version: target.version,
        }),
        client.post(`/api/calendar/holidays/${target.id}/end`).send({ reason: 'not allowed', version: target.version }),
      ];
      for (const res of await Promise.all(attempts)) {
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      }
      expect(await count('SELECT count(*)::int AS n FROM calendar_holiday_versions')).toBe(before);
      expect(await count(`SELECT count(*)::int AS n FROM calendar_holidays WHERE name_ko = '송년'`)).toBe(0);
    },
  );

  it('computes deadlines in the organisation time zone, with the state the UI shows', async () => {
    const about = await clients.get('support')!.get('/api/calendar').expect(200);
    expect(about.body).toMatchObject({ today: '2026-09-15', timeZone: 'Asia/Seoul' });

    // Received 23:30 in Seoul on 14 September (14:30 UTC): ten days end on 24 September.
    const korea = await dpo()
      .get('/api/calendar/deadline')
      .query({ from: '2026-09-14T14:30:00Z', rule: 'calendar_days:10' })
      .expect(200);
    expect(korea.body).toEqual({
      startedAt: '2026-09-14T14:30:00.000Z',
      dueOn: '2026-09-24',
      dueAt: '2026-09-24T15:00:00.000Z',
      timeZone: 'Asia/Seoul',
      daysLeft: 9,
      hoursLeft: 230,
      state: 'on_time',
    });
    // Rolled off Chuseok to the next business day.
    const rolled = await dpo()
      .get('/api/calendar/deadline')
      .query({ from: '2026-09-14T14:30:00Z', rule: 'calendar_days:10:KR' })
      .expect(200);
    expect(rolled.body.dueOn).toBe('2026-09-28');
    // A GDPR month from 31 January clamps to 28 February, and is long overdue by now.
    const month = await dpo()
      .get('/api/calendar/deadline')
      .query({ from: '2026-01-31T03:00:00Z', rule: 'months:1' })
      .expect(200);
    expect(month.body).toMatchObject({ dueOn: '2026-02-28', state: 'overdue' });
    // 45 days in Los Angeles time from just after the autumn DST change.
    const ca = await dpo()
      .get('/api/calendar/deadline')
      .query({ from: '2026-09-10T20:00:00-07:00', rule: 'calendar_days:45', timeZone: 'America/Los_Angeles' })
      .expect(200);
    expect(ca.body).toMatchObject({ dueOn: '2026-10-25', dueAt: '2026-10-26T07:00:00.000Z', state: 'on_time' });
  });

  it('refuses a bad deadline query with a 422 problem', async () => {
    for (const query of [
      { from: '2026-09-14T14:30:00Z', rule: 'fortnights:1' },
      { from: '2026-09-14T14:30:00Z', rule: 'business_days:10' },
      { from: 'yesterday', rule: 'calendar_days:10' },
      { rule: 'calendar_days:10' },
      { from: '2026-09-14T14:30:00Z', after: '2026-09-20', rule: 'calendar_days:10' },
      { from: '2026-09-14T14:30:00Z', rule: 'calendar_days:10', timeZone: 'Mars/Olympus' },
    ]) {
      const res = await dpo().get('/api/calendar/deadline').query(query);
      expect({ query, status: res.status }).toEqual({ query, status: 422 });
    }
  });

  it('seeds a later year once, even when two instances seed at the same time', async () => {
    const seeder = server.app.get(HolidaySeeder);
    const results = await Promise.all([seeder.seedMissingYears(2036), seeder.seedMissingYears(2036)]);
    expect(results.flat().sort()).toEqual(['KR 2036', 'US-CA 2036']);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM calendar_holidays WHERE jurisdiction = 'KR' AND on_date = '2036-01-01'`,
      ),
    ).toBe(1);
    expect(await seeder.seedMissingYears(2036)).toEqual([]);
  });
});
