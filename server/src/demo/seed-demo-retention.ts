import type { INestApplicationContext } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { CalendarService } from '../calendar/calendar.service';
import { exactDaysBefore, hoursAfter } from '../calendar/instant';
import { addCalendarDays, startOfLocalDate, type LocalDate } from '../calendar/local-date';
import type { StaffContext } from '../context/staff-context';
import { Transactions } from '../database/transactions';
import type { JobCounts } from '../jobs/job-definition';
import { JobRunner } from '../jobs/job-runner';
import { JobsService } from '../jobs/jobs.service';
import { DestructionRunJob, DESTRUCTION_RUN_JOB } from '../retention/destruction/jobs/destruction-run.job';
import { RetentionScanJob, RETENTION_SCAN_JOB } from '../retention/destruction/jobs/retention-scan.job';
import { DORMANCY_NOTICES_JOB, DormancyNoticesJob } from '../retention/dormancy/dormancy-notices.job';
import { DORMANCY_SEPARATION_JOB, DormancySeparationJob } from '../retention/dormancy/dormancy-separation.job';
import { shiftByPeriod } from '../calendar/period';
import { LegalHoldsService } from '../retention/holds/legal-holds.service';
import { RetentionRulesService } from '../retention/rules/retention-rules.service';
import { StaffService } from '../staff/staff.service';
import { SubjectNamesService } from '../subjects/subject-names.service';
import { SubjectsService } from '../subjects/subjects.service';
import { demoContext } from './demo-context';
import { DEMO_PEOPLE } from './demo-people';

/** What the retention demo left, for the start message. */
export interface DemoRetention {
  seeded: boolean;
  /** The completed destruction run's certificate: its reference, records destroyed, rules acted on, items held. */
  certificate: { reference: string; records: number; rules: number; held: number } | null;
  holds: number;
  /** Open queue items over the next 7 days, and how many of them a hold stops. */
  queued: { items: number; held: number };
  dormancy: { dueForNotice: number; notified: number; separated: number; reactivated: number };
}

type Who = 'dpo' | 'support' | 'security';

/** How long the seed waits for one job run it started (the destruction run of the backlog is the longest). */
const JOB_WAIT_MINUTES = 20;
const POLL_MS = 100;

/**
 * F9's screens with something on them, made the way the console makes them: the demo people's
 * records are aged so that some fall due over the next week (payments of five years ago, device
 * logs of three months ago, counseling results that ended three years ago) and some accounts have
 * been unused for about a year; then the DPO places a legal hold from the booking-server incident
 * on a few people, starts the retention scan and the destruction run from the Jobs screen (the run
 * destroys what the demo data already held past its period, and writes its certificate), places a
 * litigation hold on payments and scans again; the dormancy notices and separation jobs run, and
 * support reactivates one separated account after an identity check. Raw SQL only ages the data
 * (the demo generator's dates are recent); everything else goes through the services and jobs.
 * Only when no run, hold or dormancy case exists yet.
 */
export async function ensureDemoRetention(app: INestApplicationContext): Promise<DemoRetention> {
  const none: DemoRetention = {
    seeded: false,
    certificate: null,
    holds: 0,
    queued: { items: 0, held: 0 },
    dormancy: { dueForNotice: 0, notified: 0, separated: 0, reactivated: 0 },
  };
  if (!(await needsDemoRetention(app))) return none;
  const staff = app.get(StaffService);
  const as: Partial<Record<Who, StaffContext | null>> = {};
  for (const role of ['dpo', 'support', 'security'] as const) as[role] = await demoContext(staff, role);
  if (!as.dpo || !as.support || !as.security) return none;
  const seed = new RetentionSeed(app, as as Record<Who, StaffContext>);
  const people = await seed.candidates();
  if (people.length < CANDIDATES_NEEDED) return none;
  return seed.run(people);
}

/** No destruction run, legal hold or dormancy case yet: a first start, or a demo database from before F9. */
export async function needsDemoRetention(app: INestApplicationContext): Promise<boolean> {
  const [{ any }]: { any: boolean }[] = await app.get(Transactions).manager.query(
    `SELECT EXISTS (SELECT 1 FROM destruction_runs) OR EXISTS (SELECT 1 FROM legal_holds)
         OR EXISTS (SELECT 1 FROM dormancy_cases) AS "any"`,
  );
  return !any;
}

/** People the aging below needs, in slices (see RetentionSeed.run). */
const SLICES = { payments: 14, visitLogs: 7, noticeSent: 4, noticeDue: 2, separated: 2 } as const;
const CANDIDATES_NEEDED = Object.values(SLICES).reduce((a, b) => a + b, 0);

class RetentionSeed {
  private readonly tx: Transactions;
  private readonly calendar: CalendarService;
  private readonly today: LocalDate;
  private readonly timeZone: string;

  constructor(
    private readonly app: INestApplicationContext,
    private readonly as: Record<Who, StaffContext>,
  ) {
    this.tx = app.get(Transactions);
    this.calendar = app.get(CalendarService);
    this.today = this.calendar.today();
    this.timeZone = this.calendar.timeZone;
  }

  /**
   * Adults with an ordinary active account and a device, by id (the generator's ids follow its
   * seed, so the same people every time), leaving out the well-known demo people: their stories
   * (requests, complaints, the README's walk-through) stay as they are.
   */
  async candidates(): Promise<string[]> {
    const names = this.app.get(SubjectNamesService);
    const known: string[] = [];
    for (const p of DEMO_PEOPLE) {
      const id = (await names.pick(p.phone, false, 1)).rows[0]?.id;
      if (id !== undefined) known.push(id);
    }
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT s.id FROM subjects s
       WHERE s.kind IN ('client', 'guardian') AND s.status = 'active' AND s.separated_at IS NULL
         AND s.erased_at IS NULL AND s.withdrawal_requested_at IS NULL AND s.processing_restricted_at IS NULL
         AND s.email_cipher IS NOT NULL AND NOT (s.id = ANY($1::uuid[]))
         AND EXISTS (SELECT 1 FROM subject_devices d WHERE d.subject_id = s.id)
       ORDER BY s.id LIMIT $2`,
      [known, CANDIDATES_NEEDED],
    );
    return rows.map((r) => r.id);
  }

  async run(people: string[]): Promise<DemoRetention> {
    const slice = (() => {
      let at = 0;
      return (n: number) => people.slice(at, (at += n));
    })();
    const payers = slice(SLICES.payments);
    const visitors = slice(SLICES.visitLogs);
    const noticeSent = slice(SLICES.noticeSent);
    const noticeDue = slice(SLICES.noticeDue);
    const separated = slice(SLICES.separated);

    // ---- the DPO approves the rules the console acts on (the certificate names who did) ----
    await this.approveRules();

    // ---- aging (the generator's dates are recent) ----
    const periods = await this.periods();
    // Payments: two fell due before today (the run destroys them), two each day of the next six.
    const paymentDays = [-3, -1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6];
    if (periods.payments) await this.oldPayments(payers, paymentDays, periods.payments);
    // Device and visit logs: one a day over the next six days, and one due before today (held).
    const visitDays = [-1, 1, 2, 3, 4, 5, 6];
    if (periods.visit_logs) await this.oldDevices(visitors, visitDays, periods.visit_logs);
    if (periods.counseling_results) await this.endedCounseling([1, 2, 3, 4, 5, 6], periods.counseling_results);
    const dormancy = await this.app.get(RetentionRulesService).dormancyRule();
    if (dormancy) {
      // Notice due 1–4 days ago (sent by the job now), in 3 and 5 days (cases opened, notice to come),
      // and ~13 months unused (notified, then separated below).
      await this.lastUsed(noticeSent, [-1, -2, -3, -4], dormancy);
      await this.lastUsed(noticeDue, [3, 5], dormancy);
      await this.lastUsed(separated, [-35, -40], dormancy);
    }

    // ---- holds and destruction ----
    const holds = this.app.get(LegalHoldsService);
    const incident = await this.bookingServerIncident();
    if (incident !== null) {
      // The people whose device logs fall due before the investigation ends (one already due).
      await holds.create(this.as.dpo, {
        source: 'incident',
        incidentId: incident,
        reason:
          '예약 서버 침입 조사(포렌식) 중: 침입 시간대에 접속한 계정 3개의 접속기록과 기기 정보를 조사가 끝날 때까지 보존. ' +
          '조사 결과가 나오면 보안 담당자가 해제 여부를 검토함.',
        ownerId: this.as.security.id,
        reviewOn: this.today,
        subjectIds: [visitors[0], visitors[1], visitors[3]],
      });
    }
    await this.job(RETENTION_SCAN_JOB);
    await this.job(DESTRUCTION_RUN_JOB);
    // The vendor breach's clients sue; every payment record is kept until the case ends.
    await holds.create(this.as.dpo, {
      source: 'litigation',
      sourceReference: '서울중앙지방법원 2026가합51234',
      reason:
        '결제 대행사 정보 유출에 따른 손해배상 청구 소송(원고 42명). 결제 내역이 증거로 쓰일 수 있어 ' +
        '판결 확정 시까지 모든 결제 기록의 파기를 중지함.',
      ownerId: this.as.dpo.id,
      reviewOn: addCalendarDays(this.today, 90),
      categories: ['payments'],
    });
    await this.job(RETENTION_SCAN_JOB);

    // ---- dormancy ----
    await this.job(DORMANCY_NOTICES_JOB);
    if (dormancy) {
      // Their notice went out the notice period ago (30 days): they are separated on the day it ends.
      const notifiedOn = shiftByPeriod(this.today, dormancy.noticePeriod, -1)!;
      await this.tx.manager.query(
        `UPDATE dormancy_cases SET notified_at = $2, separation_due_on = $3, updated_at = $2
         WHERE subject_id = ANY($1::uuid[]) AND state = 'notified'`,
        [separated, hoursAfter(startOfLocalDate(notifiedOn, this.timeZone), 9), this.today],
      );
    }
    await this.job(DORMANCY_SEPARATION_JOB);
    await this.reactivate(separated[0]);

    return { seeded: true, ...(await this.figures()) };
  }

  /** Each rule with a category, saved unchanged by the DPO with the review as its reason: version 2. */
  private async approveRules(): Promise<void> {
    const rules = this.app.get(RetentionRulesService);
    for (const rule of await rules.all()) {
      if (!rule.enabled || rule.category === null) continue;
      await rules.update(this.as.dpo, rule.id, {
        version: rule.version,
        reason:
          '시행 전 검토: 보존 기간, 기산 시점, 법적 근거와 파기 방법을 처리방침(마음주의·셸비)과 관련 법령에 맞춰 확인하고 승인함.',
      });
    }
  }

  // ---- aging -------------------------------------------------------------------------------

  /** The periods of the rules acted on, by category (the seeded ones unless the DPO changed them). */
  private async periods(): Promise<Partial<Record<string, string>>> {
    const rules = await this.app.get(RetentionRulesService).all();
    return Object.fromEntries(
      rules.flatMap((r) => (r.enabled && r.category && r.retention.period ? [[r.category, r.retention.period]] : [])),
    );
  }

  /**
   * A time in the middle of the day before `on`'s cutoff under `period`: a record triggered then is
   * due on `on` (day `offset` from today), and not before.
   */
  private dueOn(offset: number, period: string): Date {
    const on = addCalendarDays(this.today, offset);
    return hoursAfter(startOfLocalDate(shiftByPeriod(on, period, -1)!, this.timeZone), -10);
  }

  /** One more payment each, from about five years ago (no booking: a package bought then); joined before it. */
  private async oldPayments(people: string[], days: number[], period: string): Promise<void> {
    for (const [i, id] of people.entries()) {
      const paidAt = this.dueOn(days[i], period);
      await this.tx.manager.query(
        `INSERT INTO subject_payments (subject_id, amount, currency, method, gateway, card_mask, status, paid_at)
         SELECT s.id, CASE WHEN s.locale = 'en' THEN 120.00 ELSE 90000 + 10000 * $3::int END,
           CASE WHEN s.locale = 'en' THEN 'USD' ELSE 'KRW' END, 'card',
           CASE WHEN s.locale = 'en' THEN 'stripe' ELSE 'tosspayments' END, $4, 'paid', $2
         FROM subjects s WHERE s.id = $1`,
        [id, paidAt, i % 5, `**** ${String(4021 + 37 * i).slice(-4)}`],
      );
      await this.tx.manager.query(`UPDATE subjects SET created_at = least(created_at, $2) WHERE id = $1`, [
        id,
        exactDaysBefore(paidAt, 20),
      ]);
    }
  }

  /** Each person's oldest device, last seen about three months ago. */
  private async oldDevices(people: string[], days: number[], period: string): Promise<void> {
    for (const [i, id] of people.entries()) {
      const seenAt = this.dueOn(days[i], period);
      await this.tx.manager.query(
        `UPDATE subject_devices SET last_seen_at = $2, first_seen_at = least(first_seen_at, $2)
         WHERE id = (SELECT id FROM subject_devices WHERE subject_id = $1 ORDER BY last_seen_at, id LIMIT 1)`,
        [id, seenAt],
      );
    }
  }

  /**
   * Counseling that ended about three years ago: results ending a few weeks after the period's
   * horizon are moved back (with their session) so that one falls due on each of `days`.
   */
  private async endedCounseling(days: number[], period: string): Promise<void> {
    const horizon = this.dueOn(8, period);
    const rows: { id: string; at: Date }[] = await this.tx.manager.query(
      `SELECT id, coalesce(counseling_ended_at, session_at) AS at FROM subject_counseling_records
       WHERE kind = 'result' AND coalesce(counseling_ended_at, session_at) BETWEEN $1 AND $2
       ORDER BY id LIMIT $3`,
      [horizon, hoursAfter(horizon, 24 * 120), days.length],
    );
    for (const [i, row] of rows.entries()) {
      const endedAt = this.dueOn(days[i], period);
      await this.tx.manager.query(
        `UPDATE subject_counseling_records
         SET session_at = session_at - ($2::timestamptz - $3::timestamptz),
             counseling_ended_at = $2
         WHERE id = $1`,
        [row.id, endedAt, row.at],
      );
    }
  }

  /**
   * Last used so that the dormancy notice is due `offset` days from today (negative: already due);
   * their devices were last seen then too.
   */
  private async lastUsed(
    people: string[],
    offsets: number[],
    rule: { period: string; noticePeriod: string },
  ): Promise<void> {
    for (const [i, id] of people.entries()) {
      const notice = addCalendarDays(this.today, offsets[i]);
      const lastUse = shiftByPeriod(shiftByPeriod(notice, rule.noticePeriod, 1)!, rule.period, -1)!;
      const at = hoursAfter(startOfLocalDate(lastUse, this.timeZone), 14);
      await this.tx.manager.query(
        `UPDATE subjects SET last_active_at = $2, created_at = least(created_at, $3) WHERE id = $1`,
        [id, at, exactDaysBefore(at, 200)],
      );
      await this.tx.manager.query(
        `UPDATE subject_devices SET last_seen_at = least(last_seen_at, $2), first_seen_at = least(first_seen_at, $2)
         WHERE subject_id = $1`,
        [id, at],
      );
    }
  }

  // ---- steps -------------------------------------------------------------------------------

  /** The open booking-server hack (the demo incidents' first-aware running case). */
  private async bookingServerIncident(): Promise<string | null> {
    const rows: { id: string }[] = await this.tx.manager.query(
      `SELECT id FROM incidents WHERE vector = 'outside_hacking' AND closed_at IS NULL ORDER BY aware_at DESC LIMIT 1`,
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The DPO starts the job from the Jobs screen, and the seed waits for the run to end (it shows
   * there with its counts); without the job queue (JOBS_ENABLED=false) the job runs in-process.
   */
  private async job(name: string): Promise<JobCounts> {
    if (!this.app.get(JobRunner).isRunning) return this.direct(name);
    const { queuedJobId } = await this.app.get(JobsService).startNow(this.as.dpo, name);
    for (let polls = 0; ; polls++) {
      const [run]: { outcome: string; counts: JobCounts | null; error: string | null }[] = await this.tx.manager.query(
        `SELECT outcome, counts, error FROM job_runs WHERE boss_job_id = $1`,
        [queuedJobId],
      );
      // Done when pg-boss has completed the job too: the next start of the same (singleton) queue
      // then finds no active job, instead of colliding with it in PostgreSQL's log.
      if (run !== undefined && run.outcome === 'succeeded') {
        if (await this.bossCompleted(queuedJobId)) return run.counts ?? {};
      } else if (run !== undefined && run.outcome !== 'running') {
        throw new Error(`${name}: ${run.error ?? run.outcome}`);
      }
      if (polls > (JOB_WAIT_MINUTES * 60_000) / POLL_MS)
        throw new Error(`${name} did not finish within ${JOB_WAIT_MINUTES} minutes`);
      await sleep(POLL_MS);
    }
  }

  private async bossCompleted(jobId: string): Promise<boolean> {
    const rows: { state: string }[] = await this.tx.manager.query(`SELECT state::text FROM pgboss.job WHERE id = $1`, [
      jobId,
    ]);
    return rows[0]?.state === 'completed';
  }

  private direct(name: string): Promise<JobCounts> {
    switch (name) {
      case RETENTION_SCAN_JOB:
        return this.app.get(RetentionScanJob).run();
      case DESTRUCTION_RUN_JOB:
        return this.app.get(DestructionRunJob).run();
      case DORMANCY_NOTICES_JOB:
        return this.app.get(DormancyNoticesJob).run();
      default:
        return this.app.get(DormancySeparationJob).run();
    }
  }

  /** The person calls support: identity checked by a code to their phone, the account comes back. */
  private async reactivate(subjectId: string): Promise<void> {
    const subjects = this.app.get(SubjectsService);
    const check = await subjects.recordIdentityCheck(this.as.support, subjectId, {
      method: 'phone_otp',
      evidenceRef: 'DEMO-REACTIVATE-0001',
    });
    await subjects.accountAction(this.as.support, subjectId, 'reactivate', {
      identityCheckId: check.id,
      reason: '휴면 계정 복원 요청(고객센터 전화), 본인 확인 후 복원',
    });
  }

  /** The figures of the start message: the certificate, the holds, the week's queue, the pipeline. */
  private async figures(): Promise<Omit<DemoRetention, 'seeded'>> {
    const [certificate]: { reference: string; records: number; rules: number; held: number }[] =
      await this.tx.manager.query(
        `SELECT reference, records, jsonb_array_length(lines) AS rules, held FROM destruction_certificates
         ORDER BY issued_at DESC LIMIT 1`,
      );
    const [holds]: { n: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS n FROM legal_holds WHERE status = 'active'`,
    );
    const [queued]: { items: number; held: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS items, count(*) FILTER (WHERE status = 'held')::int AS held FROM destruction_queue
       WHERE status IN ('pending', 'held') AND due_on < $1::date`,
      [addCalendarDays(this.today, 7)],
    );
    const states: { state: string; n: number }[] = await this.tx.manager.query(
      `SELECT state, count(*)::int AS n FROM dormancy_cases GROUP BY state`,
    );
    const of = (state: string) => states.find((s) => s.state === state)?.n ?? 0;
    return {
      certificate: certificate ?? null,
      holds: holds.n,
      queued,
      dormancy: {
        dueForNotice: of('due_for_notice'),
        notified: of('notified'),
        separated: of('separated'),
        reactivated: of('reactivated'),
      },
    };
  }
}
