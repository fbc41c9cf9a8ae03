import { HttpStatus } from '@nestjs/common';
import { CommonErrorCode } from './problem-codes';
import { PROBLEM_STATUS, type TabledProblemCode } from './problem-status';

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * A client-facing error with a stable code, rendered as application/problem+json by
 * ProblemFilter. `detail` must never carry secrets or personal data.
 */
export class Problem extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly title: string,
    readonly errors: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${title}`);
  }

  /** Extra members of the problem body (RFC 9457 extensions), e.g. the id of the row a conflict is with. */
  readonly extensions: Record<string, string | number | boolean | null> = {};

  /** Adds extension members to the body; returns this problem (to throw). */
  with(extensions: Record<string, string | number | boolean | null>): this {
    Object.assign(this.extensions, extensions);
    return this;
  }

  /** A problem whose status comes from the one code-to-status table (problem-status.ts). */
  static of(
    code: TabledProblemCode,
    title: string,
    errors: FieldProblem[] = [],
    headers: Record<string, string> = {},
  ): Problem {
    return new Problem(PROBLEM_STATUS[code], code, title, errors, headers);
  }

  static validation(errors: FieldProblem[], title = 'The request has invalid fields'): Problem {
    return Problem.of(CommonErrorCode.ValidationFailed, title, errors);
  }
}
