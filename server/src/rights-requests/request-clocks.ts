import { dueOf, deadlineAt, type CalendarLookup, type Deadline, type DeadlineRule } from '../calendar/deadline';
import { localDateOf, type LocalDate } from '../calendar/local-date';

/*
 * TEMPORARY ADAPTER: the deadline engine is `./deadlines/request-deadlines.ts` (F7-CONTRACT §1),
 * built on branch f7-deadlines at the same time as this module. Until it is merged this file
 * provides the same three functions with the contract's signatures and a minimal rule set, so the
 * workflow can be built and tested; once merged, re-export from there and delete the rules below.
 */

export const REGIMES = ['KR-PIPA', 'EU-GDPR', 'US-CA-CCPA', 'US-HIPAA'] as const;
export type Regime = (typeof REGIMES)[number];
export type ClockKind = 'acknowledge' | 'answer';

export interface RequestExtension {
  regime: Regime;
  at: Date;
  reasons: string;
}

export interface RequestClock {
  regime: Regime;
  kind: ClockKind;
  deadline: Deadline;
  extended: boolean;
  governs: boolean;
}

export interface ClockInput {
  regimes: Regime[];
  receivedAt: Date;
  extensions: RequestExtension[];
  acknowledgedAt?: Date | null;
  now: Date;
  timeZone: string;
  calendars: CalendarLookup;
}

export type ExtensionRefusalCode =
  'EXTENSION_REASONS_REQUIRED' | 'EXTENSION_TOO_LATE' | 'EXTENSION_ALREADY_USED' | 'EXTENSION_NOT_ALLOWED';

interface Rules {
  answer: DeadlineRule;
  extension?: { rule: DeadlineRule; mustBeGivenWithin: 'first_period' | 'before_due' };
}

const days = (amount: number, atRisk: number): DeadlineRule => ({
  unit: 'calendar_days',
  amount,
  atRisk: { days: atRisk },
});
const RULES: Record<Regime, Rules> = {
  'KR-PIPA': { answer: days(10, 3), extension: { rule: days(10, 3), mustBeGivenWithin: 'first_period' } },
  'EU-GDPR': {
    answer: { unit: 'months', amount: 1, atRisk: { days: 7 } },
    extension: { rule: { unit: 'months', amount: 2, atRisk: { days: 14 } }, mustBeGivenWithin: 'first_period' },
  },
  'US-CA-CCPA': { answer: days(45, 10), extension: { rule: days(45, 10), mustBeGivenWithin: 'before_due' } },
  'US-HIPAA': { answer: days(30, 7), extension: { rule: days(30, 7), mustBeGivenWithin: 'before_due' } },
};

export function clocksFor(input: ClockInput): RequestClock[] {
  const clocks = input.regimes.map((regime): RequestClock => {
    const rules = RULES[regime];
    const first = dueOf(rules.answer, { at: input.receivedAt }, input.timeZone, input.calendars);
    const extension = input.extensions.find((e) => e.regime === regime);
    if (extension && rules.extension) {
      const start = { after: first.dueOn };
      const due = dueOf(rules.extension.rule, start, input.timeZone, input.calendars);
      return {
        regime,
        kind: 'answer',
        deadline: deadlineAt(rules.extension.rule, start, due, input.now, input.timeZone),
        extended: true,
        governs: false,
      };
    }
    const start = { at: input.receivedAt };
    return {
      regime,
      kind: 'answer',
      deadline: deadlineAt(rules.answer, start, first, input.now, input.timeZone),
      extended: false,
      governs: false,
    };
  });
  const earliest = governingDueOn(clocks);
  const governing = clocks.find((c) => c.deadline.dueOn === earliest);
  return clocks.map((c) => ({ ...c, governs: c === governing }));
}

export function extensionRefusal(
  input: ClockInput & { extension: RequestExtension },
): null | { code: ExtensionRefusalCode; field: string } {
  const { extension } = input;
  if (extension.reasons.trim().length === 0) return { code: 'EXTENSION_REASONS_REQUIRED', field: 'reasons' };
  const rules = RULES[extension.regime];
  if (!input.regimes.includes(extension.regime) || rules.extension === undefined) {
    return { code: 'EXTENSION_NOT_ALLOWED', field: 'regime' };
  }
  if (input.extensions.some((e) => e.regime === extension.regime)) {
    return { code: 'EXTENSION_ALREADY_USED', field: 'regime' };
  }
  const first = dueOf(rules.answer, { at: input.receivedAt }, input.timeZone, input.calendars);
  if (localDateOf(extension.at, input.timeZone) > first.dueOn) return { code: 'EXTENSION_TOO_LATE', field: 'at' };
  return null;
}

export function governingDueOn(clocks: RequestClock[]): LocalDate | null {
  const open = clocks.filter((c) => c.kind === 'answer').map((c) => c.deadline.dueOn);
  return open.length === 0 ? null : open.reduce((a, b) => (a <= b ? a : b));
}
