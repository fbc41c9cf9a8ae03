/**
 * The plain columns a database keeps beside each event's canonical bytes, so that it can search
 * and filter them (time, actor, role, subject, action, resource, outcome, request id). They are
 * copies: nothing signs them, so {@link columnMismatches} checks each one against the bytes.
 */
export interface EventColumns {
  /** `occurred_at` in microseconds since the epoch (exact; a Date would drop the microseconds). */
  timeMicros: number | null;
  actorId: string | null;
  actorRole: string | null;
  subjectId: string | null;
  action: string | null;
  resource: string | null;
  outcome: string | null;
  requestId: string | null;
}

/** The column names as the database spells them, for messages. */
const COLUMN_NAMES: Record<keyof EventColumns, string> = {
  timeMicros: 'occurred_at',
  actorId: 'actor_id',
  actorRole: 'actor_role',
  subjectId: 'subject_id',
  action: 'action',
  resource: 'resource',
  outcome: 'outcome',
  requestId: 'request_id',
};

/** The column names in the order {@link columnMismatches} lists them. */
export const COLUMN_ORDER: readonly string[] = Object.values(COLUMN_NAMES);

const ISO_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)$/;

/**
 * An ISO 8601 time with an explicit zone as microseconds since the epoch; `null` when it is not
 * one (the same times the database accepts on insert).
 */
export function isoTimeToMicros(time: unknown): number | null {
  if (typeof time !== 'string') return null;
  const m = ISO_TIME.exec(time);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (!Number.isFinite(ms)) return null;
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/**
 * {@link isoTimeToMicros} of the ASCII bytes `b[start..end)` when they are a UTC time of the form
 * the console writes (`YYYY-MM-DDTHH:MM:SS[.f{1,6}]Z`, from 1970, day of month up to 28, so that
 * every field is in range and Date.parse could only mean Date.UTC); `undefined` for any other
 * bytes (ask isoTimeToMicros). Reads no string, which counts a million times over.
 */
export function utcTimeToMicros(b: Uint8Array, start: number, end: number): number | undefined {
  const n = end - start;
  if (n < 20 || n === 21 || n > 27 || b[end - 1] !== 0x5a) return undefined;
  if (b[start + 4] !== 0x2d || b[start + 7] !== 0x2d || b[start + 10] !== 0x54) return undefined;
  if (b[start + 13] !== 0x3a || b[start + 16] !== 0x3a) return undefined;
  const year = digits(b, start, 4);
  const month = digits(b, start + 5, 2);
  const day = digits(b, start + 8, 2);
  const hour = digits(b, start + 11, 2);
  const minute = digits(b, start + 14, 2);
  const second = digits(b, start + 17, 2);
  // NaN (a byte that is not a digit) fails every comparison.
  if (!(year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= 28)) return undefined;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return undefined;
  let micros = 0;
  if (n > 20) {
    if (b[start + 19] !== 0x2e) return undefined;
    const fraction = digits(b, start + 20, n - 21);
    if (!(fraction >= 0)) return undefined;
    micros = fraction * 10 ** (27 - n);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) * 1000 + micros;
}

// The decimal number of `count` digit bytes at b[at]; NaN if one is not a digit.
function digits(b: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = 0; i < count; i++) {
    const d = b[at + i]! - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * What the canonical bytes say each column should hold (`null` where they hold no string, or no
 * time in a form the database accepts), or `null` when the text is not a JSON object.
 */
export function signedColumns(canonicalText: string): EventColumns | null {
  let event: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(canonicalText);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    event = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  return {
    timeMicros: isoTimeToMicros(event.time),
    // A uuid column reads back in lower case.
    actorId: text(event.actorId)?.toLowerCase() ?? null,
    actorRole: text(event.actorRole),
    subjectId: text(event.subjectId),
    action: text(event.action),
    resource: text(event.resource),
    outcome: text(event.outcome),
    requestId: text(event.requestId),
  };
}

/** The keys of {@link EventColumns} in the order {@link COLUMN_ORDER} names them. */
export const COLUMN_KEYS = Object.keys(COLUMN_NAMES) as readonly (keyof EventColumns)[];

/**
 * The names of the columns that differ from what the canonical bytes say (empty when all agree,
 * or every column when the bytes are not a JSON object).
 */
export function columnMismatches(canonical: Uint8Array, columns: EventColumns): string[] {
  const expected = signedColumns(
    Buffer.from(canonical.buffer, canonical.byteOffset, canonical.byteLength).toString('utf8'),
  );
  if (expected === null) return Object.values(COLUMN_NAMES);
  const out: string[] = [];
  for (const key of COLUMN_KEYS) {
    const want = expected[key];
    // A time the bytes do not carry in a form the database accepts is a mismatch too.
    if (want === null && key === 'timeMicros') out.push(COLUMN_NAMES[key]);
    else if (columns[key] !== want) out.push(COLUMN_NAMES[key]);
  }
  return out;
}
