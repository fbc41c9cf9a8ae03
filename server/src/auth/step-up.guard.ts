import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { STEP_UP_KEY } from '../authorization/decorators';
import { Clock } from '../common/clock';
import { CommonErrorCode } from '../common/problem-codes';
import { Problem } from '../common/problem';
import type { ConsoleRequest } from '../common/request-context';
import { AppConfig } from '../config/app-config';

/** Last link: @StepUp() routes need a TOTP code entered within the last few minutes. */
@Injectable()
export class StepUpGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.reflector.getAllAndOverride<boolean>(STEP_UP_KEY, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const staff = context.switchToHttp().getRequest<ConsoleRequest>().staff;
    const verifiedAt = staff?.mfaVerifiedAt ?? null;
    if (verifiedAt !== null && this.clock.now().getTime() - verifiedAt.getTime() <= this.config.stepUpMs) return true;
    throw new Problem(
      HttpStatus.FORBIDDEN,
      CommonErrorCode.StepUpRequired,
      'Enter a code from your authenticator to confirm this action',
    );
  }
}
