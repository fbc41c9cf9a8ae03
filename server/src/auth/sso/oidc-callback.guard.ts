import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { originOf } from '../../common/current-staff.decorator';
import { Problem } from '../../common/problem';
import type { ConsoleRequest } from '../../context/request-context';
import { AuthErrorCode } from '../auth.errors';
import { describeOidcFailure, OIDC_STRATEGY, OidcClient, type OidcFailureKind } from './oidc-client';
import { SsoService } from './sso.service';
import { SsoTransactionCookie } from './sso-transaction-cookie';

const CODES = {
  state: AuthErrorCode.SsoStateInvalid,
  denied: AuthErrorCode.SsoDenied,
  code: AuthErrorCode.SsoCodeRejected,
  token: AuthErrorCode.SsoTokenInvalid,
  unavailable: AuthErrorCode.SsoProviderUnavailable,
} as const satisfies Record<OidcFailureKind, AuthErrorCode>;

const TITLES: Record<OidcFailureKind, string> = {
  state: 'This sign-in was not started here, or took too long; start again',
  denied: 'The identity provider did not sign you in',
  code: 'The identity provider refused this sign-in; start again',
  token: 'The identity provider’s answer did not pass the checks',
  unavailable: 'The identity provider cannot be reached',
};

// The parameters a provider's redirect may carry: one value each, of a sane length.
const CALLBACK_PARAMS = ['code', 'state', 'error', 'error_description', 'iss', 'session_state'];

/**
 * The provider's redirect back: passport's OIDC strategy (through @nestjs/passport) exchanges the
 * code with the PKCE verifier and checks state, nonce and the ID token; this guard gives it the
 * stored request, and turns each refusal into a recorded 4xx problem.
 */
@Injectable()
export class OidcCallbackGuard extends AuthGuard(OIDC_STRATEGY) {
  constructor(
    private readonly oidc: OidcClient,
    private readonly sso: SsoService,
    private readonly transaction: SsoTransactionCookie,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<ConsoleRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    if (this.oidc.settings === undefined) {
      throw Problem.of(AuthErrorCode.SsoNotConfigured, 'Single sign-on is not configured');
    }
    if (!isCallback(req)) {
      await this.sso.recordProtocolRefusal(AuthErrorCode.SsoBadCallback, {}, originOf(req));
      throw Problem.of(AuthErrorCode.SsoBadCallback, 'This is not an answer from the identity provider');
    }
    try {
      await this.oidc.prepare();
    } catch (error) {
      throw await this.refuse(req, 'unavailable', describeOidcFailure(error, undefined).detail);
    }
    this.transaction.install(req, res);
    // One use: whatever this callback becomes, its stored request is gone.
    this.transaction.clear(req, res);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown, context: ExecutionContext): T {
    if (error instanceof Problem) throw error;
    if (error === null && user) return user;
    const { kind, detail } = describeOidcFailure(error, info);
    // @nestjs/passport resolves its promise with this: a rejected one fails the guard.
    return this.refuse(context.switchToHttp().getRequest<ConsoleRequest>(), kind, detail).then((problem) => {
      throw problem;
    }) as T;
  }

  private async refuse(req: ConsoleRequest, kind: OidcFailureKind, detail: Record<string, string>) {
    await this.sso.recordProtocolRefusal(CODES[kind], detail, originOf(req));
    return Problem.of(CODES[kind], TITLES[kind]);
  }
}

function isCallback(req: Request): boolean {
  const query = req.query as Record<string, unknown>;
  for (const name of CALLBACK_PARAMS) {
    const value = query[name];
    if (value !== undefined && (typeof value !== 'string' || value.length === 0 || value.length > 4096)) return false;
  }
  // A code (with the state it answers) or an error: never nothing, which would start a new sign-in.
  return typeof query.state === 'string' && (typeof query.code === 'string') !== (typeof query.error === 'string');
}
