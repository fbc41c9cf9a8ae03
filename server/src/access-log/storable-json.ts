import type { JsonObject, JsonValue } from '@poc/audit';

/** Deeper than this, detail is replaced by a marker: canonicalisation refuses past 64 levels. */
const MAX_DEPTH = 16;
const REPLACEMENT = '\uFFFD';
const TOO_DEEP = '[nested too deep]';
// U+0000 (PostgreSQL text and jsonb cannot hold it) and lone surrogates (not Unicode; jsonb and
// RFC 8785 refuse them). In a /u expression a surrogate pair is one code point: only lone ones match.
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what this looks for
const UNSTORABLE = /[\u0000\p{Cs}]/gu;

/**
 * Any string as text the access log can store, hash and canonicalise: each U+0000 and each lone
 * surrogate becomes U+FFFD, as a UTF-8 decoder does with bytes that are not text. Valid text is
 * returned unchanged, so ordinary events keep their exact bytes.
 */
export function storableText(value: string): string {
  return value.replace(UNSTORABLE, REPLACEMENT);
}

/**
 * A copy of `value` that the access log can always store: strings and keys through
 * storableText, non-finite numbers as null, anything that is not JSON (undefined, functions,
 * Dates, class instances) as null or its JSON form, nesting capped. Objects have no prototype, so
 * a `__proto__` key stays a plain key.
 */
export function storableJson(value: unknown, depth = 0): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => storableJson(item, depth + 1));
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJson === 'function') return storableJson((toJson as () => unknown).call(value), depth + 1);
  const out: JsonObject = Object.create(null) as JsonObject;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out[storableText(key)] = storableJson(item, depth + 1);
  }
  return out;
}

/** storableJson for an object (an event's `detail`). */
export function storableObject(value: Record<string, unknown>): JsonObject {
  const out = storableJson(value);
  return typeof out === 'object' && out !== null && !Array.isArray(out) ? out : {};
}

export function storableNullableText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : storableText(value);
}
