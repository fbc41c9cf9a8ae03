import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { Problem } from '../../common/problem';
import { sendProblem } from '../../common/problem.filter';
import type { ConsoleRequest } from '../../context/request-context';

/**
 * The SSO routes are browser navigations: a refused sign-in goes back to the sign-in page, which
 * says why (`/#/login?sso_error=<code>`). Anything that is not a browser (no text/html in Accept) gets
 * the problem+json answer every route gives.
 */
@Catch(Problem)
export class SsoBrowserFilter implements ExceptionFilter {
  catch(problem: Problem, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<ConsoleRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.redirect(303, `/#/login?sso_error=${encodeURIComponent(problem.code)}`);
      return;
    }
    sendProblem(res, problem, req.id);
  }
}
