export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

// Bookkeeping that changes with every save; the history shows it separately.
const IGNORED = new Set(['id', 'version', 'createdAt', 'updatedAt']);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields that differ between two snapshots of a row, as dotted paths into nested objects
 * ('recipient.en', 'contractTerms.liability'), sorted by path; arrays compare as a whole. `before`
 * null: every field is new.
 */
export function diffSnapshots(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before ?? {}, after, '', changes, before === null);
  // Snapshots come back from jsonb with its own key order: sort, so the diff reads the same every time.
  return changes.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
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
    } else if (creating || JSON.stringify(a) !== JSON.stringify(b)) {
      out.push({ field, before: a ?? null, after: b ?? null });
    }
  }
}
