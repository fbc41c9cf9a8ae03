import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { MAX_JSON_DEPTH } from './json-input';
import { CommonErrorCode } from './problem-codes';
import { FieldProblem, Problem } from './problem';
import type { ConsoleRequest } from '../context/request-context';

const STATUS_CODES: Partial<Record<number, CommonErrorCode>> = {
  [HttpStatus.NOT_FOUND]: CommonErrorCode.NotFound,
  [HttpStatus.METHOD_NOT_ALLOWED]: CommonErrorCode.MethodNotAllowed,
  [HttpStatus.PAYLOAD_TOO_LARGE]: CommonErrorCode.PayloadTooLarge,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: CommonErrorCode.UnsupportedMediaType,
  [HttpStatus.FORBIDDEN]: CommonErrorCode.Forbidden,
  [HttpStatus.UNAUTHORIZED]: CommonErrorCode.Unauthenticated,
  [HttpStatus.CONFLICT]: CommonErrorCode.Conflict,
  [HttpStatus.TOO_MANY_REQUESTS]: CommonErrorCode.TooManyRequests,
};

/** Turns any error into a Problem; an unexpected one becomes a logged 500 with no detail. */
export function toProblem(error: unknown, log: Logger, requestId: string): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof ForbiddenError) {
    return Problem.of(CommonErrorCode.Forbidden, 'Your role does not allow this action');
  }
  const bodyParserError = error as { type?: string; status?: number };
  if (bodyParserError.type === 'entity.parse.failed') {
    return Problem.of(CommonErrorCode.MalformedJson, 'The request body is not valid JSON');
  }
  if (bodyParserError.type === 'entity.too.deep') {
    return Problem.of(CommonErrorCode.JsonTooDeep, `The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  if (bodyParserError.type === 'charset.unsupported') {
    return Problem.of(CommonErrorCode.UnsupportedMediaType, 'Send JSON in UTF-8 (Content-Type: application/json)');
  }
  if (bodyParserError.type === 'entity.too.large') {
    return Problem.of(CommonErrorCode.PayloadTooLarge, 'The request body is over 1 MB');
  }
  if (
    typeof bodyParserError.type === 'string' &&
    bodyParserError.status !== undefined &&
    bodyParserError.status < 500
  ) {
    return new Problem(bodyParserError.status, CommonErrorCode.ValidationFailed, 'The request body could not be read');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const code = STATUS_CODES[status] ?? CommonErrorCode.ValidationFailed;
      const title = status === HttpStatus.NOT_FOUND ? 'No such resource' : error.message;
      return new Problem(status, code, title);
    }
  }
  log.error({ err: error, requestId }, 'unexpected error');
  return Problem.of(CommonErrorCode.Internal, 'Something went wrong on our side');
}

export function sendProblem(res: Response, problem: Problem, requestId: string): void {
  const body: Record<string, unknown> = {
    // Extensions first: the standard members below always win.
    ...problem.extensions,
    type: `/problems/${problem.code.toLowerCase().replace(/_/g, '-')}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    requestId,
  };
  if (problem.errors.length > 0) body.errors = problem.errors satisfies FieldProblem[];
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(
    private readonly log: Logger,
    private readonly onProblem: (req: ConsoleRequest, problem: Problem) => Promise<void>,
  ) {}

  async catch(error: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const req = http.getRequest<ConsoleRequest>();
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    const problem = toProblem(error, this.log, req.id);
    try {
      await this.onProblem(req, problem);
    } catch (recordError) {
      // The denial could not be recorded: answer 500 rather than let it pass unrecorded.
      this.log.error({ err: recordError, requestId: req.id }, 'could not record a denial');
      sendProblem(res, toProblem(recordError, this.log, req.id), req.id);
      return;
    }
    sendProblem(res, problem, req.id);
  }
}
