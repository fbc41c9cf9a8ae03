import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import { AsyncLocalStorage } from 'node:async_hooks';
import { from, Observable, switchMap } from 'rxjs';
import { Problem } from '../common/problem';
import type { AuditedDeclaration, AuditedRequestState, ConsoleRequest } from '../context/request-context';
import type { AuditAction } from './audit-event';
import { AccessLogErrorCode } from './access-log.errors';

export const AUDITED_KEY = 'access:audited';

/**
 * Declares that a route reads or changes personal data, and what kind of event it writes. The
 * interceptor below fails the request if the handler finished without writing one, so a route
 * cannot return personal data unrecorded; a test proves every route guarded by an ability on
 * personal data carries this declaration.
 */
export const Audited = (action: AuditAction, resource: string, options: { subjectOf?: string } = {}) =>
  SetMetadata(AUDITED_KEY, { action, resource, ...options } satisfies AuditedDeclaration);

/**
 * Puts the route's @Audited declaration on the request (once), with a fresh event count. The
 * access guard calls it before it may refuse, so a denial can name whose data was asked for; the
 * interceptor then counts the events the handler writes.
 */
export function declareAuditedRoute(reflector: Reflector, context: ExecutionContext): AuditedRequestState | undefined {
  const req = context.switchToHttp().getRequest<ConsoleRequest>();
  if (req.audited) return req.audited;
  const declared = reflector.get<AuditedDeclaration | undefined>(AUDITED_KEY, context.getHandler());
  if (declared === undefined) return undefined;
  req.audited = { ...declared, scope: { recorded: 0 } };
  return req.audited;
}

/** The access-log subject a request on an @Audited route is about (`subject:<id>`), if its `:id` names one. */
export function auditedSubjectOf(req: ConsoleRequest): string | undefined {
  const id = (req.params as Record<string, string | undefined> | undefined)?.id;
  const prefix = req.audited?.subjectOf;
  // In lower case, as PostgreSQL prints a uuid and as a successful read names the same person.
  return prefix !== undefined && id !== undefined && isUUID(id) ? `${prefix}:${id.toLowerCase()}` : undefined;
}

/** Per-request count of events written, shared with AuditService through async context. */
export const auditScope = new AsyncLocalStorage<{ recorded: number }>();

@Injectable()
export class AuditedInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const declared = declareAuditedRoute(this.reflector, context);
    if (declared === undefined) return next.handle();
    const { scope } = declared;
    return new Observable<unknown>((subscriber) =>
      auditScope.run(scope, () => next.handle().subscribe(subscriber)),
    ).pipe(
      switchMap((value) => {
        if (scope.recorded === 0) {
          // Fail closed: the data is not sent if its access was not recorded.
          throw Problem.of(
            AccessLogErrorCode.AuditMissing,
            `This ${declared.action} of ${declared.resource} was not recorded, so it is not answered`,
          );
        }
        return from([value]);
      }),
    );
  }
}
