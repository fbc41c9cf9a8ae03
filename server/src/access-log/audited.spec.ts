import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of } from 'rxjs';
import { Audited, AuditedInterceptor, auditScope } from './audited';

describe('AuditedInterceptor', () => {
  const interceptor = new AuditedInterceptor(new Reflector());
  class Routes {
    @Audited('view', 'staff', { subjectOf: 'staff' })
    declared() {}
    undeclared() {}
  }
  const contextFor = (handler: () => void, request: Record<string, unknown> = {}) =>
    ({ getHandler: () => handler, switchToHttp: () => ({ getRequest: () => request }) }) as unknown as ExecutionContext;

  it('withholds the answer of a declared route that wrote no event', async () => {
    const run = interceptor.intercept(contextFor(Routes.prototype.declared), { handle: () => of({ email: 'x' }) });
    await expect(lastValueFrom(run)).rejects.toMatchObject({ code: 'AUDIT_MISSING', status: 500 });
  });

  it('passes the answer through once the handler recorded its event', async () => {
    const handle = () => {
      auditScope.getStore()!.recorded += 1;
      return of({ email: 'x' });
    };
    const run = interceptor.intercept(contextFor(Routes.prototype.declared), { handle });
    await expect(lastValueFrom(run)).resolves.toEqual({ email: 'x' });
  });

  it('leaves the declaration and its count on the request, for logging a refusal', async () => {
    const request: Record<string, unknown> = {};
    const run = interceptor.intercept(contextFor(Routes.prototype.declared, request), { handle: () => of(1) });
    await expect(lastValueFrom(run)).rejects.toMatchObject({ code: 'AUDIT_MISSING' });
    expect(request.audited).toEqual({ action: 'view', resource: 'staff', subjectOf: 'staff', scope: { recorded: 0 } });
  });

  it('leaves undeclared routes alone', async () => {
    const run = interceptor.intercept(contextFor(Routes.prototype.undeclared), { handle: () => of(1) });
    await expect(lastValueFrom(run)).resolves.toBe(1);
  });
});
