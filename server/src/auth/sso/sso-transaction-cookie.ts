import type { CookieOptions, Request, Response } from 'express';
import { SecretBox } from '../../common/secret-box';
import { OIDC_SESSION_KEY } from './oidc-client';

export const SSO_TRANSACTION_COOKIE = 'poc_sso';
const PATH = '/api/auth/sso';
const LIFETIME_MS = 10 * 60_000;
const AAD = 'sso-transaction';

type SessionRequest = Request & { session?: Record<string, unknown> };

/**
 * Where the OIDC strategy keeps its authorization request between the redirect to the provider
 * and the callback: the console has no express-session, so req.session is backed by one sealed
 * (AES-256-GCM), short-lived cookie scoped to the SSO routes. The server keeps no state, and the
 * PKCE verifier, state and nonce never leave it readable.
 *
 * SameSite=Lax, not Strict: the callback is a navigation coming from the provider's site.
 */
export class SsoTransactionCookie {
  constructor(
    private readonly box: SecretBox,
    private readonly now: () => Date,
  ) {}

  /** Gives the request a req.session whose strategy entry is read from, and written to, the cookie. */
  install(req: SessionRequest, res: Response): void {
    let stored = this.read(req);
    const session: Record<string, unknown> = {};
    Object.defineProperty(session, OIDC_SESSION_KEY, {
      enumerable: true,
      configurable: true,
      get: () => stored,
      set: (value: unknown) => {
        stored = value;
        res.cookie(SSO_TRANSACTION_COOKIE, this.seal(value), { ...options(req), maxAge: LIFETIME_MS });
      },
    });
    req.session = session;
  }

  clear(req: Request, res: Response): void {
    res.clearCookie(SSO_TRANSACTION_COOKIE, options(req));
  }

  private seal(value: unknown): string {
    const expiresAt = this.now().getTime() + LIFETIME_MS;
    return this.box.seal(JSON.stringify({ value, expiresAt }), AAD).toString('base64url');
  }

  /** The stored request, or undefined when the cookie is missing, forged, or too old. */
  private read(req: Request): unknown {
    const raw = (req.cookies as Record<string, unknown> | undefined)?.[SSO_TRANSACTION_COOKIE];
    if (typeof raw !== 'string' || raw.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
    try {
      const { value, expiresAt } = JSON.parse(this.box.open(Buffer.from(raw, 'base64url'), AAD)) as {
        value: unknown;
        expiresAt: number;
      };
      return this.now().getTime() < expiresAt ? value : undefined;
    } catch {
      return undefined;
    }
  }
}

function options(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: PATH };
}
