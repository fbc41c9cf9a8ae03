import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { STEP_UP_KEY } from '../authorization/decorators';
import { hasElapsed } from '../calendar/instant';
import { Clock } from '../common/clock';
import { CommonErrorCode } from '../common/problem-codes';
import { Problem } from '../common/problem';
import type { ConsoleRequest } from '../context/request-context';
import { AppConfig } from '../config/app-config';

/** The answer when a sensitive action needs a fresh TOTP code. */
export const stepUpRequired = () =>
  Problem.of(CommonErrorCode.StepUpRequired, 'Enter a code from your authenticator to confirm this action');

/** Whether the person entered a TOTP code within the step-up window. */
export function hasFreshStepUp(
  staff: { mfaVerifiedAt: Date | null } | undefined,
  now: Date,
  windowMs: number,
): boolean {
  const verifiedAt = staff?.mfaVerifiedAt ?? null;
  return verifiedAt !== null && !hasElapsed(verifiedAt, windowMs, now);
}

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
    if (hasFreshStepUp(staff, this.clock.now(), this.config.stepUpMs)) return true;
    throw stepUpRequired();
  }
}
