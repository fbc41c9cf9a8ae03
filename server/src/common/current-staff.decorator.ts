import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { StaffContext } from '../context/staff-context';
import type { ConsoleRequest } from '../context/request-context';
import { clientIp, userAgent } from '../context/request-context';
import type { EventOrigin } from '../access-log/audit-event';

/** The signed-in staff member; the session guard guarantees one on non-public routes. */
export const CurrentStaff = createParamDecorator((_data: unknown, ctx: ExecutionContext): StaffContext => {
  const staff = ctx.switchToHttp().getRequest<ConsoleRequest>().staff;
  if (staff === undefined) throw new Error('CurrentStaff used on a route without a session');
  return staff;
});

/** Where a request came from, for routes that run before a session exists. */
export const RequestOrigin = createParamDecorator((_data: unknown, ctx: ExecutionContext): EventOrigin => {
  const req = ctx.switchToHttp().getRequest<ConsoleRequest>();
  return originOf(req);
});

export function originOf(req: ConsoleRequest): EventOrigin {
  return {
    ip: clientIp(req),
    userAgent: userAgent(req),
    requestId: req.id,
    sessionId: req.staff?.sessionId,
    actorId: req.staff?.id,
    actorRole: req.staff?.role,
  };
}
