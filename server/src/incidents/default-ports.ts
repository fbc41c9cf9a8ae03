import { Injectable } from '@nestjs/common';
import { differenceInHours } from 'date-fns';
import { instantAfter } from '../calendar/instant';
import { addCalendarDays, endOfLocalDate, localDateOf, yearOf } from '../calendar/local-date';
import { Problem } from '../common/problem';
import type { StaffContext } from '../context/staff-context';
import { IncidentsErrorCode } from './incidents.errors';
import type {
  AnomalyLinker,
  IncidentFacts,
  IncidentTaskSource,
  NotificationRule,
  ObligationEngine,
  Reconciliation,
  RequiredObligation,
  RuleCondition,
  StoredObligation,
  TaskDraft,
} from './incident-ports';
import type { ClockView } from './incident-types';

/**
 * Stand-ins for the seams other F8 parts build (the notification engine, the checklist
 * templates, the anomaly link), so the incidents core runs and is tested on its own. They follow
 * the contract's rules simply; the module swaps in the real providers (one line each) when those
 * parts land. The rules are data here too: the same shape as the incident_notification_rules rows.
 */

const HOUR_MS = 60 * 60 * 1000;

const COUNT = { fact: 'affectedCount', gte: 1 };
export const DEFAULT_RULES: NotificationRule[] = [
  {
    code: 'kr_subjects',
    regime: 'KR-PIPA',
    recipient: 'subjects',
    period: { unit: 'hours', amount: 72 },
    condition: COUNT,
    legalSource: 'PIPA Art. 34(1)',
    label: { ko: '정보주체 통지', en: 'Notice to the people affected' },
    noticeKind: 'kr_subject_notice',
    position: 1,
  },
  {
    code: 'kr_regulator',
    regime: 'KR-PIPA',
    recipient: 'regulator',
    period: { unit: 'hours', amount: 72 },
    condition: {
      all: [
        COUNT,
        {
          any: [
            { fact: 'affectedCount', gte: 1000 },
            { fact: 'sensitiveData', eq: true },
            { fact: 'uniqueIdentifiers', eq: true },
            { fact: 'vector', eq: 'outside_hacking' },
          ],
        },
      ],
    },
    legalSource: 'PIPA Art. 34(3); Enforcement Decree Art. 40',
    label: { ko: '개인정보보호위원회·KISA 신고', en: 'Report to the PIPC or KISA' },
    noticeKind: 'kr_regulator_report',
    position: 2,
  },
  {
    code: 'eu_authority',
    regime: 'EU-GDPR',
    recipient: 'authority',
    period: { unit: 'hours', amount: 72 },
    condition: { all: [COUNT, { fact: 'euRisk', ne: 'unlikely' }] },
    legalSource: 'GDPR Art. 33(1)',
    label: { ko: '감독기관 신고', en: 'Notification to the supervisory authority' },
    noticeKind: 'eu_authority_report',
    position: 3,
  },
  {
    code: 'eu_subjects',
    regime: 'EU-GDPR',
    recipient: 'subjects',
    period: { unit: 'hours', amount: 72 },
    condition: { all: [COUNT, { fact: 'euRisk', eq: 'high' }, { fact: 'dataEncrypted', eq: false }] },
    legalSource: 'GDPR Art. 34(1), 34(3)(a)',
    label: { ko: '정보주체 통지 (GDPR)', en: 'Communication to the data subjects' },
    noticeKind: 'eu_subject_notice',
    position: 4,
  },
  {
    code: 'us_individuals',
    regime: 'US-HIPAA',
    recipient: 'subjects',
    period: { unit: 'days', amount: 60 },
    condition: COUNT,
    legalSource: '45 CFR 164.404',
    label: { ko: '개인 통지 (HIPAA)', en: 'Notice to individuals' },
    noticeKind: 'us_individual_notice',
    position: 5,
  },
  {
    code: 'us_hhs',
    regime: 'US-HIPAA',
    recipient: 'hhs',
    period: { unit: 'days', amount: 60 },
    condition: { fact: 'affectedCount', gte: 500 },
    legalSource: '45 CFR 164.408(b)',
    label: { ko: 'HHS 신고', en: 'Notice to the Secretary (HHS)' },
    noticeKind: 'us_hhs_report',
    position: 6,
  },
  {
    code: 'us_media',
    regime: 'US-HIPAA',
    recipient: 'media',
    period: { unit: 'days', amount: 60 },
    condition: {
      all: [
        { fact: 'affectedCount', gte: 500 },
        { fact: 'usLargestStateCount', gt: 500 },
      ],
    },
    legalSource: '45 CFR 164.406',
    label: { ko: '언론 공지', en: 'Notice to the media' },
    noticeKind: 'us_hhs_report',
    position: 7,
  },
  {
    code: 'us_hhs_yearly_log',
    regime: 'US-HIPAA',
    recipient: 'hhs',
    period: { unit: 'days_after_year_end', amount: 60 },
    condition: { all: [COUNT, { fact: 'affectedCount', lt: 500 }] },
    legalSource: '45 CFR 164.408(c)',
    label: { ko: 'HHS 연간 보고', en: 'Yearly log to HHS' },
    noticeKind: null,
    position: 8,
  },
];

type FactValue = string | number | boolean | null;

const factsOf = (f: IncidentFacts): Record<string, FactValue> => ({
  affectedCount: f.affectedConfirmed ?? f.affectedEstimated,
  affectedEstimated: f.affectedEstimated,
  affectedConfirmed: f.affectedConfirmed,
  usLargestStateCount: f.usLargestStateCount,
  sensitiveData: f.sensitiveData,
  uniqueIdentifiers: f.uniqueIdentifiers,
  dataEncrypted: f.dataEncrypted,
  vector: f.vector,
  euRisk: f.euRisk,
});

/** Evaluates a condition; the clauses that held are collected into `held` (the grounds). */
function holds(condition: RuleCondition, facts: Record<string, FactValue>, held: Record<string, unknown>): boolean {
  if (Array.isArray(condition.all)) {
    return (condition.all as RuleCondition[]).every((c) => holds(c, facts, held));
  }
  if (Array.isArray(condition.any)) {
    // Every clause is evaluated so the grounds name each one that held.
    return (condition.any as RuleCondition[]).map((c) => holds(c, facts, held)).some(Boolean);
  }
  const name = condition.fact as string;
  const value = facts[name];
  let ok: boolean;
  if ('eq' in condition) ok = value === condition.eq;
  else if ('ne' in condition) ok = value !== condition.ne;
  else if ('gte' in condition) ok = typeof value === 'number' && value >= (condition.gte as number);
  else if ('gt' in condition) ok = typeof value === 'number' && value > (condition.gt as number);
  else if ('lt' in condition) ok = typeof value === 'number' && value < (condition.lt as number);
  else ok = false;
  if (ok) held[name] = value;
  return ok;
}

function dueOf(rule: NotificationRule, awareAt: Date, timeZone: string): Date {
  const { unit, amount } = rule.period;
  if (unit === 'hours') return instantAfter(awareAt, amount * HOUR_MS);
  const awareOn = localDateOf(awareAt, timeZone);
  if (unit === 'days') return endOfLocalDate(addCalendarDays(awareOn, amount), timeZone);
  return endOfLocalDate(addCalendarDays(`${yearOf(awareOn)}-12-31`, amount), timeZone);
}

@Injectable()
export class DefaultObligationEngine implements ObligationEngine {
  rules(): Promise<NotificationRule[]> {
    return Promise.resolve(DEFAULT_RULES);
  }

  requiredObligations(facts: IncidentFacts, rules: NotificationRule[], timeZone: string): RequiredObligation[] {
    const values = factsOf(facts);
    return [...rules]
      .sort((a, b) => a.position - b.position)
      .filter((r) => facts.regimes.includes(r.regime))
      .flatMap((rule) => {
        const grounds: Record<string, unknown> = {};
        if (!holds(rule.condition, values, grounds)) return [];
        return [
          { code: rule.code, regime: rule.regime, recipient: rule.recipient, dueAt: dueOf(rule, facts.awareAt, timeZone), grounds },
        ];
      });
  }

  reconcile(stored: StoredObligation[], required: RequiredObligation[]): Reconciliation {
    const byCode = new Map(stored.map((s) => [s.code, s]));
    const wanted = new Set(required.map((r) => r.code));
    const out: Reconciliation = { add: [], withdraw: [], reinstate: [], redate: [] };
    for (const r of required) {
      const s = byCode.get(r.code);
      if (s === undefined) out.add.push(r);
      else if (s.status === 'withdrawn') out.reinstate.push(r);
      else if (s.status === 'pending' && s.dueAt?.getTime() !== r.dueAt?.getTime()) out.redate.push(r);
    }
    for (const s of stored) if (s.status === 'pending' && !wanted.has(s.code)) out.withdraw.push(s.code);
    return out;
  }

  clockOf(dueAt: Date | null, now: Date): ClockView {
    if (dueAt === null) return { dueAt: null, hoursLeft: null, state: null };
    const hoursLeft = differenceInHours(dueAt, now);
    const state = dueAt <= now ? 'overdue' : instantAfter(now, 24 * HOUR_MS) > dueAt ? 'due_soon' : 'on_time';
    return { dueAt: dueAt.toISOString(), hoursLeft, state };
  }
}

/** Without the checklist templates no template can be started; ad-hoc tasks still work. */
@Injectable()
export class NoTemplateTaskSource implements IncidentTaskSource {
  instantiate(): Promise<{ templateVersionId: string; tasks: TaskDraft[] }> {
    return Promise.reject(
      Problem.of(IncidentsErrorCode.LinkUnknown, 'No such checklist template', [
        { field: 'templateId', code: IncidentsErrorCode.LinkUnknown, message: 'No such checklist template' },
      ]),
    );
  }
}

/** Without the affected-people part no anomaly can be linked. */
@Injectable()
export class NoAnomalyLinker implements AnomalyLinker {
  linkAnomaly(_ctx: StaffContext): Promise<number> {
    return Promise.reject(
      Problem.of(IncidentsErrorCode.LinkUnknown, 'Anomaly links are not available', [
        { field: 'anomaly', code: IncidentsErrorCode.LinkUnknown, message: 'Anomaly links are not available' },
      ]),
    );
  }
}
