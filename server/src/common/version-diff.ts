/** One field that differs between two saved versions of a row. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A saved version of a versioned row (register entries, holidays, templates), as its table holds it. */
export interface SavedVersion<Operation extends string, Snapshot extends object> {
  version: number;
  operation: Operation;
  changedAt: Date;
  authorId: string | null;
  authorName: string;
  reason: string;
  snapshot: Snapshot;
}

/** A version as a history screen shows it: who, when, why, and what changed from the version before. */
export interface HistoryEntry<Operation extends string, Snapshot extends object> {
  version: number;
  operation: Operation;
  changedAt: string;
  author: { id: string | null; displayName: string };
  reason: string;
  diff: FieldChange[];
  snapshot: Snapshot;
}

// Bookkeeping that changes with every save; the history shows it separately.
const IGNORED = new Set(['id', 'version', 'createdAt', 'updatedAt']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between two snapshots of a row. `before` null: every field is new.
 *
 * Without `fields`: every field but the bookkeeping ones, as dotted paths into nested objects
 * ('recipient.en', 'contractTerms.liability'), sorted by path; arrays compare as a whole.
 * With `fields`: only those, each compared as a whole, in the order given (the order a form shows).
 */
export function diffSnapshots(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  fields?: readonly string[],
): FieldChange[] {
  if (fields !== undefined) {
    return fields
      .filter((field) => before === null || !same(before[field], after[field]))
      .map((field) => ({
        field,
        before: before === null ? null : (before[field] ?? null),
        after: after[field] ?? null,
      }));
  }
  const changes: FieldChange[] = [];
  walk(before ?? {}, after, '', changes, before === null);
  // Snapshots come back from jsonb with its own key order: sort, so the diff reads the same every time.
  return changes.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/** A row's saved versions (oldest first) as its history: newest first, each with its diff from the one before. */
export function historyOf<Operation extends string, Snapshot extends object>(
  versions: readonly SavedVersion<Operation, Snapshot>[],
  fields?: readonly string[],
): HistoryEntry<Operation, Snapshot>[] {
  return versions
    .map((v, i) => ({
      version: v.version,
      operation: v.operation,
      changedAt: v.changedAt.toISOString(),
      author: { id: v.authorId, displayName: v.authorName },
      reason: v.reason,
      diff: diffSnapshots(
        i === 0 ? null : (versions[i - 1].snapshot as Record<string, unknown>),
        v.snapshot as Record<string, unknown>,
        fields,
      ),
      snapshot: v.snapshot,
    }))
    .reverse();
}

function walk(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix: string,
  out: FieldChange[],
  creating: boolean,
): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    if (prefix === '' && IGNORED.has(key)) continue;
    const field = `${prefix}${key}`;
    const a = before[key];
    const b = after[key];
    if (isPlainObject(b) && (isPlainObject(a) || a === undefined || a === null)) {
      walk(isPlainObject(a) ? a : {}, b, `${field}.`, out, creating || !isPlainObject(a));
    } else if (creating || !same(a, b)) {
      out.push({ field, before: a ?? null, after: b ?? null });
    }
  }
}
