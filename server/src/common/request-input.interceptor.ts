import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { assertStorableText } from './json-input';
import { Problem } from './problem';
import type { ConsoleRequest } from '../context/request-context';

/**
 * Refuses, on every route and before any validation:
 * - a body, query or path parameter holding U+0000 or a lone surrogate (422 naming the field).
 *   Such text cannot be stored (PostgreSQL text and jsonb refuse U+0000) and is never meant;
 * - a non-empty body on a route that reads none, as unknown fields are refused everywhere else
 *   (otherwise `POST /auth/logout` with any junk would quietly succeed).
 * It runs after the guards, so the refusal is recorded with the session that sent it
 * (bootstrap.ts, recordRefusedText).
 */
@Injectable()
export class RequestInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<ConsoleRequest>();
    assertStorableText(req.params);
    assertStorableText(req.query);
    assertStorableText(req.body);
    if (!readsBody(context) && isNonEmptyObject(req.body)) {
      throw Problem.validation(
        Object.keys(req.body)
          .slice(0, 20)
          .map((key) => ({
            field: key.length > 200 ? `${key.slice(0, 200)}…` : key,
            code: 'UNKNOWN_FIELD',
            message: 'This route takes no request body',
          })),
      );
    }
    return next.handle();
  }
}

function readsBody(context: ExecutionContext): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ??
    {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

function isNonEmptyObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}
