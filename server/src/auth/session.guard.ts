import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AbilityCache } from '../authorization/ability-cache';
import { PUBLIC_KEY } from '../authorization/decorators';
import { originOf } from '../common/current-staff.decorator';
import type { ConsoleRequest } from '../context/request-context';
import { readSessionCookie } from './session-cookie';
import { SessionService } from './session.service';

/** First link of the chain: every route needs a live session unless it is @Public(). */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
    private readonly abilities: AbilityCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest<ConsoleRequest>();
    const { session, staff } = await this.sessions.resolve(readSessionCookie(req));
    req.staff = {
      id: staff.id,
      email: staff.email,
      displayName: staff.displayName,
      role: staff.role,
      sessionId: session.id,
      stage: session.stage,
      mfaVerifiedAt: session.mfaVerifiedAt,
      mfaEnrolled: staff.totpEnrolledAt !== null,
      ability: this.abilities.abilityFor(staff),
      origin: {},
    };
    req.staff.origin = originOf(req);
    return true;
  }
}
