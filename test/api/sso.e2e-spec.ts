import fc from 'fast-check';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import { FUZZ_SEED, junkQuery, refusedQuery } from '../support/fuzz';
import { startServerWithIdp, type IdpAccount, type TestIdp } from '../support/oidc-provider';
import { PASSWORD, staffTrail, totpAt, type TestServer } from '../support/server';
import { SsoBrowser } from '../support/sso-browser';

const CALLBACK = '/api/auth/sso/callback';

/** Every SSO event in the access log, oldest first. */
async function ssoEvents(server: TestServer): Promise<CanonicalAuditEvent[]> {
  await server.app.get(AuditSequencer).flush();
  const rows: { canonical: Buffer }[] = await server.db.query('SELECT canonical FROM audit_events ORDER BY seq');
  return rows
    .map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent)
    .filter((e) => String(e.detail.event).startsWith('sso_'));
}

const lastRefusal = async (server: TestServer) => {
  const refusals = (await ssoEvents(server)).filter((e) => e.outcome === 'failure');
  return refusals[refusals.length - 1]?.detail;
};

describe('staff single sign-on through an OpenID Connect provider', () => {
  let idp: TestIdp;
  let server: TestServer;
  let serial = 0;

  beforeAll(async () => {
    ({ idp, server } = await startServerWithIdp({
      SSO_PROVIDER_NAME: 'Example Workspace',
      SSO_ALLOWED_DOMAINS: 'example.com, example.co.kr',
      SSO_TRUST_IDP_MFA: 'true',
    }));
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
  });

  /** A person at the provider, with a staff account the sysadmin created (invited) unless told not to. */
  async function person(overrides: Partial<IdpAccount> = {}, invite = true) {
    serial += 1;
    const account: IdpAccount = { sub: `idp-${serial}`, email: `person${serial}@example.com`, ...overrides };
    const staff = invite
      ? await server.createStaff({ email: account.email, role: 'support', password: PASSWORD })
      : { id: '' };
    idp.signInAs(account);
    return { account, staffId: staff.id, browser: new SsoBrowser(server.url) };
  }

  it('offers "Sign in with <provider>" on the sign-in page', async () => {
    const res = await new SsoBrowser(server.url).api('get', '/api/auth/login-options');
    expect(res.body).toMatchObject({
      sso: { providerName: 'Example Workspace', startUrl: '/api/auth/sso/start' },
      passwordSignIn: true,
    });
  });

  it('links an invited account by verified email, then still asks for the console’s TOTP', async () => {
    const { browser, staffId, account } = await person({ amr: ['pwd'] });
    const callback = await browser.throughProvider();
    const url = new URL(callback);
    expect(url.searchParams.get('state')).toMatch(/.{20,}/);

    const res = await browser.get(callback);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#/mfa/enroll');
    // Half signed in, exactly like after a password: only the MFA routes.
    expect((await browser.api('get', '/api/auth/session')).body).toMatchObject({ stage: 'mfa_enroll' });
    expect((await browser.api('get', '/api/auth/me')).status).toBe(403);

    const enroll = await browser.api('post', '/api/auth/mfa/enroll');
    const secret = enroll.body.secret as string;
    const confirm = await browser.api('post', '/api/auth/mfa/enroll/confirm', { code: await totpAt(server, secret) });
    expect(confirm.body.stage).toBe('full');
    expect((await browser.api('get', '/api/auth/me')).body.staff).toMatchObject({ id: staffId, email: account.email });

    const links = await server.db.query('SELECT issuer, subject FROM staff_sso_identities WHERE staff_id = $1', [
      staffId,
    ]);
    expect(links).toEqual([{ issuer: idp.issuer, subject: account.sub }]);
    const trail = (await staffTrail(server, staffId)).map((e) => `${String(e.detail.event)}:${e.outcome}`);
    expect(trail).toEqual([
      'staff_created:success',
      'sso_linked:success',
      'sso_sign_in:success',
      'access_denied:denied', // the pre-MFA call to /me
      'mfa_enrolled:success',
    ]);
    const signIn = (await staffTrail(server, staffId)).find((e) => e.detail.event === 'sso_sign_in')!;
    expect(signIn.detail).toMatchObject({ next: 'mfa_enroll', secondFactor: 'console_totp', amr: ['pwd'] });

    // The next sign-in finds the account by the provider's subject and asks for a TOTP code.
    const again = new SsoBrowser(server.url);
    const second = await again.get(await again.throughProvider());
    expect(second.headers.get('location')).toBe('/#/mfa/verify');
    const verify = await again.api('post', '/api/auth/mfa/verify', { code: await totpAt(server, secret, 1) });
    expect(verify.body.stage).toBe('full');
  });

  it('skips the console’s TOTP check when the provider did MFA and that is trusted, and records the choice', async () => {
    const { browser, staffId, account } = await person({ amr: ['pwd'] });
    await browser.get(await browser.throughProvider());
    const enroll = await browser.api('post', '/api/auth/mfa/enroll');
    await browser.api('post', '/api/auth/mfa/enroll/confirm', { code: await totpAt(server, enroll.body.secret) });

    idp.signInAs({ ...account, amr: ['pwd', 'mfa'] });
    const trusted = new SsoBrowser(server.url);
    const res = await trusted.get(await trusted.throughProvider());
    expect(res.headers.get('location')).toBe('/#/');
    expect((await trusted.api('get', '/api/auth/me')).status).toBe(200);
    const events = (await staffTrail(server, staffId)).filter((e) => e.detail.event === 'sso_sign_in');
    expect(events.map((e) => e.detail.secondFactor)).toEqual(['console_totp', 'provider_mfa_trusted']);
  });

  it('refuses a callback whose state is not the one this browser was given', async () => {
    const { browser } = await person();
    const callback = new URL(await browser.throughProvider());
    callback.searchParams.set('state', 'forged-state-value');
    const res = await browser.get(callback.href);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await res.json()).code).toBe('SSO_STATE_INVALID');
    expect(await lastRefusal(server)).toMatchObject({ reason: 'SSO_STATE_INVALID' });
    expect((await browser.api('get', '/api/auth/session')).status).toBe(401);
  });

  it('refuses a callback that this browser never started (no stored request)', async () => {
    const { browser } = await person();
    const callback = await browser.throughProvider();
    const res = await browser.get(callback, { withoutCookies: ['poc_sso'] });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('SSO_STATE_INVALID');
  });

  it('refuses a replayed authorization code', async () => {
    const { browser } = await person();
    const callback = await browser.throughProvider();
    const stored = browser.cookie(new URL(server.url).host, 'poc_sso')!;
    expect((await browser.get(callback)).status).toBe(303);

    // The same redirect again, with the same stored request: the provider refuses the used code.
    const replay = new SsoBrowser(server.url);
    replay.setCookie(new URL(server.url).host, 'poc_sso', stored);
    const res = await replay.get(callback);
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('SSO_CODE_REJECTED');
    expect(await lastRefusal(server)).toMatchObject({ reason: 'SSO_CODE_REJECTED', error: 'invalid_grant' });
    expect((await replay.api('get', '/api/auth/session')).status).toBe(401);
  });

  it('refuses an ID token issued for another audience', async () => {
    const { browser } = await person();
    idp.tamperNextIdToken((claims) => ({ ...claims, aud: 'another-application' }));
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('SSO_TOKEN_INVALID');
    expect(String((await lastRefusal(server))?.message)).toMatch(/"aud"/);
    expect((await browser.api('get', '/api/auth/session')).status).toBe(401);
  });

  it('refuses an ID token from another issuer', async () => {
    const { browser } = await person();
    idp.tamperNextIdToken((claims) => ({ ...claims, iss: 'https://other-idp.example.com' }));
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('SSO_TOKEN_INVALID');
    expect(String((await lastRefusal(server))?.message)).toMatch(/"iss"/);
  });

  it('refuses a locked account without unlocking it', async () => {
    const { browser, staffId } = await person();
    await server.db.query(`UPDATE staff SET locked_until = now() + interval '10 minutes' WHERE id = $1`, [staffId]);
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(423);
    expect((await res.json()).code).toBe('ACCOUNT_LOCKED');
    const [row] = await server.db.query('SELECT locked_until > now() AS locked FROM staff WHERE id = $1', [staffId]);
    expect(row.locked).toBe(true);
  });

  it('refuses an ID token not signed by the provider', async () => {
    const { browser } = await person();
    idp.tamperNextIdToken((claims) => claims, { forgedKey: true });
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('SSO_TOKEN_INVALID');
    expect(String((await lastRefusal(server))?.message)).toMatch(/signature/i);
  });

  it('refuses an expired ID token', async () => {
    const { browser } = await person();
    const now = Math.floor(Date.now() / 1000);
    idp.tamperNextIdToken((claims) => ({ ...claims, iat: now - 7200, exp: now - 3600 }));
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('SSO_TOKEN_INVALID');
    expect(String((await lastRefusal(server))?.message)).toMatch(/"exp"/);
  });

  it('refuses an email outside the allowed domains, even with a staff account', async () => {
    const { browser, staffId } = await person({ email: 'someone@example.org' });
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('SSO_DOMAIN_NOT_ALLOWED');
    expect(await server.db.query('SELECT 1 FROM staff_sso_identities WHERE staff_id = $1', [staffId])).toEqual([]);
  });

  it('refuses a disabled staff member even with a valid token', async () => {
    const { browser, staffId } = await person();
    await server.db.query(`UPDATE staff SET status = 'disabled', disabled_at = now() WHERE id = $1`, [staffId]);
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('ACCOUNT_DISABLED');
    const trail = (await staffTrail(server, staffId)).map((e) => `${String(e.detail.event)}:${e.outcome}`);
    expect(trail).toEqual(['staff_created:success', 'sso_sign_in:failure']);
    expect(await server.db.query('SELECT 1 FROM staff_sessions WHERE staff_id = $1', [staffId])).toEqual([]);
  });

  it('gives no account to someone the sysadmin has not invited', async () => {
    const { browser, account } = await person({}, false);
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('SSO_NOT_INVITED');
    expect(await server.db.query('SELECT 1 FROM staff WHERE email = $1', [account.email])).toEqual([]);
    expect(await lastRefusal(server)).toMatchObject({ reason: 'SSO_NOT_INVITED', email: account.email });
  });

  it('refuses an email the provider has not verified', async () => {
    const { browser } = await person({ email_verified: false });
    const res = await browser.get(await browser.throughProvider());
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('SSO_EMAIL_UNVERIFIED');
  });

  it('answers a callback that is not a provider’s answer with a 400 problem', async () => {
    const browser = new SsoBrowser(server.url);
    for (const query of ['', '?code=a', '?state=s', '?state=s&code=a&error=x', '?state=s&code=a&code=b']) {
      const res = await browser.get(`${CALLBACK}${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect((await res.json()).code).toBe('SSO_BAD_CALLBACK');
    }
  });

  it('answers hostile input on both SSO routes with a 4xx problem, with SSO configured', async () => {
    const browser = new SsoBrowser(server.url);
    const hostile = fc.record({ route: fc.constantFrom('start', 'callback'), junk: junkQuery, refused: refusedQuery });
    await fc.assert(
      fc.asyncProperty(hostile, async ({ route, junk, refused }) => {
        // The callback takes neither junk nor %00; the start route reads no input, but %00 is refused everywhere.
        for (const query of route === 'callback' ? [junk, refused] : [refused]) {
          const res = await browser.get(`/api/auth/sso/${route}?${query}`);
          const answer = { route, query, status: res.status };
          expect({ ...answer, is4xx: res.status >= 400 && res.status < 500 }).toEqual({ ...answer, is4xx: true });
          expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        }
      }),
      { seed: FUZZ_SEED, numRuns: 40 },
    );
  });

  it('sends a browser back to the sign-in page with the reason when a sign-in is refused', async () => {
    const { browser } = await person({ email: 'outsider@example.net' });
    const res = await browser.get(await browser.throughProvider(), {
      accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/#/login?sso_error=SSO_DOMAIN_NOT_ALLOWED');
  });
});

describe('single sign-on only: password sign-in off, roles from the provider, its MFA not trusted', () => {
  let idp: TestIdp;
  let server: TestServer;

  beforeAll(async () => {
    ({ idp, server } = await startServerWithIdp({
      SSO_ALLOWED_DOMAINS: 'example.com',
      SSO_ROLE_CLAIM: 'console_role',
      PASSWORD_SIGNIN: 'false',
      BREAK_GLASS_EMAIL: 'break-glass@example.com',
    }));
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
  });

  it('records the SSO settings in the access log when they change, without the client secret', async () => {
    const changes = (await ssoEvents(server)).filter((e) => e.detail.event === 'sso_config_changed');
    expect(changes).toHaveLength(1);
    expect(changes[0].detail).toMatchObject({
      from: null,
      to: { passwordSignIn: false, breakGlassEmail: 'break-glass@example.com', sso: { roleClaim: 'console_role' } },
    });
    expect(JSON.stringify(changes[0])).not.toContain(idp.clientSecret);
  });

  it('refuses password sign-in to everyone but the break-glass sysadmin', async () => {
    await server.createStaff({ email: 'staffer@example.com', role: 'dpo', password: PASSWORD });
    await server.createStaff({ email: 'break-glass@example.com', role: 'sysadmin', password: PASSWORD });
    const browser = new SsoBrowser(server.url);
    const refused = await browser.api('post', '/api/auth/login', { email: 'staffer@example.com', password: PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PASSWORD_SIGNIN_DISABLED');
    const options = await browser.api('get', '/api/auth/login-options');
    expect(options.body.passwordSignIn).toBe(false);

    const breakGlass = await browser.api('post', '/api/auth/login', {
      email: 'break-glass@example.com',
      password: PASSWORD,
    });
    expect(breakGlass.status).toBe(200);
    expect(breakGlass.body.stage).toBe('mfa_enroll');
  });

  it('takes the role from the provider’s claim, and refuses a person without one', async () => {
    const { id } = await server.createStaff({ email: 'claimed@example.com', role: 'support', password: PASSWORD });
    idp.signInAs({ sub: 'claimed', email: 'claimed@example.com', console_role: 'auditor' });
    const browser = new SsoBrowser(server.url);
    await browser.get(await browser.throughProvider());
    expect((await browser.api('get', '/api/auth/session')).body).toMatchObject({
      role: 'auditor',
      stage: 'mfa_enroll',
    });
    const change = (await staffTrail(server, id)).find((e) => e.detail.event === 'role_changed');
    expect(change?.detail).toMatchObject({ from: 'support', to: 'auditor' });

    await server.createStaff({ email: 'unclaimed@example.com', role: 'support', password: PASSWORD });
    idp.signInAs({ sub: 'unclaimed', email: 'unclaimed@example.com' });
    const other = new SsoBrowser(server.url);
    const res = await other.get(await other.throughProvider());
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('SSO_ROLE_CLAIM_INVALID');
  });

  it('still asks for the console’s TOTP when the provider did MFA but that is not trusted', async () => {
    await server.createStaff({ email: 'mfa@example.com', role: 'dpo', password: PASSWORD });
    idp.signInAs({ sub: 'mfa', email: 'mfa@example.com', console_role: 'dpo', amr: ['pwd', 'mfa'] });
    const first = new SsoBrowser(server.url);
    expect((await first.get(await first.throughProvider())).headers.get('location')).toBe('/#/mfa/enroll');
    const enroll = await first.api('post', '/api/auth/mfa/enroll');
    await first.api('post', '/api/auth/mfa/enroll/confirm', { code: await totpAt(server, enroll.body.secret) });

    const second = new SsoBrowser(server.url);
    expect((await second.get(await second.throughProvider())).headers.get('location')).toBe('/#/mfa/verify');
  });
});
