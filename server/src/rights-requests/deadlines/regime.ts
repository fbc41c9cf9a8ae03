import type { DeadlineRule } from '../../calendar/deadline';
import type { LocalDate } from '../../calendar/local-date';

/** The legal regimes whose request clocks the console keeps. */
export const REGIMES = ['KR-PIPA', 'EU-GDPR', 'US-CA-CCPA', 'US-HIPAA'] as const;
export type Regime = (typeof REGIMES)[number];

export const isRegime = (value: unknown): value is Regime =>
  typeof value === 'string' && (REGIMES as readonly string[]).includes(value);

/** An acknowledgement clock (CCPA's 10 business days) or the clock for the answer itself. */
export type ClockKind = 'acknowledge' | 'answer';

/** How an answer period may be extended once. */
export interface ExtensionRule {
  /** The most the extension adds, counted from the original due date. */
  rule: DeadlineRule;
  /**
   * When the notice must be given: within the first period (before the original due date ends).
   * `before_due` is the same instant for a period that is not extended yet; it is kept apart for
   * a regime whose notice may be given until the (rolled) due date itself.
   */
  mustBeGivenWithin: 'first_period' | 'before_due';
  maxCount: 1;
  reasonsRequired: true;
  /** The whole period from receipt may not exceed this (GDPR: three months). */
  totalCap?: DeadlineRule;
  /** The notice must name the date the answer will come by (HIPAA 164.524(b)(2)(iii)). */
  untilRequired?: boolean;
}

/** The periods of one regime for one kind of request. */
export interface AnswerRules {
  answer: DeadlineRule;
  extension?: ExtensionRule;
}

/**
 * One rule set per regime, as data: the periods, the one extension, and the flags other parts
 * read (psychotherapy notes). The sources are named in each `*.rule.ts`.
 */
export interface RegimeRules extends AnswerRules {
  regime: Regime;
  /** A confirmation of receipt is due first (CCPA). Closed once the request is acknowledged. */
  acknowledge?: DeadlineRule;
  /**
   * Whether the clock waits for identity verification. None of the four regimes allows it (or the
   * console does not rely on it): the clocks run from receipt.
   */
  pausesForVerification: boolean;
  /** HIPAA: psychotherapy notes are excluded from an access package. */
  excludesPsychotherapyNotes?: boolean;
  /**
   * A clock is at risk in the last share of its period (0.3: the last 30 % of the days from
   * receipt to the due date). Replaces the rules' own `atRisk` days when given.
   */
  atRiskShare?: number;
  /** Other periods for some request types (HIPAA: amendment is 60 days, not 30). */
  byType?: Partial<Record<string, AnswerRules>>;
  /** Plain words for the DPO: what the rule set says and where it comes from. */
  source: { ko: string; en: string };
}

/** An extension (postponement) given for one regime's answer clock. */
export interface RequestExtension {
  regime: Regime;
  /** When the notice with the reasons was given to the requester. */
  at: Date;
  reasons: string;
  /** The date the answer will come by, if the notice names one; bounded by the extension rule. */
  until?: LocalDate | null;
}
