import { Injectable } from '@nestjs/common';
import { throwUnlessCan } from '../../authorization/abilities';
import type { EventOrigin } from '../../access-log/audit-event';
import { AuditService } from '../../access-log/audit.service';
import { CalendarService } from '../../calendar/calendar.service';
import { addCalendarDays, localDateOf, startOfLocalDate, type LocalDate } from '../../calendar/local-date';
import type { ListParams } from '../../common/list-query';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import { OutboxService } from '../../outbox/outbox.service';
import {
  DormancyCandidate,
  DormantStoreService,
  DORMANCY_PURPOSE,
} from '../../subjects/dormancy/dormant-store.service';
import { SubjectNamesService } from '../../subjects/subject-names.service';
import { personSubject, SubjectsService } from '../../subjects/subjects.service';
import type { DormancyState } from '../retention-types';
import { shiftByPeriod } from '../../calendar/period';
import { RetentionRulesService } from '../rules/retention-rules.service';
import type { DormancyCaseView, DormancyFilterDto, DormancyLookupDto } from './dormancy.dto';
import { DormancyErrorCode } from './dormancy.errors';
import { DormancyCaseRow, DormancyRepository, DormancySortField } from './dormancy.repository';

/** Cases are opened this many days before their notice is due, so the pipeline shows what is coming. */
export const NOTICE_LOOKAHEAD_DAYS = 7;
const PAGE = 200;

const SERVICE_NAMES: Record<string, { ko: string; en: string }> = {
  maumjuui: { ko: '마음주의', en: 'MaumJuui' },
  shelby: { ko: '셸비', en: 'Shelby' },
};

type Channel = 'email' | 'sms' | 'app_push';
const TEMPLATE_OF: Record<Channel, string> = {
  email: 'dormancy.notice-email',
  sms: 'dormancy.notice-sms',
  app_push: 'dormancy.notice-app',
};

interface Rule {
  period: string;
  noticePeriod: string;
  version: number;
}

const jobOrigin = (job: string): EventOrigin => ({ requestId: `job:${job}` });

/**
 * Dormant accounts (F9): unused for the `accounts` rule's period (one year), a person is told
 * `notice_period` (30 days) ahead through the outbox, then separated into the dormant store; one
 * who comes back in between is not. Support finds a separated account by e-mail or phone and
 * reactivates it through the subjects' account action (identity check first).
 */
@Injectable()
export class DormancyService {
  constructor(
    private readonly cases: DormancyRepository,
    private readonly rules: RetentionRulesService,
    private readonly store: DormantStoreService,
    private readonly subjects: SubjectsService,
    private readonly names: SubjectNamesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
  ) {}

  // ---- jobs ---------------------------------------------------------------------------------------

  /**
   * Opens a case for each account whose notice falls due within the look-ahead, then sends the
   * notices that are due, each person in a transaction of their own (case, outbox message and
   * access-log event together). A person who came back before the notice is cancelled.
   */
  async sendNotices(job: string): Promise<{ opened: number; notified: number; cancelled: number; noAddress: number }> {
    const counts = { opened: 0, notified: 0, cancelled: 0, noAddress: 0 };
    const rule = await this.rule();
    if (rule === null) return counts;
    const now = this.calendar.now();
    const today = this.calendar.today();
    const timeZone = this.calendar.timeZone;
    // Last used on or before this date: the notice is due within the look-ahead (a day's slack
    // for calendar arithmetic, checked exactly per person below).
    const latest = shiftByPeriod(
      shiftByPeriod(addCalendarDays(today, NOTICE_LOOKAHEAD_DAYS), rule.noticePeriod, 1)!,
      rule.period,
      -1,
    )!;
    const before = startOfLocalDate(addCalendarDays(latest, 2), timeZone);
    let after: string | null = null;
    for (;;) {
      const page = await this.store.unusedSince(before, after, PAGE);
      const open = await this.cases.withOpenCase(page.map((p) => p.id));
      for (const person of page.filter((p) => !open.has(p.id))) {
        const dates = this.datesOf(person.lastUseAt, rule);
        if (dates.noticeDueOn > addCalendarDays(today, NOTICE_LOOKAHEAD_DAYS)) continue;
        const id = await this.cases.open(
          { subjectId: person.id, lastActiveAt: person.lastUseAt, ruleVersion: rule.version, ...dates },
          now,
        );
        if (id !== null) counts.opened += 1;
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    await this.eachCase('due_for_notice', async (c) => {
      const person = await this.store.candidate(c.subjectId);
      if (person === null || !person.separable || cameBack(person, c)) {
        await this.cases.cancel(c.id, now);
        counts.cancelled += 1;
        return;
      }
      if (c.noticeDueOn > today) return;
      const sent = await this.notify(c, person, rule, today, now, jobOrigin(job));
      counts[sent ? 'notified' : 'noAddress'] += 1;
    });
    return counts;
  }

  /**
   * Separates each notified account whose separation date has come and that is still unused;
   * cancels the case of a person who came back (or whose account was withdrawn or erased). Each
   * person in a transaction of their own.
   */
  async separateDue(job: string): Promise<{ separated: number; cancelled: number }> {
    const counts = { separated: 0, cancelled: 0 };
    const now = this.calendar.now();
    const today = this.calendar.today();
    await this.eachCase('notified', async (c) => {
      const person = await this.store.candidate(c.subjectId);
      if (person === null || !person.separable || cameBack(person, c)) {
        await this.cases.cancel(c.id, now);
        counts.cancelled += 1;
        return;
      }
      if (c.separationDueOn > today) return;
      const moved = await this.store.separate(c.subjectId, now, jobOrigin(job), {
        caseId: c.id,
        ruleVersion: c.ruleVersion,
        lastActiveAt: c.lastActiveAt.toISOString(),
        notifiedAt: c.notifiedAt?.toISOString() ?? null,
      });
      if (moved) counts.separated += 1;
    });
    return counts;
  }

  // ---- routes -------------------------------------------------------------------------------------

  async list(
    ctx: StaffContext,
    params: ListParams<DormancySortField, DormancyFilterDto>,
  ): Promise<{ rows: DormancyCaseView[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'DormancyCase');
    return this.cases.transaction(async () => {
      const { rows, total } = await this.cases.list({ ...params.filter, ...params });
      const people = new Map((await this.names.maskedNames(rows.map((r) => r.subjectId))).map((p) => [p.id, p]));
      const shown = [...new Set(rows.map((r) => r.subjectId))];
      await this.audit.record(
        {
          action: 'view',
          resource: 'dormancy-case',
          outcome: 'success',
          fields: shown.length > 0 ? ['name'] : [],
          detail: { filter: { ...params.filter }, total, shown },
        },
        ctx.origin,
      );
      return {
        rows: rows.map((r) => {
          const person = people.get(r.subjectId);
          return {
            id: r.id,
            subjectId: r.subjectId,
            state: r.state,
            service: person?.service ?? null,
            kind: person?.kind ?? null,
            // Once separated the name is in the dormant store, which this list does not read.
            maskedName: r.state === 'separated' || person === undefined ? null : person.maskedName,
            lastActiveAt: r.lastActiveAt,
            noticeDueOn: r.noticeDueOn,
            separationDueOn: r.separationDueOn,
            noticeChannel: r.noticeChannel,
            notifiedAt: r.notifiedAt,
            separatedAt: r.separatedAt,
            reactivatedAt: r.reactivatedAt,
          };
        }),
        total,
      };
    });
  }

  /** Cases per state: counts only. */
  summary(ctx: StaffContext): Promise<Record<DormancyState, number>> {
    throwUnlessCan(ctx.ability, 'read', 'DormancyCase');
    return this.cases.counts();
  }

  /** Support finds a separated account by its e-mail or phone (blind index), to reactivate it. */
  async lookup(ctx: StaffContext, dto: DormancyLookupDto): Promise<{ subjectId: string }> {
    throwUnlessCan(ctx.ability, 'accountAction', 'Subject');
    const given = [dto.email === undefined ? [] : ['email'], dto.phone === undefined ? [] : ['phone']].flat();
    if (given.length !== 1) {
      throw Problem.validation(
        [
          {
            field: 'email',
            code: DormancyErrorCode.LookupContactRequired,
            message: 'Give an e-mail address or a phone number',
          },
        ],
        'Look up by exactly one of e-mail or phone',
      );
    }
    const subjectId = await this.store.find(dto.email !== undefined ? { email: dto.email } : { phone: dto.phone! });
    if (subjectId === null) {
      throw Problem.of(DormancyErrorCode.DormantAccountNotFound, 'No separated account has this contact');
    }
    // The value looked up is personal data itself: the event names its kind, not the value.
    await this.audit.record(
      {
        action: 'view',
        resource: 'dormant-store',
        outcome: 'success',
        subjectId: personSubject(subjectId),
        purpose: DORMANCY_PURPOSE,
        detail: { lookup: given[0] },
      },
      ctx.origin,
    );
    return { subjectId };
  }

  // ---- internals ----------------------------------------------------------------------------------

  /** The `accounts` rule's period and notice lead; null (nothing happens) when disabled or unparseable. */
  private async rule(): Promise<Rule | null> {
    const row = await this.rules.dormancyRule();
    if (row === null) return null;
    const noticePeriod = row.noticePeriod;
    const today = this.calendar.today();
    if (shiftByPeriod(today, row.period, 1) === null || shiftByPeriod(today, noticePeriod, 1) === null) return null;
    return { period: row.period, noticePeriod, version: row.version };
  }

  /** The notice is due `noticePeriod` before the end of the period of disuse; separation comes at that end. */
  private datesOf(lastUseAt: Date, rule: Rule): { noticeDueOn: LocalDate; separationDueOn: LocalDate } {
    const end = shiftByPeriod(localDateOf(lastUseAt, this.calendar.timeZone), rule.period, 1)!;
    return { noticeDueOn: shiftByPeriod(end, rule.noticePeriod, -1)!, separationDueOn: end };
  }

  private async notify(
    c: DormancyCaseRow,
    person: DormancyCandidate,
    rule: Rule,
    today: LocalDate,
    now: Date,
    origin: EventOrigin,
  ): Promise<boolean> {
    const channel: Channel = person.hasEmail ? 'email' : person.hasPhone ? 'sms' : 'app_push';
    const to = channel === 'app_push' ? null : await this.subjects.noticeAddressee(person.id, channel);
    const address = channel === 'app_push' ? person.id : to?.address;
    if (!address) return false;
    const language = person.locale === 'en' ? 'en' : 'ko';
    // Told the full notice period from today, even when the notice is late (an account already
    // dormant before the store existed, or a notice that could not go out at first).
    const earliest = shiftByPeriod(today, rule.noticePeriod, 1)!;
    const separationDueOn = c.separationDueOn < earliest ? earliest : c.separationDueOn;
    const messageId = await this.outbox.enqueue({
      templateKey: TEMPLATE_OF[channel],
      language,
      recipient: { kind: 'subject', id: person.id, address },
      data: {
        name: to?.name ?? '',
        serviceName: SERVICE_NAMES[person.service]?.[language] ?? person.service,
        lastActiveOn: localDateOf(c.lastActiveAt, this.calendar.timeZone),
        period: periodText(rule.period, language),
        separationOn: separationDueOn,
      },
      reference: `dormancy:${c.id}`,
    });
    await this.cases.markNotified(c.id, { messageId, channel, separationDueOn }, now);
    // The message carries the name and the address: an event under the person.
    await this.audit.record(
      {
        action: 'create',
        resource: 'dormancy-notice',
        outcome: 'success',
        subjectId: personSubject(person.id),
        fields: channel === 'app_push' ? [] : ['name', channel === 'email' ? 'email' : 'phone'],
        purpose: DORMANCY_PURPOSE,
        detail: { caseId: c.id, messageId, channel, separationDueOn, ruleVersion: rule.version },
      },
      origin,
    );
    return true;
  }

  /** Runs `work` on each case in `state`, each in a transaction of its own with the case locked. */
  private async eachCase(state: DormancyState, work: (c: DormancyCaseRow) => Promise<void>): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const page = await this.cases.inState(state, after, PAGE);
      for (const listed of page) {
        await this.cases.transaction(async () => {
          // Another instance may have moved it meanwhile.
          const c = await this.cases.lockInState(listed.id, state);
          if (c !== null) await work(c);
        });
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
  }
}

/** Used again after the case was opened from its last use: the person came back. */
function cameBack(person: DormancyCandidate, c: DormancyCaseRow): boolean {
  return person.lastUseAt.getTime() > c.lastActiveAt.getTime();
}

/** 'P1Y' as the notice says it: '1년' / '1 year'. Other forms are shown as written. */
function periodText(period: string, language: 'ko' | 'en'): string {
  const match = /^P(\d+)([YMD])$/.exec(period);
  if (match === null) return period;
  const n = Number(match[1]);
  const unit = { Y: ['년', 'year'], M: ['개월', 'month'], D: ['일', 'day'] }[match[2] as 'Y' | 'M' | 'D'];
  return language === 'ko' ? `${n}${unit[0]}` : `${n} ${unit[1]}${n === 1 ? '' : 's'}`;
}
