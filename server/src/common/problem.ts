import { HttpStatus } from '@nestjs/common';

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

  static validation(errors: FieldProblem[], title = 'The request has invalid fields'): Problem {
    return new Problem(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', title, errors);
  }
}
