import { dueOf } from '../../calendar/deadline';
import { localDateOf, minutesBetween, yearOf } from '../../calendar/local-date';
import {
  INCIDENT_REGIMES,
  NOTICE_KINDS,
  type ClockView,
  type EuRisk,
  type IncidentRegime,
  type IncidentVector,
  type NoticeKind,
  type ObligationStatus,
} from './obligation-types';

/**
 * The notification engine: which notices an incident's facts require and by when. Pure (no Nest,
 * no database): the rules come from `incident_notification_rules` (NotificationRulesService), so a
 * threshold or a period is changed by a migration, not here. Clocks count from the moment of
 * awareness on the calendar of server/src/calendar.
 */

export interface IncidentFacts {
  regimes: IncidentRegime[];
  awareAt: Date;
  vector: IncidentVector;
  affectedEstimated: number;
  affectedConfirmed: number | null;
  usLargestStateCount: number | null;
  sensitiveData: boolean;
  uniqueIdentifiers: boolean;
  dataEncrypted: boolean;
  euRisk: EuRisk;
}

export type RulePeriod =
  /** Exact hours from awareness (a 72-hour clock runs through a daylight-saving change unchanged). */
  | { unit: 'hours'; amount: number }
  /** Calendar days: the day of awareness is not counted; due when the last day ends. */
  | { unit: 'days'; amount: number }
  /** Calendar days from 31 December of the year of awareness (HIPAA's yearly log). */
  | { unit: 'days_after_year_end'; amount: number };

/** The facts a condition may test; `affectedCount` is the confirmed count when known, else the estimate. */
export const RULE_FACTS = [
  'affectedCount',
  'usLargestStateCount',
  'sensitiveData',
  'uniqueIdentifiers',
  'dataEncrypted',
  'euRisk',
  'vector',
] as const;
export type RuleFact = (typeof RULE_FACTS)[number];
type FactValue = string | number | boolean | null;

export type FactTest =
  | { fact: RuleFact; eq: FactValue }
  | { fact: RuleFact; in: FactValue[] }
  | { fact: RuleFact; gte: number }
  | { fact: RuleFact; gt: number }
  | { fact: RuleFact; lt: number };
export type RuleCondition = { all: RuleCondition[] } | { any: RuleCondition[] } | FactTest;

export interface NotificationRule {
  code: string;
  regime: IncidentRegime;
  recipient: string;
  period: RulePeriod;
  condition: RuleCondition;
  /** The provisions that make the rule, cited in each language (PIPA in Korean as Korean practice cites it). */
  legalSource: { ko: string; en: string };
  label: { ko: string; en: string };
  noticeKind: NoticeKind | null;
  position: number;
}

export interface RequiredObligation {
  code: string;
  regime: IncidentRegime;
  recipient: string;
  dueAt: Date | null;
  /** Which clauses held, with the figures: `{ affectedCount, countSource, held: [{ fact, gte, value }] }`. */
  grounds: Record<string, unknown>;
}

export interface StoredObligation {
  code: string;
  status: ObligationStatus;
  dueAt: Date | null;
}

export interface Reconciliation {
  /** Required now and never stored: insert as pending. */
  add: RequiredObligation[];
  /** Pending but no longer required: mark withdrawn (rows are never deleted). */
  withdraw: string[];
  /** Withdrawn earlier and required again: back to pending, with the due time given. */
  reinstate: RequiredObligation[];
  /** Pending with another due time than the facts now give (awareness moved). */
  redate: RequiredObligation[];
}

interface EvaluatedFacts {
  affectedCount: number;
  usLargestStateCount: number | null;
  sensitiveData: boolean;
  uniqueIdentifiers: boolean;
  dataEncrypted: boolean;
  euRisk: EuRisk;
  vector: IncidentVector;
}

/** The clauses of a condition that held (for the grounds), or null when it does not hold. */
function evaluate(condition: RuleCondition, facts: EvaluatedFacts): Record<string, unknown>[] | null {
  if ('all' in condition) {
    const held: Record<string, unknown>[] = [];
    for (const part of condition.all) {
      const result = evaluate(part, facts);
      if (result === null) return null;
      held.push(...result);
    }
    return held;
  }
  if ('any' in condition) {
    const held = condition.any.map((part) => evaluate(part, facts)).filter((r) => r !== null);
    return held.length === 0 ? null : held.flat();
  }
  const value = facts[condition.fact];
  let holds: boolean;
  if ('eq' in condition) holds = value === condition.eq;
  else if ('in' in condition) holds = condition.in.includes(value);
  else if (typeof value !== 'number') holds = false;
  else if ('gte' in condition) holds = value >= condition.gte;
  else if ('gt' in condition) holds = value > condition.gt;
  else holds = value < condition.lt;
  return holds ? [{ ...condition, value }] : null;
}

const noCalendars = (): never => {
  throw new Error('Notification periods are calendar days; no business calendar is needed');
};

/** When an obligation of `period` falls due for an incident the organisation became aware of at `awareAt`. */
export function dueAtOf(period: RulePeriod, awareAt: Date, timeZone: string): Date {
  switch (period.unit) {
    case 'hours':
      return dueOf(
        { unit: 'hours', amount: period.amount, atRisk: { hours: 24 } },
        { at: awareAt },
        timeZone,
        noCalendars,
      ).dueAt;
    case 'days':
      return dueOf(
        { unit: 'calendar_days', amount: period.amount, atRisk: { days: 1 } },
        { at: awareAt },
        timeZone,
        noCalendars,
      ).dueAt;
    case 'days_after_year_end': {
      const yearEnd = `${yearOf(localDateOf(awareAt, timeZone))}-12-31`;
      return dueOf(
        { unit: 'calendar_days', amount: period.amount, atRisk: { days: 1 } },
        { after: yearEnd },
        timeZone,
        noCalendars,
      ).dueAt;
    }
    default: {
      const unknown: never = period;
      throw new Error(`Unknown notification period ${JSON.stringify(unknown)}`);
    }
  }
}

/** The count the thresholds use: confirmed when known, else estimated. */
export function affectedCountOf(facts: Pick<IncidentFacts, 'affectedEstimated' | 'affectedConfirmed'>): number {
  return facts.affectedConfirmed ?? facts.affectedEstimated;
}

/**
 * The notifications the facts require, in the rules' order. A rule applies to an incident whose
 * regimes include the rule's regime, when its condition holds. The count the thresholds use:
 * confirmed when known, else estimated.
 */
export function requiredObligations(
  facts: IncidentFacts,
  rules: NotificationRule[],
  timeZone: string,
): RequiredObligation[] {
  const evaluated: EvaluatedFacts = {
    affectedCount: affectedCountOf(facts),
    usLargestStateCount: facts.usLargestStateCount,
    sensitiveData: facts.sensitiveData,
    uniqueIdentifiers: facts.uniqueIdentifiers,
    dataEncrypted: facts.dataEncrypted,
    euRisk: facts.euRisk,
    vector: facts.vector,
  };
  const countSource = facts.affectedConfirmed === null ? 'estimated' : 'confirmed';
  return [...rules]
    .sort((a, b) => a.position - b.position)
    .filter((rule) => facts.regimes.includes(rule.regime))
    .flatMap((rule) => {
      const held = evaluate(rule.condition, evaluated);
      if (held === null) return [];
      return [
        {
          code: rule.code,
          regime: rule.regime,
          recipient: rule.recipient,
          dueAt: dueAtOf(rule.period, facts.awareAt, timeZone),
          grounds: { affectedCount: evaluated.affectedCount, countSource, held },
        },
      ];
    });
}

const sameInstant = (a: Date | null, b: Date | null) =>
  a === null || b === null ? a === b : a.getTime() === b.getTime();

/** What to change in incident_obligations after a change of facts (rows are never deleted). */
export function reconcile(stored: StoredObligation[], required: RequiredObligation[]): Reconciliation {
  const byCode = new Map(stored.map((s) => [s.code, s]));
  const requiredCodes = new Set(required.map((r) => r.code));
  const result: Reconciliation = { add: [], withdraw: [], reinstate: [], redate: [] };
  for (const obligation of required) {
    const existing = byCode.get(obligation.code);
    if (existing === undefined) result.add.push(obligation);
    else if (existing.status === 'withdrawn') result.reinstate.push(obligation);
    else if (existing.status === 'pending' && !sameInstant(existing.dueAt, obligation.dueAt))
      result.redate.push(obligation);
    // done and not_required stay as decided: a notice sent, or the DPO's recorded decision.
  }
  for (const existing of stored) {
    if (existing.status === 'pending' && !requiredCodes.has(existing.code)) result.withdraw.push(existing.code);
  }
  return result;
}

/** Under a day left: the clock shows amber and the escalation job marks it 'due_soon'. */
export const DUE_SOON_MINUTES = 24 * 60;

/** The countdown of a due time as of `now`: due soon when under 24 hours are left, overdue once past. */
export function clockOf(dueAt: Date | null, now: Date): ClockView {
  if (dueAt === null) return { dueAt: null, hoursLeft: null, state: null };
  const minutesLeft = minutesBetween(now, dueAt);
  const hoursLeft = Math.trunc(minutesLeft / 60);
  const state = now >= dueAt ? 'overdue' : minutesLeft < DUE_SOON_MINUTES ? 'due_soon' : 'on_time';
  return { dueAt: dueAt.toISOString(), hoursLeft: hoursLeft === 0 ? 0 : hoursLeft, state };
}

/* ---------- reading rules stored as data ---------- */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is FactValue =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A condition as stored (jsonb), checked: an unknown fact or operator is a broken rule, not a silent false. */
export function parseCondition(value: unknown, where: string): RuleCondition {
  if (!isObject(value)) throw new Error(`${where}: a condition must be an object`);
  if ('all' in value || 'any' in value) {
    const key = 'all' in value ? 'all' : 'any';
    const parts = value[key];
    if (!Array.isArray(parts) || parts.length === 0) throw new Error(`${where}: "${key}" needs a list of conditions`);
    const parsed = parts.map((p, i) => parseCondition(p, `${where}.${key}[${i}]`));
    return key === 'all' ? { all: parsed } : { any: parsed };
  }
  const fact = value.fact;
  if (typeof fact !== 'string' || !(RULE_FACTS as readonly string[]).includes(fact))
    throw new Error(`${where}: unknown fact ${JSON.stringify(fact)}`);
  const f = fact as RuleFact;
  const ops = Object.keys(value).filter((k) => k !== 'fact');
  if (ops.length !== 1) throw new Error(`${where}: one operator expected, got ${ops.join(', ') || 'none'}`);
  const [op] = ops;
  const operand = value[op];
  if (op === 'eq' && isScalar(operand)) return { fact: f, eq: operand };
  if (op === 'in' && Array.isArray(operand) && operand.every(isScalar)) return { fact: f, in: operand };
  if ((op === 'gte' || op === 'gt' || op === 'lt') && typeof operand === 'number') {
    return op === 'gte' ? { fact: f, gte: operand } : op === 'gt' ? { fact: f, gt: operand } : { fact: f, lt: operand };
  }
  throw new Error(`${where}: bad operator ${op} ${JSON.stringify(operand)}`);
}

export function parsePeriod(value: unknown, where: string): RulePeriod {
  if (
    isObject(value) &&
    (value.unit === 'hours' || value.unit === 'days' || value.unit === 'days_after_year_end') &&
    typeof value.amount === 'number' &&
    Number.isInteger(value.amount) &&
    value.amount > 0
  ) {
    return { unit: value.unit, amount: value.amount };
  }
  throw new Error(`${where}: bad period ${JSON.stringify(value)}`);
}

/** A stored rule row (snake_case columns) as a NotificationRule. */
export function ruleOfRow(row: Record<string, unknown>): NotificationRule {
  const code = String(row.code);
  const regime = row.regime as IncidentRegime;
  if (!INCIDENT_REGIMES.includes(regime)) throw new Error(`rule ${code}: unknown regime ${String(row.regime)}`);
  const noticeKind = (row.notice_kind ?? null) as NoticeKind | null;
  if (noticeKind !== null && !NOTICE_KINDS.includes(noticeKind))
    throw new Error(`rule ${code}: unknown notice kind ${noticeKind}`);
  return {
    code,
    regime,
    recipient: String(row.recipient),
    period: parsePeriod(row.period, `rule ${code} period`),
    condition: parseCondition(row.condition, `rule ${code} condition`),
    legalSource: { ko: String(row.legal_source_ko), en: String(row.legal_source) },
    label: { ko: String(row.label_ko), en: String(row.label_en) },
    noticeKind,
    position: Number(row.position),
  };
}
