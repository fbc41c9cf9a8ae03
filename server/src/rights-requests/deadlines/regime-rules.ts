import { EU_GDPR_RULES } from './eu-gdpr.rule';
import { KR_PIPA_RULES } from './kr-pipa.rule';
import type { Regime, RegimeRules } from './regime';
import { US_CA_CCPA_RULES } from './us-ca-ccpa.rule';
import { US_HIPAA_RULES } from './us-hipaa.rule';

/**
 * The rule sets, one per regime, as a typed constant: they change with the law, which a code
 * review should see, and the compiler checks every period against the calendar's rule type. The
 * DPO reads them through the API (the `source` text names the articles); the organisation's
 * tunables (the at-risk share, the KR postponement bound) are fields here, overridable per call.
 */
export const REGIME_RULES: readonly RegimeRules[] = [KR_PIPA_RULES, EU_GDPR_RULES, US_CA_CCPA_RULES, US_HIPAA_RULES];

/** The rule set of `regime` in `rules` (the built-in sets unless given). */
export function rulesOf(regime: Regime, rules: readonly RegimeRules[] = REGIME_RULES): RegimeRules {
  const found = rules.find((r) => r.regime === regime);
  if (found === undefined) throw new RangeError(`No rule set for ${regime}`);
  return found;
}
