import { HttpStatus } from '@nestjs/common';
import { Problem } from './problem';
import { CommonErrorCode } from './problem-codes';

/**
 * How deeply a JSON request body (or JSON query parameter) may nest. Nothing the API accepts
 * goes past 4 levels; 32 leaves room without letting a hostile body reach the recursive
 * transformers and validators, which took seconds (and overflowed the stack) on 100,000 levels.
 */
export const MAX_JSON_DEPTH = 32;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests deeper than `max`, found by one linear pass over its UTF-8 bytes (or
 * UTF-16 code units) without parsing it. Brackets inside strings do not count. Invalid JSON is
 * not judged here: the parser refuses it afterwards.
 */
export function nestsDeeperThan(text: Uint8Array | string, max: number): boolean {
  const at: (i: number) => number = typeof text === 'string' ? (i) => text.charCodeAt(i) : (i) => text[i]!;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

/** The body-parser error for a too-deep body; toProblem turns its `type` into a 400. */
export class JsonTooDeepError extends Error {
  readonly type = 'entity.too.deep';
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/** The body-parser error for a body declared in another charset than UTF-8 (RFC 8259 section 8.1). */
export class JsonCharsetError extends Error {
  readonly type = 'charset.unsupported';
  readonly status = HttpStatus.UNSUPPORTED_MEDIA_TYPE;
  constructor() {
    super('JSON must be UTF-8');
  }
}

/**
 * `verify` hook of express.json: runs on the raw bytes before JSON.parse, so a hostile body is
 * refused before anything recursive touches it.
 */
export function verifyJsonBody(_req: unknown, _res: unknown, body: Buffer, encoding: string | null): void {
  if (encoding !== null && encoding.toLowerCase() !== 'utf-8' && encoding.toLowerCase() !== 'utf8') {
    throw new JsonCharsetError();
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw new JsonTooDeepError();
}

// U+0000 (PostgreSQL text and jsonb cannot hold it) or a lone surrogate (not Unicode text; jsonb
// refuses it). In a /u expression a well-formed surrogate pair is one code point, so only lone
// surrogates match \p{Cs}.
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

const MAX_FIELD_NAME = 200;

/** A field path for an error message: unstorable characters shown as JSON escapes, length capped. */
function fieldName(path: string): string {
  const escaped = JSON.stringify(path).slice(1, -1);
  return escaped.length > MAX_FIELD_NAME ? `${escaped.slice(0, MAX_FIELD_NAME)}…` : escaped;
}

/**
 * The dotted path (`filter.email`, `items.0`) of the first key or string in `value` that holds
 * U+0000 or a lone surrogate, or undefined. Walks with an explicit stack: no recursion.
 */
export function findUnstorableText(value: unknown, root = ''): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: path === '' ? String(i) : `${path}.${i}` }));
    } else if (typeof v === 'object' && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        const itemPath = path === '' ? key : `${path}.${key}`;
        if (!isStorableText(key)) return itemPath;
        stack.push({ value: item, path: itemPath });
      }
    }
  }
  return undefined;
}

/** The 422 for a field holding U+0000 or a lone surrogate. */
export function unstorableTextProblem(path: string): Problem {
  return Problem.validation(
    [
      {
        field: fieldName(path),
        code: CommonErrorCode.InvalidCharacter,
        message: 'Contains U+0000 or an unpaired UTF-16 surrogate, which is not text',
      },
    ],
    'The request holds characters that are not text',
  );
}

/** Refuses a request part (body, query, path parameters) holding U+0000 or a lone surrogate. */
export function assertStorableText(value: unknown, root = ''): void {
  const path = findUnstorableText(value, root);
  if (path !== undefined) throw unstorableTextProblem(path);
}

/**
 * Parses JSON carried in a query parameter (react-admin's `filter`, `sort`, `range`) with the
 * same limits as a body: nesting depth first, then the text of every key and string.
 */
export function parseJsonParam(name: string, text: string): unknown {
  const invalid = () => Problem.validation([{ field: name, code: 'INVALID_JSON', message: 'Must be JSON' }]);
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw Problem.validation([
      { field: name, code: CommonErrorCode.JsonTooDeep, message: `Nested deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    throw invalid();
  }
  assertStorableText(value, name);
  return value;
}
