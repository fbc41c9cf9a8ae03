import { Injectable, Logger } from '@nestjs/common';
import { throwUnlessCan } from '../../authorization/abilities';
import { AuditService } from '../../access-log/audit.service';
import type { EventOrigin } from '../../access-log/audit-event';
import { CalendarService } from '../../calendar/calendar.service';
import { addCalendarDays, startOfLocalDate, yearOf, type LocalDate } from '../../calendar/local-date';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import type { JobCounts, JobRunContext } from '../../jobs/job-definition';
import { SubjectFulfilmentService } from '../../subjects/fulfilment/subject-fulfilment.service';
import { shiftByPeriod } from '../../calendar/period';
import type { DueDestruction, ErasureCategory } from '../../subjects/fulfilment/fulfilment-types';
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
/**
 * People per transaction of the run. Each person goes under a savepoint of their own, so a batch
 * commits whole people only; a bigger batch saves commits but holds its locks longer.
 */
const PEOPLE_PER_TRANSACTION = 200;

interface BatchCounts {
  people: number;
  destroyed: number;
  records: number;
  held: number;
  cancelled: number;
  failed: number;
}

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
 * rule's period has run out for, set-based; the run destroys it in batches of people through the
 * subjects' erasure path, no person ever half-destroyed, honouring legal holds; every run ends in
 * one certificate that names no one.
 */
@Injectable()
export class DestructionService {
  /** A test's stand-in for a kill: called after each batch's transaction commits. */
  afterBatch: ((subjectIds: readonly string[]) => Promise<void>) | null = null;
  /** People per transaction (tests lower it to see batches). */
  peoplePerTransaction = PEOPLE_PER_TRANSACTION;
  private readonly logger = new Logger(DestructionService.name);

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
   * Creates or resumes the one running run and destroys the due, not-held items, a batch of people
   * per transaction and each person under a savepoint: a person whose destruction fails is rolled
   * back alone, counted `failed`, and stays in the queue for the next run; the others go on. A run
   * killed midway is found 'running' by the next attempt, which carries on from the people still
   * open; the certificate is written once from what the run's items destroyed.
   */
  async run(job: Pick<JobRunContext, 'runId' | 'startedBy'> | null = null): Promise<JobCounts> {
    const run = await this.openRun(job);
    const origin: EventOrigin = { actorRole: 'system', requestId: `retention-destruction:${run.id}` };
    const rules = new Map((await this.repo.actedRules()).map((r) => [r.id, r]));
    const counts: BatchCounts = { people: 0, destroyed: 0, records: 0, held: 0, cancelled: 0, failed: 0 };
    let after: string | null = null;
    for (;;) {
      const people = await this.repo.nextPeople(run.throughOn, after, this.peoplePerTransaction);
      if (people.length === 0) break;
      const done = await this.repo.transaction(() => this.destroyBatch(people, run, rules, origin));
      for (const key of Object.keys(counts) as (keyof BatchCounts)[]) counts[key] += done[key];
      if (this.afterBatch) await this.afterBatch(people);
      // A failed person stays open but behind `after`: this run does not retry them forever.
      after = people[people.length - 1];
    }
    await this.repo.transaction(async () => {
      await this.writeCertificate(run, rules);
      await this.repo.completeRun(run.id, this.calendar.now());
    });
    return { ...counts };
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

  /**
   * One batch of people, one transaction: their items read and locked with the holds that stop
   * them now (one statement), the rest destroyed through the erasure path (set-based, a savepoint
   * per person when one fails), and the destroyed items marked in one statement.
   */
  private async destroyBatch(
    people: readonly string[],
    run: RunRow,
    rules: Map<string, ActedRule>,
    origin: EventOrigin,
  ): Promise<BatchCounts> {
    const now = this.calendar.now();
    const today = this.calendar.today();
    const done: BatchCounts = { people: 0, destroyed: 0, records: 0, held: 0, cancelled: 0, failed: 0 };
    const cancelled: string[] = [];
    const due = new Map<string, { item: QueueItemRow; ruleVersion: number; destruction: DueDestruction }[]>();
    for (const item of await this.repo.openItemsOfPeople(people, run.throughOn)) {
      const rule = rules.get(item.ruleId);
      const acted = rule !== undefined && rule.enabled && rule.category === item.category && rule.action !== 'separate';
      if (!acted && item.statutoryHoldId === null) {
        cancelled.push(item.id);
        continue;
      }
      if (item.heldNow.length > 0) {
        await this.repo.markHeld(item.id, item.heldNow);
        done.held += 1;
        continue;
      }
      const ruleVersion = rule?.version ?? item.ruleVersion;
      const list = due.get(item.subjectId) ?? [];
      list.push({
        item,
        ruleVersion,
        destruction: {
          records: this.dueRecords(item, acted ? rule : undefined),
          cutoff: (acted ? this.cutoffOf(rule, today) : null) ?? item.cutoff,
          retention: {
            ruleCode: item.ruleCode,
            ruleVersion,
            runId: run.id,
            action: item.action,
            statutoryHoldId: item.statutoryHoldId,
          },
        },
      });
      due.set(item.subjectId, list);
    }
    await this.repo.markCancelledMany(cancelled, now);
    done.cancelled += cancelled.length;
    const results = await this.fulfilment.destroyRecordsBatch(
      [...due].map(([subjectId, list]) => ({ subjectId, items: list.map((d) => d.destruction) })),
      origin,
    );
    const destroyed: { id: string; count: number; ruleVersion: number }[] = [];
    for (const result of results) {
      if (!result.ok) {
        done.failed += 1;
        // The person's id and the error's message only: no record content reaches the log.
        const message = result.error instanceof Error ? result.error.message : String(result.error);
        this.logger.warn(
          `Run ${run.id}: subject ${result.subjectId} rolled back and left for the next run: ${message}`,
        );
        continue;
      }
      const list = due.get(result.subjectId) ?? [];
      list.forEach((d, i) =>
        destroyed.push({ id: d.item.id, count: result.items[i].rows, ruleVersion: d.ruleVersion }),
      );
      done.people += list.length > 0 ? 1 : 0;
      done.destroyed += list.length;
      done.records += result.items.reduce((n, r) => n + r.rows, 0);
    }
    await this.repo.markDestroyedMany(destroyed, run.id, now);
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
    throwUnlessCan(ctx.ability, 'read', 'Destruction');
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
    throwUnlessCan(ctx.ability, 'read', 'Destruction');
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
    throwUnlessCan(ctx.ability, 'read', 'Destruction');
    return this.repo.listRuns(filter, page);
  }

  async getRun(ctx: StaffContext, id: string): Promise<RunRow> {
    throwUnlessCan(ctx.ability, 'read', 'Destruction');
    const run = await this.repo.findRun(id);
    if (run === null) throw Problem.of(DestructionErrorCode.RunNotFound, 'No destruction run has this id');
    return run;
  }

  async listCertificates(ctx: StaffContext, filter: { runId?: string }, page: { offset: number; limit: number }) {
    throwUnlessCan(ctx.ability, 'read', 'Destruction');
    return this.repo.listCertificates(filter, page);
  }

  async getCertificate(ctx: StaffContext, id: string): Promise<CertificateRow> {
    throwUnlessCan(ctx.ability, 'read', 'Destruction');
    const certificate = await this.repo.findCertificate(id);
    if (certificate === null) {
      throw Problem.of(DestructionErrorCode.CertificateNotFound, 'No destruction certificate has this id');
    }
    return certificate;
  }
}
