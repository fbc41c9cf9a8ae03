import { generate } from 'otplib';
import { PasswordHasher } from '../../server/src/auth/password-hasher';
import { StaffService } from '../../server/src/staff/staff.service';
import { FakeClock } from '../support/fake-clock';
import { agent, PASSWORD, signIn, staffTrail, startTestServer, TestServer, totpAt } from '../support/server';

describe('staff sign-in with mandatory TOTP', () => {
  let server: TestServer;
  let clock: FakeClock;

  beforeAll(async () => {
    clock = new FakeClock();
    server = await startTestServer({ clock });
  });
  afterAll(() => server.close());

  const events = async (staffId: string) =>
    (await staffTrail(server, staffId)).map((e) => `${String(e.detail.event)}:${e.outcome}`);

  it('walks sign-in → enroll → protected call, and records each step', async () => {
    const { id } = await server.createStaff({ email: 'flow@example.com', role: 'dpo', password: PASSWORD });
    const client = agent(server);

    const login = await client
      .post('/api/auth/login')
      .send({ email: 'flow@example.com', password: PASSWORD })
      .expect(200);
    expect(login.body).toEqual({ stage: 'mfa_enroll' });
    const cookie = login.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    // A pre-MFA session reaches only the MFA routes.
    await client
      .get('/api/auth/me')
      .expect(403)
      .expect((r) => expect(r.body.code).toBe('WRONG_STAGE'));

    const enroll = await client.post('/api/auth/mfa/enroll').expect(200);
    expect(enroll.body.secret).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes in base32
    expect(enroll.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(enroll.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    const confirm = await client
      .post('/api/auth/mfa/enroll/confirm')
      .send({ code: await totpAt(server, enroll.body.secret) })
      .expect(200);
    expect(confirm.body.stage).toBe('full');
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    // The session token is rotated when MFA completes.
    expect(confirm.headers['set-cookie'][0]).not.toEqual(cookie);

    const me = await client.get('/api/auth/me').expect(200);
    expect(me.body.staff).toMatchObject({ email: 'flow@example.com', role: 'dpo', mfaEnrolled: true });
    expect(Array.isArray(me.body.rules)).toBe(true);
    expect(JSON.stringify(me.body)).not.toMatch(/secret|password|hash/i);

    expect(await events(id)).toEqual([
      'staff_created:success',
      'sign_in:success',
      'access_denied:denied', // the pre-MFA call to /me
      'mfa_enrolled:success',
    ]);
  });

  it('stores no TOTP secret, recovery code or password in plain text', async () => {
    await server.createStaff({ email: 'dump@example.com', role: 'support', password: PASSWORD });
    const client = agent(server);
    await client.post('/api/auth/login').send({ email: 'dump@example.com', password: PASSWORD }).expect(200);
    const enroll = await client.post('/api/auth/mfa/enroll').expect(200);
    const confirm = await client
      .post('/api/auth/mfa/enroll/confirm')
      .send({ code: await totpAt(server, enroll.body.secret) })
      .expect(200);
    const dump = JSON.stringify(
      await server.db.query(
        `SELECT s.*, encode(s.totp_secret_enc, 'escape') AS t, array_agg(encode(r.code_hash, 'escape')) AS r
         FROM staff s JOIN staff_recovery_codes r ON r.staff_id = s.id WHERE s.email = 'dump@example.com' GROUP BY s.id`,
      ),
    );
    expect(dump).not.toContain(enroll.body.secret);
    expect(dump).not.toContain(PASSWORD);
    for (const code of confirm.body.recoveryCodes as string[]) expect(dump).not.toContain(code.replace('-', ''));
    expect(dump).toContain('$argon2id$');
  });

  it('refuses the same code a second time within its time step, and logs the replay', async () => {
    const { id } = await server.createStaff({ email: 'replay@example.com', role: 'dpo', password: PASSWORD });
    const first = agent(server);
    const secret = await signIn(server, first, 'replay@example.com', PASSWORD);
    clock.advance(30_000);
    const code = await totpAt(server, secret);

    const second = agent(server);
    await second.post('/api/auth/login').send({ email: 'replay@example.com', password: PASSWORD }).expect(200);
    await second.post('/api/auth/mfa/verify').send({ code }).expect(200);

    const third = agent(server);
    await third.post('/api/auth/login').send({ email: 'replay@example.com', password: PASSWORD }).expect(200);
    const replay = await third.post('/api/auth/mfa/verify').send({ code }).expect(401);
    expect(replay.body.code).toBe('MFA_CODE_REPLAYED');
    expect(await events(id)).toContain('mfa_replay:failure');
  });

  it('accepts a code one step old, refuses one two steps old', async () => {
    await server.createStaff({ email: 'drift@example.com', role: 'dpo', password: PASSWORD });
    const secret = await signIn(server, agent(server), 'drift@example.com', PASSWORD);
    clock.advance(90_000);
    const twoOld = await generate({ secret, epoch: clock.epochSeconds() - 60 });
    const oneOld = await generate({ secret, epoch: clock.epochSeconds() - 30 });

    const client = agent(server);
    await client.post('/api/auth/login').send({ email: 'drift@example.com', password: PASSWORD }).expect(200);
    await client.post('/api/auth/mfa/verify').send({ code: twoOld }).expect(401);
    await client.post('/api/auth/mfa/verify').send({ code: oneOld }).expect(200);
  });

  it('locks the account for every session at the 5th failure, so a 6th code is refused even if right', async () => {
    const { id } = await server.createStaff({ email: 'lock@example.com', role: 'dpo', password: PASSWORD });
    const secret = await signIn(server, agent(server), 'lock@example.com', PASSWORD);
    const a = agent(server);
    const b = agent(server);
    await a.post('/api/auth/login').send({ email: 'lock@example.com', password: PASSWORD }).expect(200);
    await b.post('/api/auth/login').send({ email: 'lock@example.com', password: PASSWORD }).expect(200);

    for (const client of [a, b, a, b, a]) {
      const r = await client.post('/api/auth/mfa/verify').send({ code: '000000' });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('MFA_CODE_INVALID');
    }
    clock.advance(30_000);
    const right = await totpAt(server, secret);
    const locked = await b.post('/api/auth/mfa/verify').send({ code: right }).expect(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    expect(locked.headers['retry-after']).toBeDefined();
    await agent(server).post('/api/auth/login').send({ email: 'lock@example.com', password: PASSWORD }).expect(423);
    expect(await events(id)).toContain('lockout:failure');

    // After the lockout period the right code works again.
    clock.advance(15 * 60_000);
    await a
      .post('/api/auth/mfa/verify')
      .send({ code: await totpAt(server, secret) })
      .expect(200);
  });

  it('answers a locked account the same for the right and a wrong password, without checking it or extending the lock', async () => {
    const { id } = await server.createStaff({ email: 'oracle@example.com', role: 'dpo', password: PASSWORD });
    for (let i = 0; i < 5; i += 1) {
      await agent(server)
        .post('/api/auth/login')
        .send({ email: 'oracle@example.com', password: 'wrong guess' })
        .expect(401);
    }
    const lockedUntil = async () =>
      (await server.db.query('SELECT locked_until, failed_attempts FROM staff WHERE id = $1', [id]))[0];
    const before = await lockedUntil();
    expect(before.locked_until).not.toBeNull();

    const verify = jest.spyOn(server.app.get(PasswordHasher), 'verify');
    try {
      clock.advance(60_000);
      const answers = [];
      for (const password of [PASSWORD, 'wrong guess', PASSWORD, 'another guess']) {
        const r = await agent(server).post('/api/auth/login').send({ email: 'oracle@example.com', password });
        answers.push({ status: r.status, code: r.body.code, title: r.body.title, retry: r.headers['retry-after'] });
        expect(r.headers['set-cookie']).toBeUndefined();
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answers[0]).toMatchObject({ status: 423, code: 'ACCOUNT_LOCKED', retry: String(14 * 60) });
      // The password was never looked at, and the lock ends when it said it would.
      expect(verify).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
    }
    expect(await lockedUntil()).toEqual(before);
    // The refused attempts are in the access log, as refusals for the lock.
    const trail = await staffTrail(server, id);
    expect(trail.filter((e) => e.detail.reason === 'locked')).toHaveLength(4);

    clock.advance(14 * 60_000);
    await agent(server).post('/api/auth/login').send({ email: 'oracle@example.com', password: PASSWORD }).expect(200);
  });

  it('starts counting afresh once a lock has run out: one wrong guess later is not a new lock', async () => {
    const { id } = await server.createStaff({ email: 'relock@example.com', role: 'dpo', password: PASSWORD });
    const guess = () =>
      agent(server).post('/api/auth/login').send({ email: 'relock@example.com', password: 'wrong guess' });
    for (let i = 0; i < 5; i += 1) await guess().expect(401);
    await guess().expect(423);
    clock.advance(15 * 60_000 + 1_000);

    // The first wrong guess after the lock is an ordinary failure, not a fresh 15-minute lock.
    await guess().expect(401);
    const [row] = await server.db.query('SELECT locked_until, failed_attempts FROM staff WHERE id = $1', [id]);
    expect(row).toMatchObject({ locked_until: null, failed_attempts: 1 });
    await agent(server).post('/api/auth/login').send({ email: 'relock@example.com', password: PASSWORD }).expect(200);

    // The right password alone does not clear the count (the TOTP step does); four more failures
    // make five in the new count, which locks again, in the access log like the first lock.
    for (let i = 0; i < 4; i += 1) await guess().expect(401);
    await guess().expect(423);
    expect((await events(id)).filter((e) => e === 'lockout:failure')).toHaveLength(2);
  });

  it('answers a disabled account the same for the right and a wrong password, without checking it', async () => {
    const { id } = await server.createStaff({ email: 'gone@example.com', role: 'support', password: PASSWORD });
    await server.db.query(`UPDATE staff SET status = 'disabled' WHERE id = $1`, [id]);
    const verify = jest.spyOn(server.app.get(PasswordHasher), 'verify');
    try {
      const answers = [];
      for (const password of [PASSWORD, 'wrong guess']) {
        const r = await agent(server).post('/api/auth/login').send({ email: 'gone@example.com', password });
        answers.push({ status: r.status, code: r.body.code, title: r.body.title });
        expect(r.headers['set-cookie']).toBeUndefined();
      }
      expect(answers[0]).toEqual({ status: 403, code: 'ACCOUNT_DISABLED', title: answers[0].title });
      expect(answers[1]).toEqual(answers[0]);
      expect(verify).not.toHaveBeenCalled();
    } finally {
      verify.mockRestore();
    }
    const [row] = await server.db.query('SELECT failed_attempts FROM staff WHERE id = $1', [id]);
    expect(row.failed_attempts).toBe(0);
    expect((await staffTrail(server, id)).filter((e) => e.detail.reason === 'disabled')).toHaveLength(2);
  });

  it('does not extend a lock with MFA codes sent while it lasts', async () => {
    const { id } = await server.createStaff({ email: 'mfalock@example.com', role: 'dpo', password: PASSWORD });
    const secret = await signIn(server, agent(server), 'mfalock@example.com', PASSWORD);
    const client = agent(server);
    await client.post('/api/auth/login').send({ email: 'mfalock@example.com', password: PASSWORD }).expect(200);
    for (let i = 0; i < 5; i += 1) await client.post('/api/auth/mfa/verify').send({ code: '000000' }).expect(401);
    const [before] = await server.db.query('SELECT locked_until, failed_attempts FROM staff WHERE id = $1', [id]);
    clock.advance(60_000);
    const wrong = await client.post('/api/auth/mfa/verify').send({ code: '000000' }).expect(423);
    const right = await client
      .post('/api/auth/mfa/verify')
      .send({ code: await totpAt(server, secret) })
      .expect(423);
    expect(right.body).toEqual({ ...wrong.body, requestId: right.body.requestId, instance: right.body.instance });
    await client.post('/api/auth/mfa/recover').send({ recoveryCode: 'aaaaa-aaaaa' }).expect(423);
    // A request that loaded the account just before the lock and failed just after it does not
    // push the lock out either.
    await server.app.get(StaffService).registerFailure(id, 5, 15 * 60_000);
    const [after] = await server.db.query('SELECT locked_until FROM staff WHERE id = $1', [id]);
    expect(after.locked_until).toEqual(before.locked_until);
    clock.advance(14 * 60_000 + 30_000);
    await client
      .post('/api/auth/mfa/verify')
      .send({ code: await totpAt(server, secret) })
      .expect(200);
  });

  it('counts a wrong current password on the password change like any failed sign-in, up to the lock', async () => {
    const { id } = await server.createStaff({ email: 'change@example.com', role: 'dpo', password: PASSWORD });
    const client = agent(server);
    await signIn(server, client, 'change@example.com', PASSWORD);
    const change = (currentPassword: string) =>
      client.post('/api/auth/password').send({ currentPassword, newPassword: 'an entirely new passphrase here' });
    for (let i = 1; i <= 5; i += 1) {
      const r = await change('not my password');
      expect(r.status).toBe(422);
      expect(r.body.errors[0].field).toBe('currentPassword');
      const [row] = await server.db.query('SELECT failed_attempts FROM staff WHERE id = $1', [id]);
      expect(row.failed_attempts).toBe(i);
    }
    // Locked now: even the right current password is refused, and so is a new sign-in.
    const locked = await change(PASSWORD).expect(423);
    expect(locked.body.code).toBe('ACCOUNT_LOCKED');
    await agent(server).post('/api/auth/login').send({ email: 'change@example.com', password: PASSWORD }).expect(423);
    const trail = (await staffTrail(server, id)).map((e) => `${String(e.detail.event)}:${String(e.detail.reason)}`);
    expect(trail.filter((e) => e === 'password_changed:wrong_password')).toHaveLength(5);
    expect(trail).toContain('lockout:undefined');
  });

  it("ends one's other sessions on a password change, and keeps the current one", async () => {
    await server.createStaff({ email: 'rotate@example.com', role: 'dpo', password: PASSWORD });
    const here = agent(server);
    const secret = await signIn(server, here, 'rotate@example.com', PASSWORD);
    const elsewhere = agent(server);
    await signIn(server, elsewhere, 'rotate@example.com', PASSWORD, secret);
    const halfway = agent(server);
    await halfway.post('/api/auth/login').send({ email: 'rotate@example.com', password: PASSWORD }).expect(200);
    await elsewhere.get('/api/auth/me').expect(200);

    const newPassword = 'an entirely new passphrase here';
    await here.post('/api/auth/password').send({ currentPassword: PASSWORD, newPassword }).expect(200);

    await here.get('/api/auth/me').expect(200);
    const out = await elsewhere.get('/api/auth/me').expect(401);
    expect(out.body.code).toBe('SESSION_EXPIRED');
    await halfway.get('/api/auth/session').expect(401);
    const ended = await server.db.query(
      `SELECT end_reason FROM staff_sessions ss JOIN staff s ON s.id = ss.staff_id
       WHERE s.email = 'rotate@example.com' AND ss.end_reason = 'password_changed'`,
    );
    expect(ended.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps a session in use alive with a one-minute idle limit (last-seen refreshed often enough)', async () => {
    const shortClock = new FakeClock();
    const short = await startTestServer({ clock: shortClock, env: { SESSION_IDLE_MINUTES: '1' } });
    try {
      await short.createStaff({ email: 'busy@example.com', role: 'dpo', password: PASSWORD });
      const client = agent(short);
      await signIn(short, client, 'busy@example.com', PASSWORD);
      // Used every 15 seconds for five minutes: never idle for a minute.
      for (let seconds = 15; seconds <= 300; seconds += 15) {
        shortClock.advance(15_000);
        const r = await client.get('/api/auth/me');
        expect({ seconds, status: r.status }).toEqual({ seconds, status: 200 });
      }
      // Then left alone for a minute and a second: idle.
      shortClock.advance(61_000);
      await client.get('/api/auth/me').expect(401);
    } finally {
      await short.close();
    }
  });

  it('ends a session after 30 idle minutes and after 12 hours in all', async () => {
    await server.createStaff({ email: 'idle@example.com', role: 'dpo', password: PASSWORD });
    const client = agent(server);
    const secret = await signIn(server, client, 'idle@example.com', PASSWORD);
    clock.advance(29 * 60_000);
    await client.get('/api/auth/me').expect(200);
    clock.advance(31 * 60_000);
    const idle = await client.get('/api/auth/me').expect(401);
    expect(idle.body.code).toBe('SESSION_EXPIRED');

    const longLived = agent(server);
    await signIn(server, longLived, 'idle@example.com', PASSWORD, secret);
    // Active every 29 minutes: never idle, but cut off at 12 hours.
    let minutes = 0;
    while (minutes + 29 < 12 * 60) {
      clock.advance(29 * 60_000);
      minutes += 29;
      await longLived.get('/api/auth/me').expect(200);
    }
    clock.advance(29 * 60_000);
    const absolute = await longLived.get('/api/auth/me').expect(401);
    expect(absolute.body.code).toBe('SESSION_EXPIRED');
  });

  it('signs in with a recovery code exactly once', async () => {
    await server.createStaff({ email: 'recover@example.com', role: 'dpo', password: PASSWORD });
    const client = agent(server);
    await client.post('/api/auth/login').send({ email: 'recover@example.com', password: PASSWORD }).expect(200);
    const enroll = await client.post('/api/auth/mfa/enroll').expect(200);
    const confirm = await client
      .post('/api/auth/mfa/enroll/confirm')
      .send({ code: await totpAt(server, enroll.body.secret) })
      .expect(200);
    const code = confirm.body.recoveryCodes[0] as string;

    const other = agent(server);
    await other.post('/api/auth/login').send({ email: 'recover@example.com', password: PASSWORD }).expect(200);
    const used = await other.post('/api/auth/mfa/recover').send({ recoveryCode: code }).expect(200);
    expect(used.body).toEqual({ stage: 'full', remainingRecoveryCodes: 9 });

    const again = agent(server);
    await again.post('/api/auth/login').send({ email: 'recover@example.com', password: PASSWORD }).expect(200);
    const reused = await again.post('/api/auth/mfa/recover').send({ recoveryCode: code }).expect(401);
    expect(reused.body.code).toBe('RECOVERY_CODE_INVALID');
  });

  it('makes an invited person change the temporary password before enrolling', async () => {
    const { temporaryPassword } = await server.app
      .get(StaffService)
      .createAccount({ email: 'new@example.com', displayName: 'New', role: 'support' }, {});
    const client = agent(server);
    const login = await client
      .post('/api/auth/login')
      .send({ email: 'new@example.com', password: temporaryPassword })
      .expect(200);
    expect(login.body.stage).toBe('password_change');
    await client.post('/api/auth/mfa/enroll').expect(403);
    const weak = await client.post('/api/auth/password').send({ newPassword: 'password1234' }).expect(422);
    expect(weak.body.errors[0].code).toBe('PASSWORD_TOO_COMMON');
    const short = await client.post('/api/auth/password').send({ newPassword: 'short' }).expect(422);
    expect(short.body.errors[0].code).toBe('PASSWORD_TOO_SHORT');
    const ok = await client.post('/api/auth/password').send({ newPassword: '봄날의 상담실 창가에서' }).expect(200);
    expect(ok.body.stage).toBe('mfa_enroll');
  });

  it('logs out and the old cookie stops working', async () => {
    await server.createStaff({ email: 'bye@example.com', role: 'auditor', password: PASSWORD });
    const client = agent(server);
    await signIn(server, client, 'bye@example.com', PASSWORD);
    await client.post('/api/auth/logout').expect(204);
    const after = await client.get('/api/auth/me').expect(401);
    expect(['UNAUTHENTICATED', 'SESSION_EXPIRED']).toContain(after.body.code);
  });
});
