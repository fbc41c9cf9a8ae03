// What changed between two saved versions of a retention rule; no React, so unit tests load it.
import type { RuleVersion } from './retentionTypes';

/** The rule's fields a person reads in a change, in the form's order. */
export const RULE_DIFF_FIELDS = [
  'name.ko',
  'name.en',
  'category',
  'trigger',
  'action',
  'retention.period',
  'retention.law',
  'retention.kind',
  'retention.after',
  'noticePeriod',
  'enabled',
  'retention.text.ko',
  'retention.text.en',
] as const;
export type RuleDiffField = (typeof RULE_DIFF_FIELDS)[number];

export interface RuleChange {
  field: RuleDiffField;
  before: unknown;
  after: unknown;
}

const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | null | undefined)?.[key], value);

const same = (a: unknown, b: unknown): boolean =>
  (a ?? null) === (b ?? null) || JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The changes from the version before (none before the first: every set field is "added").
 * Versions come newest first, as the server sends them.
 */
export const ruleChanges = (versions: RuleVersion[]): Map<number, RuleChange[]> => {
  const byVersion = new Map<number, RuleChange[]>();
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  ordered.forEach((entry, index) => {
    const previous = index > 0 ? ordered[index - 1]!.rule : undefined;
    byVersion.set(
      entry.version,
      RULE_DIFF_FIELDS.flatMap((field) => {
        const before = previous === undefined ? undefined : at(previous, field);
        const after = at(entry.rule, field);
        if (same(before, after)) return [];
        if (previous === undefined && (after === null || after === undefined || after === '')) return [];
        return [{ field, before, after }];
      }),
    );
  });
  return byVersion;
};
