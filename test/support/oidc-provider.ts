import { createServer, type Server } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, importJWK, SignJWT, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';
import { freePort } from './free-port';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

/** A person at the test provider: the ID token's claims, and how they authenticated. */
export interface IdpAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  console_role?: string;
  /** RFC 8176 authentication methods, e.g. ['pwd', 'mfa']. */
  amr?: string[];
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorization request (the provider's login step is automatic). */
  signInAs(account: IdpAccount): void;
  /**
   * Re-signs the next ID token the token endpoint sends after `change`: with the provider's own key
   * (a token it really issued, for someone else or too old), or with `forgedKey` a key it never had.
   */
  tamperNextIdToken(
    change: (claims: Record<string, unknown>) => Record<string, unknown>,
    options?: { forgedKey?: boolean },
  ): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider) on a free local port: discovery, JWKS, the
 * authorization endpoint with PKCE required, code exchange with single-use codes, signed ID
 * tokens. Its login and consent steps answer at once for the account set by signInAs().
 */
export async function startTestIdp(redirectUris: string[]): Promise<TestIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'privacy-console';
  const clientSecret = 'test-client-secret-that-is-long-enough-for-hs256';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const signingKey = await importJWK(jwk, 'RS256');
  let current: IdpAccount | undefined;
  let tamper: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;
  const forgedKey = await importJWK(
    generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK,
    'RS256',
  );
  let signWith = signingKey;
  const accounts = new Map<string, IdpAccount>();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk as never] },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: {
      // amr goes into every ID token, as Entra and Okta put it there.
      openid: ['sub', 'amr'],
      email: ['email', 'email_verified'],
      profile: ['name', 'console_role'],
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key'] },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (account === undefined) return undefined;
      return {
        accountId: sub,
        // amr is the session's (set at login below), not an account claim.
        claims: () => ({ email_verified: true, ...account, amr: undefined }),
      };
    },
    // First-party client: consent is implied.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client!;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope('openid email profile');
      grant.addOIDCClaims(['email', 'email_verified', 'name', 'console_role']);
      await grant.save();
      return grant;
    },
  });

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && tamper !== undefined && ctx.status === 200) {
      const body = ctx.body as { id_token?: string };
      if (typeof body.id_token === 'string') {
        const claims = tamper(decodeJwt(body.id_token) as Record<string, unknown>);
        tamper = undefined;
        body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: jwk.kid }).sign(signWith);
      }
    }
  });

  const callback = provider.callback();
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      void (async () => {
        try {
          if (current === undefined) throw new Error('signInAs() first');
          await provider.interactionDetails(req, res);
          const account = current;
          accounts.set(account.sub, account);
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: account.sub, amr: account.amr ?? ['pwd'] } },
            { mergeWithLastSubmission: false },
          );
        } catch (error) {
          res.statusCode = 500;
          res.end(String(error));
        }
      })();
      return;
    }
    void callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(account) {
      current = account;
    },
    tamperNextIdToken(change, options = {}) {
      tamper = change;
      signWith = options.forgedKey ? forgedKey : signingKey;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A console with single sign-on at a fresh test provider, on a port chosen first so that the
 * provider knows the callback: issuer, client and callback filled in, `env` adds the rest.
 */
export async function startServerWithIdp(
  env: Record<string, string>,
  options: Omit<TestServerOptions, 'port' | 'env'> = {},
): Promise<{ idp: TestIdp; server: TestServer }> {
  const port = await freePort();
  const redirect = `http://127.0.0.1:${port}/api/auth/sso/callback`;
  const idp = await startTestIdp([redirect]);
  try {
    const server = await startTestServer({
      ...options,
      port,
      env: {
        SSO_ISSUER_URL: idp.issuer,
        SSO_CLIENT_ID: idp.clientId,
        SSO_CLIENT_SECRET: idp.clientSecret,
        SSO_REDIRECT_URL: redirect,
        ...env,
      },
    });
    return { idp, server };
  } catch (error) {
    await idp.close();
    throw error;
  }
}
