import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { assertStorableText } from './json-input';
import type { ConsoleRequest } from './request-context';

/**
 * Refuses, on every route and before any validation, a body, query or path parameter holding
 * U+0000 or a lone surrogate (422 naming the field). Such text cannot be stored (PostgreSQL text
 * and jsonb refuse U+0000) and is never meant. It runs after the guards, so the refusal is
 * recorded with the session that sent it (bootstrap.ts, recordRefusedInput).
 */
@Injectable()
export class StorableTextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<ConsoleRequest>();
    assertStorableText(req.params);
    assertStorableText(req.query);
    assertStorableText(req.body);
    return next.handle();
  }
}
