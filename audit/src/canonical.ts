/** What a staff member did, as recorded in the access log (DESIGN.md, The access log). */
export type AuditAction =
  | 'view'
  | 'create'
  | 'edit'
  | 'delete'
  | 'print'
  | 'download'
  | 'reveal'
  | 'export'
  | 'authenticate'
  | 'deny'
  | 'administer';

/** Every {@link AuditAction}, in a stable order (for validation, filters and UI lists). */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'view',
  'create',
  'edit',
  'delete',
  'print',
  'download',
  'reveal',
  'export',
  'authenticate',
  'deny',
  'administer',
];

/**
 * How the recorded access ended. `step_up_required`: the action needs a fresh TOTP code and the
 * person was asked for one; a prompt, not a refusal (the monthly review does not count it as a denial).
 */
export type AuditOutcome = 'success' | 'failure' | 'denied' | 'step_up_required';

/** Every {@link AuditOutcome}. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['success', 'failure', 'denied', 'step_up_required'];

/** A JSON value that {@link canonicalize} accepts. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (the `detail` of an event). */
export type JsonObject = { [key: string]: JsonValue };

/**
 * One access-log event, exactly as it is hashed. Every field is present (absent values are
 * `null`), so two encoders can never disagree about whether a missing field is written.
 */
export interface AuditEvent {
  /** Position in the log, 1-based and gapless; event `seq` is Merkle leaf index `seq - 1`. */
  seq: number;
  /** When the access happened: ISO 8601 UTC, e.g. `2026-11-22T03:00:05.123Z`. */
  time: string;
  /** The staff account that acted; `null` for an unauthenticated attempt. */
  actorId: string | null;
  /** The actor's role at the time of the access. */
  actorRole: string | null;
  /** The session the access was made in. */
  sessionId: string | null;
  /** Client IP address. */
  ip: string | null;
  /** Client user agent. */
  userAgent: string | null;
  /** Whose personal data was touched (a platform subject id, or `staff:<id>`). */
  subjectId: string | null;
  /** What was done. */
  action: AuditAction;
  /** What kind of record was touched, e.g. `subject`, `staff`, `access-log`. */
  resource: string;
  /** Which fields were read or changed (may be empty). */
  fields: string[];
  /** The purpose the staff member stated, where one is required. */
  purpose: string | null;
  /** How it ended. */
  outcome: AuditOutcome;
  /** The HTTP request id, to join with application logs. */
  requestId: string | null;
  /** Any further structured detail (never secrets or PHI values). */
  detail: JsonObject;
}

/** Raised when a value cannot be encoded canonically; `path` says where (e.g. `$.detail.n`). */
export class CanonicalizationError extends Error {
  /** @param path JSON path of the offending value. */
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalizationError';
  }
}

// In a /u regular expression a well-formed surrogate pair is one code point, so only lone
// surrogates match.
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_DEPTH = 64;

/**
 * Encodes a JSON value with the JSON Canonicalization Scheme (RFC 8785): object keys sorted by
 * UTF-16 code units, no whitespace, ECMAScript number and string serialisation, UTF-8 output.
 * These are the exact bytes that are hashed and stored.
 *
 * Rejects (with {@link CanonicalizationError}) what JSON cannot represent exactly: `NaN` and
 * infinities, `undefined` (also as an object property), functions, symbols, BigInt, strings or
 * keys with lone surrogates, objects that are not plain objects (Date, Map, Buffer...), cycles
 * and nesting deeper than 64 levels.
 */
export function canonicalize(value: unknown): Buffer {
  return Buffer.from(serialize(value, '$', 0, new Set()), 'utf8');
}

function serialize(value: unknown, path: string, depth: number, stack: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalizationError(`non-finite number ${String(value)}`, path);
      // JSON.stringify applies ECMAScript Number::toString, which RFC 8785 adopts; -0 becomes 0.
      return JSON.stringify(value);
    case 'string':
      return serializeString(value, path);
    case 'object':
      return serializeContainer(value, path, depth, stack);
    case 'undefined':
    case 'function':
    case 'symbol':
    case 'bigint':
      break;
  }
  throw new CanonicalizationError(`${typeof value} is not JSON`, path);
}

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalizationError('string with a lone surrogate', path);
  // ES2019+ JSON.stringify escapes exactly what RFC 8785 section 3.2.2.2 requires.
  return JSON.stringify(value);
}

function serializeContainer(value: object, path: string, depth: number, stack: Set<object>): string {
  if (depth >= MAX_DEPTH) throw new CanonicalizationError('nesting deeper than 64 levels', path);
  if (stack.has(value)) throw new CanonicalizationError('cycle', path);
  stack.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) items.push(serialize(value[i], `${path}[${i}]`, depth + 1, stack));
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalizationError('not a plain object', path);
    }
    const record = value as Record<string, unknown>;
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units, as RFC 8785 requires.
    const keys = Object.keys(record).sort();
    const members: string[] = [];
    for (const key of keys) {
      const memberPath = `${path}.${key}`;
      members.push(`${serializeString(key, memberPath)}:${serialize(record[key], memberPath, depth + 1, stack)}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    stack.delete(value);
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Raised by {@link encodeEvent} when an event does not have the {@link AuditEvent} shape. */
export class InvalidAuditEventError extends Error {
  /** @param field the offending field. */
  constructor(readonly field: string) {
    super(`invalid audit event field: ${field}`);
    this.name = 'InvalidAuditEventError';
  }
}

/** Every field of an {@link AuditEvent}, in the order they are documented. */
export const AUDIT_EVENT_FIELDS: readonly (keyof AuditEvent)[] = [
  'seq',
  'time',
  'actorId',
  'actorRole',
  'sessionId',
  'ip',
  'userAgent',
  'subjectId',
  'action',
  'resource',
  'fields',
  'purpose',
  'outcome',
  'requestId',
  'detail',
];
const NULLABLE_STRINGS = new Set<string>([
  'actorId',
  'actorRole',
  'sessionId',
  'ip',
  'userAgent',
  'subjectId',
  'purpose',
  'requestId',
]);

/**
 * Checks that `event` has exactly the {@link AuditEvent} fields with valid values, and returns
 * its canonical bytes. This is what the sequencer stores and hashes (leaf input).
 * @throws InvalidAuditEventError naming the first bad field.
 */
export function encodeEvent(event: AuditEvent): Buffer {
  const record = event as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(AUDIT_EVENT_FIELDS as readonly string[]).includes(key)) throw new InvalidAuditEventError(key);
  }
  for (const key of AUDIT_EVENT_FIELDS) {
    const value = record[key];
    if (NULLABLE_STRINGS.has(key)) {
      if (value !== null && typeof value !== 'string') throw new InvalidAuditEventError(key);
    }
  }
  if (!Number.isSafeInteger(event.seq) || event.seq < 1) throw new InvalidAuditEventError('seq');
  if (typeof event.time !== 'string' || !ISO_UTC.test(event.time) || Number.isNaN(Date.parse(event.time))) {
    throw new InvalidAuditEventError('time');
  }
  if (!AUDIT_ACTIONS.includes(event.action)) throw new InvalidAuditEventError('action');
  if (!AUDIT_OUTCOMES.includes(event.outcome)) throw new InvalidAuditEventError('outcome');
  if (typeof event.resource !== 'string' || event.resource === '') throw new InvalidAuditEventError('resource');
  if (!Array.isArray(event.fields) || !event.fields.every((f) => typeof f === 'string')) {
    throw new InvalidAuditEventError('fields');
  }
  const detail = event.detail as unknown;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    throw new InvalidAuditEventError('detail');
  }
  return canonicalize(event);
}

/** Parses canonical bytes back into an event (no validation beyond JSON syntax). */
export function decodeEvent(canonical: Uint8Array): AuditEvent {
  return JSON.parse(Buffer.from(canonical.buffer, canonical.byteOffset, canonical.byteLength).toString('utf8'));
}

/**
 * Reads the top-level `seq` out of the canonical bytes of an {@link AuditEvent} without parsing
 * the whole JSON (the verifier does this for every event). Returns `null` if there is none.
 *
 * Why this is exact: in canonical JSON a `"` inside a string is always escaped, so `,"seq":`
 * only occurs as a member name; and the keys sorted after `seq` (`sessionId`, `subjectId`,
 * `time`, `userAgent`) hold strings, so the last occurrence is the top-level member.
 */
export function readEventSeq(canonical: Uint8Array): number | null {
  return readEventSeqAt(canonical, 0, canonical.length);
}

/** {@link readEventSeq} of the bytes `source[start..end)`, read in place. */
export function readEventSeqAt(source: Uint8Array, start: number, end: number): number | null {
  // A plain backwards scan: the member is near the end, and this beats a native lastIndexOf call.
  let at = end - 8;
  while (at >= start && !isSeqMarker(source, at)) at--;
  if (at < start) return null;
  let i = at + 7;
  let n = 0;
  const digits = i;
  while (i < end) {
    const c = source[i]!;
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
    i++;
  }
  if (i === digits || i - digits > 16) return null;
  const next = i < end ? source[i] : undefined;
  return next === 0x2c || next === 0x7d ? n : null;
}

// `,"seq":` at position i.
function isSeqMarker(b: Uint8Array, i: number): boolean {
  return (
    b[i] === 0x2c &&
    b[i + 1] === 0x22 &&
    b[i + 2] === 0x73 &&
    b[i + 3] === 0x65 &&
    b[i + 4] === 0x71 &&
    b[i + 5] === 0x22 &&
    b[i + 6] === 0x3a
  );
}
