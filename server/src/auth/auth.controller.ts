import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { EventOrigin } from '../access-log/auth-event.service';
import { AllowStages, Public, SignedIn } from '../authorization/decorators';
import { CurrentStaff, RequestOrigin } from '../common/current-staff.decorator';
import type { ConsoleRequest } from '../context/request-context';
import { AuthService, WithToken } from './auth.service';
import { ChangePasswordDto, LoginDto, RecoveryCodeDto, TotpCodeDto } from './dto/auth.dto';
import {
  EnrollmentConfirmedResponse,
  EnrollmentResponse,
  LoginOptionsResponse,
  MeResponse,
  RecoveredResponse,
  SessionInfoResponse,
  StageResponse,
  StepUpResponse,
} from './dto/auth-responses.dto';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import type { StaffContext } from '../context/staff-context';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get('login-options')
  @Public()
  loginOptions(): LoginOptionsResponse {
    return this.auth.loginOptions();
  }

  @Post('login')
  @HttpCode(200)
  @Public()
  async login(
    @Body() dto: LoginDto,
    @RequestOrigin() origin: EventOrigin,
    @Req() req: ConsoleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StageResponse> {
    return this.withCookie(req, res, await this.auth.login(dto.email, dto.password, origin));
  }

  @Get('session')
  @AllowStages('password_change', 'mfa_enroll', 'mfa_verify', 'full')
  session(@CurrentStaff() me: StaffContext): Promise<SessionInfoResponse> {
    return this.auth.sessionInfo(me);
  }

  @Post('password')
  @HttpCode(200)
  @AllowStages('password_change', 'full')
  changePassword(@CurrentStaff() me: StaffContext, @Body() dto: ChangePasswordDto): Promise<StageResponse> {
    return this.auth.changePassword(me, dto.newPassword, dto.currentPassword);
  }

  @Post('mfa/enroll')
  @HttpCode(200)
  @AllowStages('mfa_enroll')
  startEnrollment(@CurrentStaff() me: StaffContext): Promise<EnrollmentResponse> {
    return this.auth.startEnrollment(me);
  }

  @Post('mfa/enroll/confirm')
  @HttpCode(200)
  @AllowStages('mfa_enroll')
  async confirmEnrollment(
    @CurrentStaff() me: StaffContext,
    @Body() dto: TotpCodeDto,
    @Req() req: ConsoleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EnrollmentConfirmedResponse> {
    return this.withCookie(req, res, await this.auth.confirmEnrollment(me, dto.code));
  }

  @Post('mfa/verify')
  @HttpCode(200)
  @AllowStages('mfa_verify')
  async verify(
    @CurrentStaff() me: StaffContext,
    @Body() dto: TotpCodeDto,
    @Req() req: ConsoleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StageResponse> {
    return this.withCookie(req, res, await this.auth.verifyMfa(me, dto.code));
  }

  @Post('mfa/recover')
  @HttpCode(200)
  @AllowStages('mfa_verify')
  async recover(
    @CurrentStaff() me: StaffContext,
    @Body() dto: RecoveryCodeDto,
    @Req() req: ConsoleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecoveredResponse> {
    return this.withCookie(req, res, await this.auth.recover(me, dto.recoveryCode));
  }

  @Post('step-up')
  @HttpCode(200)
  @SignedIn()
  stepUp(@CurrentStaff() me: StaffContext, @Body() dto: TotpCodeDto): Promise<StepUpResponse> {
    return this.auth.stepUp(me, dto.code);
  }

  @Post('logout')
  @HttpCode(204)
  @AllowStages('password_change', 'mfa_enroll', 'mfa_verify', 'full')
  async logout(
    @CurrentStaff() me: StaffContext,
    @Req() req: ConsoleRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(me);
    clearSessionCookie(req, res);
  }

  @Get('me')
  @SignedIn()
  me(@CurrentStaff() me: StaffContext): MeResponse {
    return this.auth.me(me);
  }

  private withCookie<T>(req: ConsoleRequest, res: Response, result: WithToken<T>): T {
    if (result.token !== undefined) setSessionCookie(req, res, result.token);
    return result.body;
  }
}
