import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CommonErrorCode } from './problem-codes';
import { Problem } from './problem';

export const CSRF_HEADER = 'x-csrf-protection';

/**
 * State-changing requests must carry a custom header. A cross-site form cannot add one, and
 * a cross-site script cannot send one without a CORS preflight this server never grants.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    if (req.headers[CSRF_HEADER] === '1') return true;
    throw Problem.of(CommonErrorCode.CsrfHeaderMissing, `Send the ${CSRF_HEADER}: 1 header`);
  }
}
