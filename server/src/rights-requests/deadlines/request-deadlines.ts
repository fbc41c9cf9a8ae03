import {
  deadlineAt,
  dueOf,
  jurisdictionsOf,
  spanOf,
  type CalendarLookup,
  type Deadline,
  type DeadlineRule,
  type DeadlineStart,
} from '../../calendar/deadline';
import type { Jurisdiction } from '../../calendar/jurisdictions';
import {
  calendarDaysBetween,
  endOfLocalDate,
  isLocalDate,
  localDateOf,
  type LocalDate,
} from '../../calendar/local-date';
import {
  REGIMES,
  type AnswerRules,
  type ClockKind,
  type Regime,
  type RegimeRules,
  type RequestExtension,
} from './regime';
import { REGIME_RULES, rulesOf } from './regime-rules';

export { REGIMES, isRegime } from './regime';
export type { AnswerRules, ClockKind, ExtensionRule, Regime, RegimeRules, RequestExtension } from './regime';
export { REGIME_RULES, rulesOf } from './regime-rules';

/** One clock of a request: a regime's acknowledgement or answer period, as of now. */
export interface RequestClock {
  regime: Regime;
  kind: ClockKind;
  /** As of now while open; as of the moment it was met once done (its state says if it was late). */
  deadline: Deadline;
  extended: boolean;
  /** The earliest open answer clock (once the request is closed: the earliest answer clock). */
  governs: boolean;
  /** Still running: not acknowledged yet (acknowledge), or the request not closed (answer). */
  open: boolean;
  /** The due date before any extension. */
  originalDueOn: LocalDate;
}

/** What the clocks of a request are computed from. */
export interface RequestClockInput {
  regimes: readonly Regime[];
  receivedAt: Date;
  /** Extensions given so far; one that the rules would refuse is not applied. */
  extensions: readonly RequestExtension[];
  acknowledgedAt?: Date | null;
  /** When identity was verified: moves the start only for a regime that pauses for it (none does). */
  verifiedAt?: Date | null;
  /** When the request was completed, partially completed or rejected: closes the answer clocks. */
  closedAt?: Date | null;
  /** The request type (access, rectification, …): some regimes have other periods for some types. */
  type?: string;
  now: Date;
  timeZone: string;
  calendars: CalendarLookup;
  rules?: readonly RegimeRules[];
  /** Overrides every rule set's at-risk share (configuration), 0 < share < 1. */
  atRiskShare?: number;
}

export const EXTENSION_REFUSAL_CODES = [
  'EXTENSION_NOT_ALLOWED',
  'EXTENSION_REASONS_REQUIRED',
  'EXTENSION_ALREADY_USED',
  'EXTENSION_TOO_LATE',
  'EXTENSION_UNTIL_INVALID',
  'EXTENSION_TOO_LONG',
] as const;
export type ExtensionRefusalCode = (typeof EXTENSION_REFUSAL_CODES)[number];

/** Why an extension is refused, and the field it is about (regime | reasons | at | until). */
export interface ExtensionRefusal {
  code: ExtensionRefusalCode;
  field: 'regime' | 'reasons' | 'at' | 'until';
}

/** The answer and extension rules of a regime for a request type. */
export function answerRulesOf(rules: RegimeRules, type?: string): AnswerRules {
  return (type === undefined ? undefined : rules.byType?.[type]) ?? rules;
}

/**
 * Every clock of the request: per regime, its acknowledgement clock (if any) and its answer
 * clock, extended where an extension was given. Each is kept; the earliest open answer clock
 * governs (`governs`), and that is the request's due date.
 */
export function clocksFor(input: RequestClockInput): RequestClock[] {
  const accepted = acceptedExtensions(input);
  const clocks: RequestClock[] = [];
  for (const regime of regimesOf(input)) {
    const rules = rulesOf(regime, input.rules ?? REGIME_RULES);
    const start = startOf(rules, input);
    if (rules.acknowledge !== undefined) {
      const due = dueOf(rules.acknowledge, start, input.timeZone, input.calendars);
      clocks.push(
        clock(
          input,
          rules,
          { regime, kind: 'acknowledge', rule: rules.acknowledge, start, due, extended: false },
          input.acknowledgedAt ?? null,
        ),
      );
    }
    const { answer } = answerRulesOf(rules, input.type);
    const original = dueOf(answer, start, input.timeZone, input.calendars);
    const extension = accepted.find((e) => e.regime === regime);
    const due = extension === undefined ? original : extendedDue(input, rules, start, original.dueOn, extension);
    clocks.push(
      clock(
        input,
        rules,
        {
          regime,
          kind: 'answer',
          rule: answer,
          start: extension === undefined ? start : { after: original.dueOn },
          base: start,
          due,
          extended: extension !== undefined,
          originalDueOn: original.dueOn,
        },
        input.closedAt ?? null,
      ),
    );
  }
  const answers = clocks.filter((c) => c.kind === 'answer');
  const candidates = answers.some((c) => c.open) ? answers.filter((c) => c.open) : answers;
  const first = candidates.reduce<RequestClock | null>(
    (best, c) => (best === null || c.deadline.dueAt < best.deadline.dueAt ? c : best),
    null,
  );
  if (first !== null) first.governs = true;
  return clocks;
}

/** The due date of the governing clock: the request's due date (null without clocks). */
export function governingDueOn(clocks: readonly RequestClock[]): LocalDate | null {
  return clocks.find((c) => c.governs)?.deadline.dueOn ?? null;
}

/**
 * Whether `extension` may be given now, on top of the ones already given: null when it may,
 * else the rule it breaks. Checked in this order: the regime allows one; reasons are given; it is
 * the first for that regime; it is given within the first period; its date is within the bound.
 */
export function extensionRefusal(input: RequestClockInput & { extension: RequestExtension }): ExtensionRefusal | null {
  return refusalAgainst(input, input.extensions, input.extension);
}

/**
 * The dates whose holidays a request's clocks need, per jurisdiction: load these into the
 * CalendarLookup (CalendarService.businessCalendar) before calling clocksFor.
 */
export function calendarSpans(input: {
  regimes: readonly Regime[];
  receivedAt: Date;
  timeZone: string;
  type?: string;
  rules?: readonly RegimeRules[];
}): Map<Jurisdiction, { from: LocalDate; to: LocalDate }> {
  const from = localDateOf(input.receivedAt, input.timeZone);
  const spans = new Map<Jurisdiction, { from: LocalDate; to: LocalDate }>();
  for (const regime of new Set(input.regimes)) {
    const rules = rulesOf(regime, input.rules ?? REGIME_RULES);
    const { answer, extension } = answerRulesOf(rules, input.type);
    const periods = [answer, ...(rules.acknowledge === undefined ? [] : [rules.acknowledge])];
    // An extension runs on from the original due date: room for both periods.
    const answerEnd = spanOf(answer, from).to;
    const ends = [answerEnd, ...periods.map((r) => spanOf(r, from).to)];
    if (extension !== undefined) {
      periods.push(extension.rule);
      ends.push(spanOf(extension.rule, answerEnd).to);
    }
    const to = ends.sort().at(-1) ?? from;
    for (const j of periods.flatMap(jurisdictionsOf)) {
      const known = spans.get(j)?.to;
      spans.set(j, { from, to: known !== undefined && known > to ? known : to });
    }
  }
  return spans;
}

function regimesOf(input: RequestClockInput): Regime[] {
  return REGIMES.filter((r) => input.regimes.includes(r));
}

/** Where the periods run from: receipt, unless the regime waits for verification and it happened. */
function startOf(rules: RegimeRules, input: RequestClockInput): DeadlineStart & { at: Date } {
  const verifiedAt = input.verifiedAt ?? null;
  return { at: rules.pausesForVerification && verifiedAt !== null ? verifiedAt : input.receivedAt };
}

/** The extensions applied, in the order given: each checked against the ones before it. */
function acceptedExtensions(input: RequestClockInput): RequestExtension[] {
  const accepted: RequestExtension[] = [];
  const ordered = [...input.extensions].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const extension of ordered) {
    if (refusalAgainst(input, accepted, extension) === null) accepted.push(extension);
  }
  return accepted;
}

function refusalAgainst(
  input: RequestClockInput,
  given: readonly RequestExtension[],
  extension: RequestExtension,
): ExtensionRefusal | null {
  if (!input.regimes.includes(extension.regime)) return { code: 'EXTENSION_NOT_ALLOWED', field: 'regime' };
  const rules = rulesOf(extension.regime, input.rules ?? REGIME_RULES);
  const allowed = answerRulesOf(rules, input.type).extension;
  if (allowed === undefined) return { code: 'EXTENSION_NOT_ALLOWED', field: 'regime' };
  if (allowed.reasonsRequired && extension.reasons.trim() === '') {
    return { code: 'EXTENSION_REASONS_REQUIRED', field: 'reasons' };
  }
  if (given.filter((e) => e.regime === extension.regime).length >= allowed.maxCount) {
    return { code: 'EXTENSION_ALREADY_USED', field: 'regime' };
  }
  const start = startOf(rules, input);
  const original = dueOf(answerRulesOf(rules, input.type).answer, start, input.timeZone, input.calendars);
  // Within the first period: before the original due date is over (both readings end there).
  if (extension.at < input.receivedAt) return { code: 'EXTENSION_NOT_ALLOWED', field: 'at' };
  if (extension.at >= original.dueAt) return { code: 'EXTENSION_TOO_LATE', field: 'at' };
  const until = extension.until ?? null;
  if (until === null) {
    return allowed.untilRequired === true ? { code: 'EXTENSION_UNTIL_INVALID', field: 'until' } : null;
  }
  if (!isLocalDate(until) || until <= original.dueOn) return { code: 'EXTENSION_UNTIL_INVALID', field: 'until' };
  if (until > boundOf(input, rules, start, original.dueOn)) return { code: 'EXTENSION_TOO_LONG', field: 'until' };
  return null;
}

/** The latest date an extension may reach: the extension period, within the total cap. */
function boundOf(
  input: RequestClockInput,
  rules: RegimeRules,
  start: { at: Date },
  originalDueOn: LocalDate,
): LocalDate {
  const allowed = answerRulesOf(rules, input.type).extension;
  if (allowed === undefined) return originalDueOn;
  const extended = dueOf(allowed.rule, { after: originalDueOn }, input.timeZone, input.calendars).dueOn;
  if (allowed.totalCap === undefined) return extended;
  const cap = dueOf(allowed.totalCap, start, input.timeZone, input.calendars).dueOn;
  return cap < extended ? cap : extended;
}

function extendedDue(
  input: RequestClockInput,
  rules: RegimeRules,
  start: { at: Date },
  originalDueOn: LocalDate,
  extension: RequestExtension,
): { dueOn: LocalDate; dueAt: Date } {
  const bound = boundOf(input, rules, start, originalDueOn);
  const until = extension.until ?? null;
  const dueOn = until !== null && until < bound ? until : bound;
  return { dueOn, dueAt: endOfLocalDate(dueOn, input.timeZone) };
}

interface ClockParts {
  regime: Regime;
  kind: ClockKind;
  rule: DeadlineRule;
  /** The start the deadline reports (receipt, or the original due date once extended). */
  start: DeadlineStart;
  /** Where the whole period runs from, for the at-risk share (receipt). */
  base?: DeadlineStart & { at: Date };
  due: { dueOn: LocalDate; dueAt: Date };
  extended: boolean;
  originalDueOn?: LocalDate;
}

function clock(input: RequestClockInput, rules: RegimeRules, parts: ClockParts, doneAt: Date | null): RequestClock {
  const base = parts.base ?? parts.start;
  const baseDate = 'at' in base ? localDateOf(base.at, input.timeZone) : base.after;
  const rule = withAtRiskShare(
    parts.rule,
    input.atRiskShare ?? rules.atRiskShare,
    calendarDaysBetween(baseDate, parts.due.dueOn),
  );
  const open = doneAt === null;
  return {
    regime: parts.regime,
    kind: parts.kind,
    deadline: deadlineAt(rule, parts.start, parts.due, open ? input.now : doneAt, input.timeZone),
    extended: parts.extended,
    governs: false,
    open,
    originalDueOn: parts.originalDueOn ?? parts.due.dueOn,
  };
}

/** The rule with its at-risk days set to the last `share` of a period of `days` days. */
function withAtRiskShare(rule: DeadlineRule, share: number | undefined, days: number): DeadlineRule {
  if (share === undefined || rule.unit === 'hours') return rule;
  if (!(share > 0 && share < 1)) throw new RangeError(`Not an at-risk share: ${share}`);
  return { ...rule, atRisk: { days: Math.ceil(days * share) } };
}
