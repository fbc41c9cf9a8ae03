import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { AuditService } from '../../access-log/audit.service';
import type { EventOrigin } from '../../access-log/audit-event';
import { CalendarService } from '../../calendar/calendar.service';
import { addCalendarDays, startOfLocalDate, yearOf, type LocalDate } from '../../calendar/local-date';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import type { JobCounts, JobRunContext } from '../../jobs/job-definition';
import { SubjectFulfilmentService } from '../../subjects/fulfilment/subject-fulfilment.service';
import { shiftByPeriod } from '../../calendar/period';
import type { ErasureCategory } from '../../subjects/fulfilment/fulfilment-types';
import type { QueueStatus } from '../retention-types';
import { DestructionErrorCode } from './destruction.errors';
import {
  DestructionRepository,
  type ActedRule,
  type CertificateLine,
  type CertificateRow,
  type DueDay,
  type QueueItemRow,
  type RunRow,
} from './destruction.repository';
import { isDestructible, RECORD_CATEGORY_SQL, sqlOf } from './record-categories';
import { whyOf, type Why } from './destruction-why';

/** The scan looks this many days ahead, today included: the DPO's dashboard shows the next 7 days. */
export const SCAN_HORIZON_DAYS = 7;
/** People per read of the queue by the run (each person is still one transaction). */
const PEOPLE_PER_BATCH = 500;

export interface PreviewRule {
  ruleId: string;
  code: string;
  name: { ko: string; en: string };
  category: string;
  action: string;
  period: string | null;
  trigger: string;
  legalBasis: string;
  people: number;
  records: number;
  held: number;
  why: Why;
}

/**
 * The destruction queue, its runs and certificates (F9 contract §4). The scan finds what each
 * rule's period has run out for, set-based; the run destroys it person by person through the
 * subjects' erasure path, each person one transaction, honouring legal holds; every run ends in
 * one certificate that names no one.
 */
@Injectable()
export class DestructionService {
  /** A test's stand-in for a kill: called after each person's transaction commits. */
  afterPerson: ((subjectId: string) => Promise<void>) | null = null;

  constructor(
    private readonly repo: DestructionRepository,
    private readonly fulfilment: SubjectFulfilmentService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  // ---- scan ---------------------------------------------------------------------------------

  async scan(): Promise<JobCounts> {
    const now = this.calendar.now();
    const today = this.calendar.today();
    const counts = { rules: 0, pending: 0, held: 0, cancelled: 0, statutory: 0 };
    counts.cancelled += await this.repo.transaction(() => this.repo.cancelStale(now));
    for (const rule of await this.repo.actedRules()) {
      if (!rule.enabled || !isDestructible(rule.category) || rule.action === 'separate') continue;
      const days = this.horizon(rule, today);
      if (days === null) continue;
      const { records } = sqlOf(rule.category, rule.action);
      // One transaction per rule: a rule's items are refreshed together or not at all.
      const written = await this.repo.transaction(() => this.repo.scanRule(rule, records, days, now));
      counts.rules += 1;
      counts.pending += written.pending;
      counts.held += written.held;
      counts.cancelled += written.cancelled;
    }
    const through = addCalendarDays(today, SCAN_HORIZON_DAYS - 1);
    counts.statutory = await this.repo.transaction(() => this.repo.scanStatutory(through, this.calendar.timeZone, now));
    return counts;
  }

  /** The horizon's days with their cutoffs under the rule's period; null for a period the console cannot read. */
  private horizon(rule: ActedRule, today: LocalDate): DueDay[] | null {
    const days: DueDay[] = [];
    for (let i = 0; i < SCAN_HORIZON_DAYS; i++) {
      const on = addCalendarDays(today, i);
      const cutoff = this.cutoffOf(rule, on);
      if (cutoff === null) return null;
      days.push({ on, cutoff });
    }
    return days;
  }

  /** Records whose trigger time is before this are due on `on`: the start of the org day `on − period`. */
  private cutoffOf(rule: ActedRule, on: LocalDate): Date | null {
    const period = rule.retention.period;
    const start = period === undefined ? null : shiftByPeriod(on, period, -1);
    return start === null ? null : startOfLocalDate(start, this.calendar.timeZone);
  }

  // ---- run ----------------------------------------------------------------------------------

  /**
   * Creates or resumes the one running run and destroys the due, not-held items person by person.
   * A run killed midway is found 'running' by the next attempt, which carries on from the people
   * still open; the certificate is written once from what the run's items destroyed.
   */
  async run(job: Pick<JobRunContext, 'runId' | 'startedBy'> | null = null): Promise<JobCounts> {
    const run = await this.openRun(job);
    const origin: EventOrigin = { actorRole: 'system', requestId: `retention-destruction:${run.id}` };
    const rules = new Map((await this.repo.actedRules()).map((r) => [r.id, r]));
    const counts = { people: 0, destroyed: 0, records: 0, held: 0, cancelled: 0 };
    let after: string | null = null;
    for (;;) {
      const people = await this.repo.nextPeople(run.throughOn, after, PEOPLE_PER_BATCH);
      if (people.length === 0) break;
      for (const subjectId of people) {
        const done = await this.repo.transaction(() => this.destroyPerson(subjectId, run, rules, origin));
        counts.people += done.destroyed > 0 ? 1 : 0;
        counts.destroyed += done.destroyed;
        counts.records += done.records;
        counts.held += done.held;
        counts.cancelled += done.cancelled;
        if (this.afterPerson) await this.afterPerson(subjectId);
      }
      after = people[people.length - 1];
    }
    await this.repo.transaction(async () => {
      await this.writeCertificate(run, rules);
      await this.repo.completeRun(run.id, this.calendar.now());
    });
    return counts;
  }

  private async openRun(job: Pick<JobRunContext, 'runId' | 'startedBy'> | null): Promise<RunRow> {
    const running = await this.repo.runningRun();
    if (running !== null) return running;
    const id = await this.repo.startRun({
      throughOn: this.calendar.today(),
      jobRunId: job?.runId ?? null,
      startedBy: job?.startedBy ?? null,
      at: this.calendar.now(),
    });
    const started = await this.repo.runningRun();
    if (started === null || (id !== null && started.id !== id)) throw new Error('The destruction run vanished');
    return started;
  }

  /** One person, one transaction: their items, their records, the access-log events, together. */
  private async destroyPerson(
    subjectId: string,
    run: RunRow,
    rules: Map<string, ActedRule>,
    origin: EventOrigin,
  ): Promise<{ destroyed: number; records: number; held: number; cancelled: number }> {
    const now = this.calendar.now();
    const today = this.calendar.today();
    const done = { destroyed: 0, records: 0, held: 0, cancelled: 0 };
    for (const item of await this.repo.openItemsOf(subjectId, run.throughOn)) {
      const rule = rules.get(item.ruleId);
      const acted = rule !== undefined && rule.enabled && rule.category === item.category && rule.action !== 'separate';
      if (!acted && item.statutoryHoldId === null) {
        await this.repo.markCancelled(item.id, now);
        done.cancelled += 1;
        continue;
      }
      // Holds are read again here: one placed after the scan still stops the item.
      const heldBy = await this.repo.heldBy(subjectId, item.category);
      if (heldBy.length > 0) {
        await this.repo.markHeld(item.id, heldBy);
        done.held += 1;
        continue;
      }
      const destroyed = await this.fulfilment.destroyRecords(
        subjectId,
        this.dueRecords(item, acted ? rule : undefined),
        (acted ? this.cutoffOf(rule, today) : null) ?? item.cutoff,
        {
          ruleCode: item.ruleCode,
          ruleVersion: rule?.version ?? item.ruleVersion,
          runId: run.id,
          action: item.action,
          statutoryHoldId: item.statutoryHoldId,
        },
        origin,
      );
      await this.repo.markDestroyed(item.id, {
        runId: run.id,
        count: destroyed.rows,
        at: now,
        ruleVersion: rule?.version ?? item.ruleVersion,
      });
      done.destroyed += 1;
      done.records += destroyed.rows;
    }
    return done;
  }

  private dueRecords(item: QueueItemRow, rule: ActedRule | undefined) {
    if (rule !== undefined && isDestructible(rule.category) && rule.action !== 'separate') {
      return {
        category: item.category,
        erasureCategory: RECORD_CATEGORY_SQL[rule.category].erasureCategory,
        statements: sqlOf(rule.category, rule.action).statements,
      };
    }
    // A statute's hold under a rule the console does not scan: only what the hold kept goes.
    return { category: item.category, erasureCategory: item.category as ErasureCategory, statements: [] };
  }

  private async writeCertificate(run: RunRow, rules: Map<string, ActedRule>): Promise<void> {
    const figures = await this.repo.certificateFigures(run.id, run.throughOn);
    const lines: CertificateLine[] = [];
    for (const f of figures) {
      const rule = rules.get(f.ruleId) ?? (await this.repo.rule(f.ruleId));
      if (rule === null) continue;
      lines.push({
        ruleId: rule.id,
        ruleCode: rule.code,
        ruleVersion: f.ruleVersion,
        name: rule.name,
        category: rule.category,
        action: rule.action,
        period: rule.retention.period ?? null,
        trigger: rule.trigger,
        legalBasis: rule.retention.law ?? rule.source,
        approvedBy: rule.approvedBy,
        approvedAt: rule.approvedAt === null ? null : new Date(rule.approvedAt).toISOString(),
        people: f.people,
        records: f.records,
        held: f.held,
      });
    }
    const issuedAt = this.calendar.now();
    await this.repo.insertCertificate({
      runId: run.id,
      year: yearOf(this.calendar.today()),
      issuedAt,
      throughOn: run.throughOn,
      lines,
    });
  }

  // ---- reads --------------------------------------------------------------------------------

  /** Queue items name people by id: the read is recorded. */
  async listQueue(
    ctx: StaffContext,
    filter: { status?: QueueStatus; ruleId?: string; dueBy?: LocalDate },
    page: { offset: number; limit: number },
  ): Promise<{ rows: QueueItemRow[]; total: number }> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Destruction');
    return this.repo.transaction(async () => {
      const result = await this.repo.listItems(filter, page);
      await this.audit.record(
        {
          action: 'view',
          resource: 'destruction-queue',
          outcome: 'success',
          fields: ['subjectId'],
          detail: { count: result.rows.length, filter: { ...filter } },
        },
        ctx.origin,
      );
      return result;
    });
  }

  /**
   * What a run on `on` would destroy, per rule, with why: aggregates only (no one named). The
   * counts are computed for that day's cutoff, so any day can be previewed, not only the scan's.
   */
  async preview(ctx: StaffContext, on: LocalDate | undefined) {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Destruction');
    const day = on ?? addCalendarDays(this.calendar.today(), 1);
    const rules: PreviewRule[] = [];
    for (const rule of await this.repo.actedRules()) {
      if (!rule.enabled || !isDestructible(rule.category) || rule.action === 'separate') continue;
      const cutoff = this.cutoffOf(rule, day);
      if (cutoff === null) continue;
      const { records } = sqlOf(rule.category, rule.action);
      const due = await this.repo.dueFigures(rule, records, cutoff);
      const statutory = await this.repo.statutoryDue(rule.code, day);
      if (due.people === 0 && statutory === 0) continue;
      rules.push({
        ruleId: rule.id,
        code: rule.code,
        name: rule.name,
        category: rule.category,
        action: rule.action,
        period: rule.retention.period ?? null,
        trigger: rule.trigger,
        legalBasis: rule.retention.law ?? rule.source,
        people: due.people,
        records: due.records,
        held: due.held,
        why: whyOf(rule, day, cutoff, this.calendar.timeZone, statutory),
      });
    }
    const sum = (f: 'people' | 'records' | 'held') => rules.reduce((n, r) => n + r[f], 0);
    return { on: day, rules, totals: { people: sum('people'), records: sum('records'), held: sum('held') } };
  }

  async listRuns(ctx: StaffContext, filter: { status?: RunRow['status'] }, page: { offset: number; limit: number }) {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Destruction');
    return this.repo.listRuns(filter, page);
  }

  async getRun(ctx: StaffContext, id: string): Promise<RunRow> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Destruction');
    const run = await this.repo.findRun(id);
    if (run === null) throw Problem.of(DestructionErrorCode.RunNotFound, 'No destruction run has this id');
    return run;
  }

  async listCertificates(ctx: StaffContext, filter: { runId?: string }, page: { offset: number; limit: number }) {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Destruction');
    return this.repo.listCertificates(filter, page);
  }

  async getCertificate(ctx: StaffContext, id: string): Promise<CertificateRow> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Destruction');
    const certificate = await this.repo.findCertificate(id);
    if (certificate === null) {
      throw Problem.of(DestructionErrorCode.CertificateNotFound, 'No destruction certificate has this id');
    }
    return certificate;
  }
}
