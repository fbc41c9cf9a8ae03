import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { declareAuditedRoute } from '../access-log/audited';
import { CommonErrorCode } from '../common/problem-codes';
import { Problem } from '../common/problem';
import type { ConsoleRequest } from '../context/request-context';
import type { Action, SubjectType } from './abilities';
import { ABILITY_KEY, PUBLIC_KEY, SessionStage, SIGNED_IN_KEY, STAGES_KEY } from './decorators';

/**
 * Second link: the session must have finished sign-in (unless the route allows an earlier
 * stage), and the route must say who may use it. A route that declares nothing is refused,
 * so forgetting a decorator closes a route rather than opening it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const staff = context.switchToHttp().getRequest<ConsoleRequest>().staff;
    if (staff === undefined) throw Problem.of(CommonErrorCode.Unauthenticated, 'Sign in');
    // Before any refusal: a denial on a personal-data route is then logged under that person.
    declareAuditedRoute(this.reflector, context);

    const stages = this.reflector.getAllAndOverride<SessionStage[] | undefined>(STAGES_KEY, targets);
    const ability = this.reflector.getAllAndOverride<{ action: Action; subject: SubjectType } | undefined>(
      ABILITY_KEY,
      targets,
    );
    const signedIn = this.reflector.getAllAndOverride<boolean>(SIGNED_IN_KEY, targets) ?? false;

    if (!(stages ?? ['full']).includes(staff.stage)) {
      throw Problem.of(CommonErrorCode.WrongStage, 'Finish signing in first');
    }
    if (stages === undefined && ability === undefined && !signedIn) {
      throw Problem.of(CommonErrorCode.RouteNotDeclared, 'This route declares no access rule');
    }
    if (ability !== undefined && !staff.ability.can(ability.action, ability.subject)) {
      throw Problem.of(CommonErrorCode.Forbidden, 'Your role does not allow this action');
    }
    return true;
  }
}
