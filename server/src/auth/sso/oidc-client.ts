import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { Strategy, type AuthenticateOptions } from 'openid-client/passport';
import passport from 'passport';
import { AppConfig, type SsoSettings } from '../../config/app-config';

/** The passport strategy's name, for AuthGuard('oidc'). */
export const OIDC_STRATEGY = 'oidc';
/** Where the strategy keeps its authorization request (PKCE verifier, state, nonce) in req.session. */
export const OIDC_SESSION_KEY = 'oidc';

export type IdTokenClaims = client.IDToken;

/**
 * openid-client's strategy sends PKCE always, but `state` only to a provider without PKCE and
 * `nonce` only with an implicit ID token. The console sends and checks both, every time: the
 * strategy stores whatever the authorization URL carries and hands it to the token exchange.
 */
class ConsoleOidcStrategy extends Strategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(req: Request, options: T): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', client.randomState());
    params.set('nonce', client.randomNonce());
    return params;
  }
}

/**
 * The one module that talks to openid-client: discovery of the provider (lazily, so that a
 * provider down at start-up does not stop the console), and the passport strategy.
 *
 * The library checks the ID token's issuer, audience, expiry, issued-at, nonce and `azp`; its
 * signature against the provider's published keys is checked too because non-repudiation checks
 * are switched on (without them openid-client trusts a token fetched over TLS unsigned-checked).
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private ready?: Promise<void>;

  constructor(private readonly config: AppConfig) {}

  get settings(): SsoSettings | undefined {
    return this.config.sso;
  }

  /** Discovers the provider and registers the strategy with passport, once. */
  prepare(): Promise<void> {
    const sso = this.config.sso;
    if (sso === undefined) return Promise.reject(new Error('SSO is not configured'));
    this.ready ??= this.discover(sso).catch((error: unknown) => {
      // The next sign-in tries again.
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /**
   * First leg: the strategy stores its request in req.session and answers with a redirect to the
   * provider. Resolves once that answer is sent.
   */
  async redirectToProvider(req: Request, res: Response): Promise<void> {
    await this.prepare();
    await new Promise<void>((resolve, reject) => {
      res.once('finish', () => resolve());
      passport.authenticate(OIDC_STRATEGY, { session: false }, (error: unknown) =>
        reject(error instanceof Error ? error : new Error('The sign-in could not start')),
      )(req, res, (error?: unknown) =>
        reject(error instanceof Error ? error : new Error('The sign-in could not start')),
      );
    });
  }

  private async discover(sso: SsoSettings): Promise<void> {
    const issuer = new URL(sso.issuerUrl);
    const configuration = await client.discovery(
      issuer,
      sso.clientId,
      { redirect_uris: [sso.redirectUrl], response_types: ['code'] },
      client.ClientSecretBasic(sso.clientSecret),
      // Plain HTTP only to a provider on this machine (a test's or a developer's).
      isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    client.enableNonRepudiationChecks(configuration);
    passport.use(
      OIDC_STRATEGY,
      new ConsoleOidcStrategy(
        {
          config: configuration,
          name: OIDC_STRATEGY,
          sessionKey: OIDC_SESSION_KEY,
          callbackURL: sso.redirectUrl,
          scope: 'openid email profile',
        },
        (tokens, verified) => {
          const claims = tokens.claims();
          if (claims === undefined) verified(new Error('The provider sent no ID token'));
          else verified(null, claims);
        },
      ),
    );
    this.logger.log(`Single sign-on through ${issuer.origin}`);
  }
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** What went wrong in the provider leg, in the console's terms. */
export type OidcFailureKind = 'state' | 'denied' | 'code' | 'token' | 'unavailable';

/**
 * Sorts a failure of the strategy (an error, or a fail() with its info) without passing secrets on:
 * the detail has the library's error code and message, never a code, token or verifier.
 */
export function describeOidcFailure(
  error: unknown,
  info: unknown,
): { kind: OidcFailureKind; detail: Record<string, string> } {
  if (error === null || error === undefined) {
    const message = String((info as { message?: unknown } | undefined)?.message ?? 'refused');
    // passport's fail(): no stored request for this callback, or the provider's access_denied.
    return { kind: /state/i.test(message) ? 'state' : 'denied', detail: { message } };
  }
  if (error instanceof client.ResponseBodyError) {
    return { kind: 'code', detail: { error: error.error, message: error.error_description ?? error.message } };
  }
  if (error instanceof client.AuthorizationResponseError) {
    return { kind: 'denied', detail: { error: error.error, message: error.error_description ?? error.message } };
  }
  const causeMessage = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  if (error instanceof client.ClientError) {
    const detail = { error: error.code ?? 'client_error', message: `${error.message}: ${causeMessage}` };
    if (error.code === 'OAUTH_INVALID_RESPONSE' && /"state"/.test(causeMessage)) return { kind: 'state', detail };
    if (error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON') {
      return { kind: 'unavailable', detail };
    }
    return { kind: 'token', detail };
  }
  if (error instanceof TypeError && error.message === 'fetch failed') {
    return { kind: 'unavailable', detail: { error: 'fetch_failed', message: causeMessage } };
  }
  const named = error as { code?: unknown; name?: unknown; message?: unknown };
  return {
    kind: 'token',
    detail: { error: String(named.code ?? named.name ?? 'error'), message: String(named.message ?? '') },
  };
}
