import { useGetList, useLocaleState } from 'react-admin';
import { useLocalized } from '../registers/registerFields';
import { RETENTION_RULES } from '../registers/registerResources';
import type { RetentionRule } from '../registers/registerTypes';

/**
 * The retention rules that keep data back from an erasure, by code: their name and the law that
 * sets the period, in the screen's language (the rule's Korean statute, or its English source),
 * where a request stores only the code and a hold the Korean statute. Unknown codes, and every
 * code until the rules have loaded, are shown as they are. `listed`: load them even when no code
 * is given (for a menu of `rules`).
 */
export const useRetentionRuleNames = (codes: readonly (string | undefined)[], listed = false) => {
  const localized = useLocalized();
  const [locale] = useLocaleState();
  const { data } = useGetList<RetentionRule>(
    RETENTION_RULES,
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'code', order: 'ASC' } },
    { enabled: listed || codes.some((code) => code !== undefined) },
  );
  const byCode = new Map((data ?? []).map((rule) => [rule.code, rule]));
  const ruleOf = (code: string | undefined) => (code === undefined ? undefined : byCode.get(code));
  const lawOf = (rule: RetentionRule) => (locale === 'ko' ? (rule.retention.law ?? rule.source) : rule.source);
  return {
    rules: data ?? [],
    /** "Records of payments and supply of goods, E-Commerce Act Enforcement Decree Art. 6". */
    label: (code: string | undefined): string => {
      const rule = ruleOf(code);
      return rule ? `${localized(rule.name)}, ${lawOf(rule)}` : (code ?? '');
    },
    /** The law that keeps the data (`stored`, the wording the server gave, until the rule is known). */
    law: (code: string | undefined, stored: string): string => {
      const rule = ruleOf(code);
      return rule ? lawOf(rule) : stored;
    },
  };
};
