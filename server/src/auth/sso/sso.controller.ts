import { Controller, Get, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventOrigin } from '../../access-log/auth-event.service';
import type { SessionStage } from '../../authorization/decorators';
import { Public } from '../../authorization/decorators';
import { RequestOrigin } from '../../common/current-staff.decorator';
import { Problem } from '../../common/problem';
import type { ConsoleRequest } from '../../context/request-context';
import { AuthErrorCode } from '../auth.errors';
import { setSessionCookie } from '../session-cookie';
import { OidcCallbackGuard } from './oidc-callback.guard';
import { OidcClient, type IdTokenClaims } from './oidc-client';
import { SsoBrowserFilter } from './sso-browser.filter';
import { SsoService } from './sso.service';
import { SsoTransactionCookie } from './sso-transaction-cookie';

/** The console's page for each stage a sign-in can reach (admin-ui's hash routes). */
const STAGE_PAGES: Record<Exclude<SessionStage, 'password_change'>, string> = {
  mfa_enroll: '/#/mfa/enroll',
  mfa_verify: '/#/mfa/verify',
  full: '/#/',
};

/** Single sign-on: the browser's two navigations, out to the provider and back. Both public. */
@ApiTags('auth')
@Controller('auth/sso')
@UseFilters(SsoBrowserFilter)
export class SsoController {
  constructor(
    private readonly oidc: OidcClient,
    private readonly sso: SsoService,
    private readonly transaction: SsoTransactionCookie,
  ) {}

  @Get('start')
  @Public()
  @ApiExcludeEndpoint()
  async start(@Req() req: ConsoleRequest, @Res() res: Response, @RequestOrigin() origin: EventOrigin): Promise<void> {
    if (this.oidc.settings === undefined) {
      throw Problem.of(AuthErrorCode.SsoNotConfigured, 'Single sign-on is not configured');
    }
    this.transaction.install(req, res);
    try {
      await this.oidc.redirectToProvider(req, res);
    } catch {
      await this.sso.recordProtocolRefusal(AuthErrorCode.SsoProviderUnavailable, { at: 'start' }, origin);
      throw Problem.of(AuthErrorCode.SsoProviderUnavailable, 'The identity provider cannot be reached');
    }
  }

  @Get('callback')
  @Public()
  @UseGuards(OidcCallbackGuard)
  @ApiExcludeEndpoint()
  async callback(
    @Req() req: ConsoleRequest & { user?: IdTokenClaims },
    @Res() res: Response,
    @RequestOrigin() origin: EventOrigin,
  ): Promise<void> {
    const { body, token } = await this.sso.signIn(req.user as IdTokenClaims, origin);
    setSessionCookie(req, res, token as string);
    res.redirect(303, STAGE_PAGES[body.stage as keyof typeof STAGE_PAGES]);
  }
}
