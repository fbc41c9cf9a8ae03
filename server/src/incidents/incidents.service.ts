import { Inject, Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AuditService } from '../access-log/audit.service';
import { throwUnlessCan, type Action } from '../authorization/abilities';
import { CalendarService } from '../calendar/calendar.service';
import { parseInstant } from '../calendar/instant';
import { localDateOf, yearOf } from '../calendar/local-date';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import type { StaffContext } from '../context/staff-context';
import { Transactions } from '../database/transactions';
import type {
  AssessmentDto,
  CloseIncidentDto,
  CreateIncidentDto,
  IncidentFilterDto,
  IncidentSortField,
  NotRequiredDto,
  ObligationDoneDto,
  StatusDto,
  TimelineNoteDto,
  UpdateIncidentDto,
} from './dto/incident-requests.dto';
import type { IncidentDetail, IncidentListItem, ObligationView, TaskView } from './dto/incident-response.dto';
import {
  ANOMALY_LINKER,
  INCIDENT_TASK_SOURCE,
  OBLIGATION_ENGINE,
  type AnomalyLinker,
  type IncidentFacts,
  type IncidentTaskSource,
  type ObligationEngine,
} from './incident-ports';
import { MAX_AFFECTED, type ClockView } from './incident-types';
import { incidentNotFound, staleVersion, transitionRefused, unknownLink } from './incident-problems';
import { IncidentsErrorCode } from './incidents.errors';
import { IncidentsRepository, type IncidentFactsRow, type IncidentRow } from './incidents.repository';

const RESOURCE = 'incident';
const FACT_FIELDS = [
  'title',
  'description',
  'detectedAt',
  'awareAt',
  'reporter',
  'vector',
  'systems',
  'processorIds',
  'dataCategories',
  'regimes',
  'affectedEstimated',
  'affectedConfirmed',
  'usLargestStateCount',
  'sensitiveData',
  'uniqueIdentifiers',
  'dataEncrypted',
  'riskLevel',
  'ownerId',
] as const satisfies readonly (keyof IncidentFactsRow)[];

const REVIEW_FIELDS = ['lessonsLearned', 'registerFacts', 'registerEffects', 'registerRemedialAction'] as const;

/**
 * The incident record: facts, the notifications they require (recomputed on every change of
 * facts or of the DPO's assessment, rows never deleted), status and closing, and the append-only
 * timeline. Security runs incidents; only the DPO decides (EU risk, "not required") and notifies.
 * Every route writes an access-log event in the transaction of its read or change.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
    @Inject(OBLIGATION_ENGINE) private readonly engine: ObligationEngine,
    @Inject(INCIDENT_TASK_SOURCE) private readonly taskSource: IncidentTaskSource,
    @Inject(ANOMALY_LINKER) private readonly anomalies: AnomalyLinker,
  ) {}

  // ---- reads -------------------------------------------------------------------------------

  async list(
    ctx: StaffContext,
    params: ListParams<IncidentSortField, IncidentFilterDto>,
  ): Promise<{ rows: IncidentListItem[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'Incident');
    return this.tx.run(async () => {
      const { rows, total } = await this.repo.list(params.filter, params);
      await this.record(ctx, 'view', { filter: { ...params.filter }, total });
      const now = this.calendar.now();
      return { rows: rows.map((r) => this.listItem(r, now)), total };
    });
  }

  async get(ctx: StaffContext, id: string): Promise<IncidentDetail> {
    return this.tx.run(async () => {
      const row = await this.load(ctx, id, 'read');
      await this.record(ctx, 'view', { incidentId: row.id, reference: row.reference });
      return this.detail(ctx, row);
    });
  }

  // ---- changes -----------------------------------------------------------------------------

  async create(ctx: StaffContext, dto: CreateIncidentDto): Promise<IncidentDetail> {
    throwUnlessCan(ctx.ability, 'create', 'Incident');
    const now = this.calendar.now();
    const facts: IncidentFactsRow = {
      title: dto.title,
      description: dto.description ?? null,
      detectedAt: this.instant('detectedAt', dto.detectedAt),
      awareAt: this.instant('awareAt', dto.awareAt),
      reporter: dto.reporter,
      vector: dto.vector,
      systems: dto.systems ?? [],
      processorIds: dto.processorIds ?? [],
      dataCategories: dto.dataCategories ?? [],
      regimes: dto.regimes ?? [],
      affectedEstimated: dto.affectedEstimated,
      affectedConfirmed: dto.affectedConfirmed ?? null,
      usLargestStateCount: dto.usLargestStateCount ?? null,
      sensitiveData: dto.sensitiveData ?? false,
      uniqueIdentifiers: dto.uniqueIdentifiers ?? false,
      dataEncrypted: dto.dataEncrypted ?? false,
      riskLevel: dto.riskLevel,
      ownerId: dto.ownerId ?? null,
    };
    this.checkFacts(facts, now);
    return this.tx.run(async () => {
      await this.checkLinks(facts, null);
      const id = await this.repo.insert({
        ...facts,
        year: yearOf(localDateOf(facts.awareAt, this.calendar.timeZone)),
        createdBy: ctx.id,
        at: now,
      });
      let template: { templateId: string; templateVersionId: string; tasks: number } | null = null;
      if (dto.templateId !== undefined) {
        const made = await this.taskSource.instantiate(dto.templateId, facts.awareAt);
        await this.repo.setTemplateVersion(id, made.templateVersionId);
        for (const t of made.tasks) {
          await this.repo.insertTask(
            id,
            {
              phase: t.phase,
              position: t.position,
              templateKey: t.templateKey,
              dependsOn: t.dependsOn,
              title: t.title,
              description: t.description,
              assigneeId: null,
              dueAt: t.dueAt,
            },
            now,
          );
        }
        template = { templateId: dto.templateId, templateVersionId: made.templateVersionId, tasks: made.tasks.length };
      }
      await this.repo.appendTimeline(
        id,
        'opened',
        {
          vector: facts.vector,
          riskLevel: facts.riskLevel,
          regimes: facts.regimes,
          affectedEstimated: facts.affectedEstimated,
          ...(template === null ? {} : { template }),
        },
        ctx.id,
        now,
      );
      const row = await this.find(id);
      await this.recompute(row, ctx.id, now);
      if (dto.anomaly !== undefined) {
        const linked = await this.anomalies.linkAnomaly(ctx, id, {
          month: dto.anomaly.month,
          actorId: dto.anomaly.actorId,
        });
        await this.repo.appendTimeline(
          id,
          'anomaly_linked',
          { month: dto.anomaly.month, actorId: dto.anomaly.actorId, events: linked },
          ctx.id,
          now,
        );
      }
      await this.record(ctx, 'create', { incidentId: id, reference: row.reference, template });
      return this.detail(ctx, await this.find(id));
    });
  }

  /** A correction of the facts: the obligations are recomputed, and each change is in the timeline. */
  async update(ctx: StaffContext, id: string, dto: UpdateIncidentDto): Promise<IncidentDetail> {
    return this.change(ctx, id, 'update', dto.version, async (row, now) => {
      const next: IncidentFactsRow = { ...factsOf(row) };
      const given = dto as Partial<Record<keyof IncidentFactsRow, unknown>>;
      for (const field of FACT_FIELDS) {
        const value = given[field];
        if (value === undefined) continue;
        if (field === 'detectedAt' || field === 'awareAt') (next[field] as Date) = this.instant(field, value as string);
        else (next as unknown as Record<string, unknown>)[field] = value;
      }
      this.checkFacts(next, now);
      await this.checkLinks(next, row);
      const changes = Object.fromEntries(
        FACT_FIELDS.filter((f) => !sameValue(row[f], next[f])).map((f) => [f, { from: row[f], to: next[f] }]),
      );
      if (Object.keys(changes).length === 0) return { changed: [] };
      await this.repo.updateFacts(row.id, next, now);
      await this.repo.appendTimeline(row.id, 'facts_changed', { changes }, ctx.id, now);
      const obligations = await this.recompute(await this.find(row.id), ctx.id, now);
      return { changed: Object.keys(changes), obligations };
    });
  }

  /** GDPR Art. 33(1)/34(1): the DPO's assessment of the risk, with reasons; the obligations follow. */
  async assess(ctx: StaffContext, id: string, dto: AssessmentDto): Promise<IncidentDetail> {
    return this.change(ctx, id, 'decide', null, async (row, now) => {
      await this.repo.setEuRisk(row.id, dto.euRisk, dto.reasons, now);
      await this.repo.appendTimeline(
        row.id,
        'decision',
        { decision: 'eu_risk', from: row.euRisk, to: dto.euRisk, reasons: dto.reasons },
        ctx.id,
        now,
      );
      const obligations = await this.recompute(await this.find(row.id), ctx.id, now);
      return { euRisk: dto.euRisk, obligations };
    });
  }

  async obligationDone(ctx: StaffContext, id: string, code: string, dto: ObligationDoneDto): Promise<IncidentDetail> {
    return this.change(ctx, id, 'notify', null, async (row, now) => {
      const obligation = await this.pendingObligation(row.id, code);
      const doneAt = dto.doneAt === undefined ? now : this.instant('doneAt', dto.doneAt);
      if (doneAt > now) throw fieldProblem('doneAt', 'A notification cannot be done in the future');
      if (doneAt < row.awareAt) throw fieldProblem('doneAt', 'Before the organisation became aware');
      const late = obligation.dueAt !== null && doneAt > obligation.dueAt;
      if (late && dto.lateReason === undefined) {
        const message = 'Done after its deadline: give the reasons for the delay';
        throw Problem.of(IncidentsErrorCode.LateReasonRequired, message, [
          { field: 'lateReason', code: IncidentsErrorCode.LateReasonRequired, message },
        ]);
      }
      await this.repo.obligationDone(
        row.id,
        code,
        {
          doneAt,
          lateReason: late ? (dto.lateReason ?? null) : null,
          externalReference: dto.externalReference ?? null,
          by: ctx.id,
        },
        now,
      );
      await this.repo.touch(row.id, now);
      const detail = { code, doneAt: doneAt.toISOString(), late, ...(late ? { lateReason: dto.lateReason } : {}) };
      await this.repo.appendTimeline(row.id, 'obligation_done', detail, ctx.id, now);
      return detail;
    });
  }

  async obligationNotRequired(
    ctx: StaffContext,
    id: string,
    code: string,
    dto: NotRequiredDto,
  ): Promise<IncidentDetail> {
    return this.change(ctx, id, 'decide', null, async (row, now) => {
      await this.pendingObligation(row.id, code);
      await this.repo.obligationNotRequired(row.id, code, dto.reasons, ctx.id, now);
      await this.repo.touch(row.id, now);
      const detail = { decision: 'not_required', code, reasons: dto.reasons };
      await this.repo.appendTimeline(row.id, 'decision', detail, ctx.id, now);
      return { code, status: 'not_required' };
    });
  }

  async setStatus(ctx: StaffContext, id: string, dto: StatusDto): Promise<IncidentDetail> {
    return this.change(ctx, id, 'update', dto.version, async (row, now) => {
      if (dto.status === row.status) return { status: row.status };
      await this.repo.setStatus(row.id, dto.status, now);
      await this.repo.appendTimeline(row.id, 'status_changed', { from: row.status, to: dto.status }, ctx.id, now);
      return { from: row.status, to: dto.status };
    });
  }

  /** Closing needs the post-incident review and the GDPR Art. 33(5) register fields, and no pending notification. */
  async close(ctx: StaffContext, id: string, dto: CloseIncidentDto): Promise<IncidentDetail> {
    return this.change(ctx, id, 'close', dto.version, async (row, now) => {
      const missing = REVIEW_FIELDS.filter((f) => (dto[f] ?? '').length < 3);
      if (missing.length > 0) {
        throw Problem.of(
          IncidentsErrorCode.CloseReviewRequired,
          'Closing needs the lessons learned and the breach-register facts, effects and remedial action',
          missing.map((field) => ({
            field,
            code: IncidentsErrorCode.CloseReviewRequired,
            message: 'Required to close (at least 3 characters)',
          })),
        );
      }
      const pending = (await this.repo.obligations(row.id)).filter((o) => o.status === 'pending').map((o) => o.code);
      if (pending.length > 0) {
        throw Problem.of(
          IncidentsErrorCode.ObligationsPending,
          `Notifications still pending: ${pending.join(', ')}. Mark each done or not required first.`,
        ).with({ pending: pending.join(',') });
      }
      await this.repo.close(
        row.id,
        {
          lessonsLearned: dto.lessonsLearned!,
          registerFacts: dto.registerFacts!,
          registerEffects: dto.registerEffects!,
          registerRemedialAction: dto.registerRemedialAction!,
        },
        now,
      );
      await this.repo.appendTimeline(row.id, 'closed', { from: row.status }, ctx.id, now);
      return { from: row.status, to: 'closed' };
    });
  }

  /** A note in the timeline (a correction is a new entry: nothing in it is ever edited). */
  async addNote(ctx: StaffContext, id: string, dto: TimelineNoteDto): Promise<IncidentDetail> {
    return this.change(ctx, id, 'update', null, async (row, now) => {
      await this.repo.appendTimeline(row.id, 'note', { note: dto.note }, ctx.id, now);
      return { note: true };
    });
  }

  /** Any edit of a timeline entry: refused, whoever asks (after the usual 404/403 on the incident). */
  async refuseTimelineEdit(ctx: StaffContext, id: string): Promise<never> {
    await this.tx.run(() => this.load(ctx, id, 'update'));
    throw Problem.of(
      IncidentsErrorCode.TimelineAppendOnly,
      'The incident timeline is append-only: add a new entry to correct one',
    );
  }

  // ---- for the other F8 parts --------------------------------------------------------------

  /** Appends to the timeline in the caller's transaction (the detail names no person). */
  async appendTimeline(
    incidentId: string,
    kind: string,
    detail: Record<string, unknown>,
    actorId: string | null,
  ): Promise<void> {
    await this.repo.appendTimeline(incidentId, kind, detail, actorId, this.calendar.now());
  }

  /** The incident, checked by CASL on the loaded row: 404 when missing (403 first for who may not `action` any). */
  async load(ctx: StaffContext, id: string, action: Action, lock = false): Promise<IncidentRow> {
    const row = await this.repo.find(id, { lock });
    if (row === null) {
      throwUnlessCan(ctx.ability, action, 'Incident');
      throw incidentNotFound();
    }
    throwUnlessCan(ctx.ability, action, asSubject('Incident', { ...row }));
    return row;
  }

  /** Pending notifications of open incidents with their clocks, nearest first (the caller checks the role). */
  async openClocks(): Promise<
    {
      incidentId: string;
      reference: string;
      title: string;
      code: string;
      clock: ClockView;
      escalation: string | null;
    }[]
  > {
    const now = this.calendar.now();
    const rows = await this.repo.openClocks();
    return rows.map(({ dueAt, ...r }) => ({ ...r, clock: this.engine.clockOf(dueAt, now) }));
  }

  /** The clock of a due time now (tasks use it too). */
  clockOf(dueAt: Date | null): ClockView {
    return this.engine.clockOf(dueAt, this.calendar.now());
  }

  /** Writes the route's access-log event (resource `incident`), in the ambient transaction. */
  async record(
    ctx: StaffContext,
    action: 'view' | 'create' | 'edit' | 'download',
    detail: Record<string, unknown>,
    resource = RESOURCE,
  ): Promise<void> {
    await this.audit.record({ action, resource, outcome: 'success', detail }, ctx.origin);
  }

  /** A change on the loaded, locked incident (not closed), with the version check, timeline and access log. */
  change(
    ctx: StaffContext,
    id: string,
    action: Action,
    version: number | null,
    work: (row: IncidentRow, now: Date) => Promise<Record<string, unknown>>,
  ): Promise<IncidentDetail> {
    return this.tx.run(async () => {
      const row = await this.load(ctx, id, action, true);
      if (version !== null && row.version !== version) throw staleVersion(version, row.version);
      if (row.status === 'closed') throw transitionRefused('status', 'A closed incident is not changed');
      const detail = await work(row, this.calendar.now());
      await this.record(ctx, 'edit', { incidentId: row.id, reference: row.reference, action, ...detail });
      return this.detail(ctx, await this.find(row.id));
    });
  }

  // ---- obligations -------------------------------------------------------------------------

  /** Brings incident_obligations in line with the facts; each change is a timeline entry. */
  private async recompute(row: IncidentRow, actorId: string, now: Date): Promise<Record<string, string[]>> {
    const rules = await this.engine.rules();
    const required = this.engine.requiredObligations(engineFacts(row), rules, this.calendar.timeZone);
    const stored = await this.repo.obligations(row.id, { lock: true });
    const plan = this.engine.reconcile(stored, required);
    const dueOf = new Map(stored.map((s) => [s.code, s.dueAt]));
    for (const o of plan.add) {
      await this.repo.addObligation(row.id, o, now);
      await this.repo.appendTimeline(
        row.id,
        'obligation_added',
        { code: o.code, dueAt: o.dueAt?.toISOString() ?? null, grounds: o.grounds },
        actorId,
        now,
      );
    }
    for (const o of plan.reinstate) {
      await this.repo.reviseObligation(row.id, o, now);
      await this.repo.appendTimeline(
        row.id,
        'obligation_added',
        { code: o.code, dueAt: o.dueAt?.toISOString() ?? null, grounds: o.grounds, reinstated: true },
        actorId,
        now,
      );
    }
    for (const o of plan.redate) {
      await this.repo.reviseObligation(row.id, o, now);
      await this.repo.appendTimeline(
        row.id,
        'obligation_redated',
        { code: o.code, from: dueOf.get(o.code)?.toISOString() ?? null, to: o.dueAt?.toISOString() ?? null },
        actorId,
        now,
      );
    }
    for (const code of plan.withdraw) {
      await this.repo.withdrawObligation(row.id, code, now);
      await this.repo.appendTimeline(row.id, 'obligation_withdrawn', { code }, actorId, now);
    }
    const codes = (list: { code: string }[]) => list.map((o) => o.code);
    return {
      added: [...codes(plan.add), ...codes(plan.reinstate)],
      redated: codes(plan.redate),
      withdrawn: plan.withdraw,
    };
  }

  private async pendingObligation(incidentId: string, code: string) {
    const obligation = (await this.repo.obligations(incidentId, { lock: true })).find((o) => o.code === code);
    if (obligation === undefined) {
      throw Problem.of(IncidentsErrorCode.ObligationNotFound, 'The facts do not require this notification');
    }
    if (obligation.status !== 'pending') {
      throw transitionRefused('code', `This notification is ${obligation.status.replace('_', ' ')}, not pending`);
    }
    return obligation;
  }

  // ---- checks ------------------------------------------------------------------------------

  private checkFacts(f: IncidentFactsRow, now: Date): void {
    for (const field of ['affectedEstimated', 'affectedConfirmed', 'usLargestStateCount'] as const) {
      const value = f[field];
      if (value !== null && !(Number.isSafeInteger(value) && value >= 0 && value <= MAX_AFFECTED)) {
        const message = `A whole number of people from 0 to ${MAX_AFFECTED.toLocaleString('en')}`;
        throw Problem.of(IncidentsErrorCode.AffectedCountInvalid, message, [
          { field, code: IncidentsErrorCode.AffectedCountInvalid, message },
        ]);
      }
    }
    if (f.detectedAt > now) throw fieldProblem('detectedAt', 'Detection cannot be in the future');
    if (f.awareAt > now) throw fieldProblem('awareAt', 'Awareness cannot be in the future');
    if (f.awareAt < f.detectedAt) {
      const message = 'The organisation cannot become aware of an incident before it was detected';
      throw Problem.of(IncidentsErrorCode.AwareBeforeDetection, message, [
        { field: 'awareAt', code: IncidentsErrorCode.AwareBeforeDetection, message },
      ]);
    }
  }

  /** Processors and the owner must exist; links left as they were are not checked again. */
  private async checkLinks(next: IncidentFactsRow, current: IncidentRow | null): Promise<void> {
    const newProcessors = [...new Set(next.processorIds)].filter((p) => !(current?.processorIds ?? []).includes(p));
    if (newProcessors.length > 0) {
      const found = new Set(await this.repo.processorsExist(newProcessors));
      if (newProcessors.some((p) => !found.has(p))) throw unknownLink('processorIds', 'No such processor');
    }
    next.processorIds = [...new Set(next.processorIds)];
    if (next.ownerId !== null && next.ownerId !== current?.ownerId) {
      if ((await this.repo.incidentStaff(next.ownerId)) === null) {
        throw unknownLink('ownerId', 'The owner must be an active security officer or DPO');
      }
    }
  }

  private instant(field: string, value: string): Date {
    const at = parseInstant(value);
    if (at === null) throw fieldProblem(field, 'An ISO 8601 date-time with Z or an offset');
    return at;
  }

  private async find(id: string): Promise<IncidentRow> {
    const row = await this.repo.find(id);
    if (row === null) throw incidentNotFound();
    return row;
  }

  // ---- views -------------------------------------------------------------------------------

  private listItem(r: IncidentRow, now: Date): IncidentListItem {
    return {
      id: r.id,
      reference: r.reference,
      title: r.title,
      vector: r.vector,
      status: r.status,
      riskLevel: r.riskLevel,
      owner: r.ownerId === null ? null : { id: r.ownerId, name: r.ownerName ?? '' },
      detectedAt: r.detectedAt.toISOString(),
      awareAt: r.awareAt.toISOString(),
      affectedEstimated: r.affectedEstimated,
      affectedConfirmed: r.affectedConfirmed,
      regimes: r.regimes,
      nearestClock:
        r.nearestCode === null ? null : { code: r.nearestCode, ...this.engine.clockOf(r.nearestDueAt, now) },
      tasks: { open: r.tasksOpen, total: r.tasksTotal },
      version: r.version,
    };
  }

  private async detail(ctx: StaffContext, row: IncidentRow): Promise<IncidentDetail> {
    const now = this.calendar.now();
    const tagged = asSubject('Incident', { ...row });
    const can = (action: Action) => ctx.ability.can(action, tagged);
    const open = row.status !== 'closed';
    // One after another: inside a transaction these share one connection.
    const rules = new Map((await this.engine.rules()).map((r) => [r.code, r]));
    const obligations = await this.repo.obligations(row.id);
    const tasks = await this.repo.tasks(row.id);
    const evidence = await this.repo.evidenceOf(row.id);
    const timeline = await this.repo.timeline(row.id);
    const counts = await this.repo.affectedCounts(row.id);
    const template = row.templateVersionId === null ? null : await this.repo.templateOf(row.templateVersionId);
    const item = withoutTaskCounts(this.listItem(row, now));
    const noClock: ClockView = { dueAt: null, hoursLeft: null, state: null };
    return {
      ...item,
      description: row.description,
      reporter: row.reporter,
      systems: row.systems,
      processorIds: row.processorIds,
      dataCategories: row.dataCategories,
      usLargestStateCount: row.usLargestStateCount,
      sensitiveData: row.sensitiveData,
      uniqueIdentifiers: row.uniqueIdentifiers,
      dataEncrypted: row.dataEncrypted,
      euRisk: row.euRisk,
      euRiskReasons: row.euRiskReasons,
      lessonsLearned: row.lessonsLearned,
      registerFacts: row.registerFacts,
      registerEffects: row.registerEffects,
      registerRemedialAction: row.registerRemedialAction,
      closedAt: row.closedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      // In the rules' order (KR, EU, US; people before regulators), as the screen and the register list them.
      obligations: [...obligations]
        .sort((a, b) => (rules.get(a.code)?.position ?? 999) - (rules.get(b.code)?.position ?? 999))
        .map((o): ObligationView => {
          const rule = rules.get(o.code);
          return {
            code: o.code,
            regime: o.regime,
            recipient: o.recipient,
            label: rule?.label ?? { ko: o.code, en: o.code },
            legalSource: rule?.legalSource ?? { ko: '', en: '' },
            noticeKind: rule?.noticeKind ?? null,
            status: o.status,
            dueAt: o.dueAt?.toISOString() ?? null,
            clock:
              o.status === 'pending'
                ? this.engine.clockOf(o.dueAt, now)
                : { ...noClock, dueAt: o.dueAt?.toISOString() ?? null },
            grounds: o.grounds,
            doneAt: o.doneAt?.toISOString() ?? null,
            late: o.doneAt !== null && o.dueAt !== null && o.doneAt > o.dueAt,
            lateReason: o.lateReason,
            decisionReasons: o.decisionReasons,
            externalReference: o.externalReference,
            escalation: o.escalation,
          };
        }),
      tasks: tasks.map((t): TaskView => ({
        id: t.id,
        phase: t.phase,
        position: t.position,
        templateKey: t.templateKey,
        title: t.title,
        description: t.description,
        dependsOn: t.dependsOn,
        assignee: t.assigneeId === null ? null : { id: t.assigneeId, name: t.assigneeName ?? '' },
        dueAt: t.dueAt?.toISOString() ?? null,
        clock: t.completedAt === null ? this.engine.clockOf(t.dueAt, now) : noClock,
        note: t.note,
        completedAt: t.completedAt?.toISOString() ?? null,
        completedBy: t.completedBy === null ? null : { id: t.completedBy, name: t.completedByName ?? '' },
        evidence: evidence
          .filter((e) => e.taskId === t.id)
          .map((e) => ({
            id: e.id,
            fileName: e.fileName,
            mediaType: e.mediaType,
            sizeBytes: e.sizeBytes,
            uploadedAt: e.uploadedAt.toISOString(),
          })),
        version: t.version,
      })),
      timeline: timeline.map((e) => ({
        id: e.id,
        kind: e.kind,
        detail: e.detail,
        actor: e.actorId === null ? null : { id: e.actorId, name: e.actorName ?? '' },
        at: e.at.toISOString(),
      })),
      affected: { total: counts.total, notified: counts.notified },
      linkedEvents: counts.linkedEvents,
      template,
      can: {
        update: open && can('update'),
        decide: open && can('decide'),
        notify: open && can('notify'),
        close: open && can('close'),
        selectPeople: open && ctx.ability.can('create', 'IncidentSubject'),
      },
    };
  }
}

/** The detail's `tasks` is the checklist itself, not the list's counts. */
function withoutTaskCounts(item: IncidentListItem): Omit<IncidentListItem, 'tasks'> {
  const copy: Partial<IncidentListItem> = { ...item };
  delete copy.tasks;
  return copy as Omit<IncidentListItem, 'tasks'>;
}

const factsOf = (row: IncidentRow): IncidentFactsRow =>
  Object.fromEntries(FACT_FIELDS.map((f) => [f, row[f]])) as unknown as IncidentFactsRow;

const engineFacts = (row: IncidentRow): IncidentFacts => ({
  regimes: row.regimes,
  awareAt: row.awareAt,
  vector: row.vector,
  affectedEstimated: row.affectedEstimated,
  affectedConfirmed: row.affectedConfirmed,
  usLargestStateCount: row.usLargestStateCount,
  sensitiveData: row.sensitiveData,
  uniqueIdentifiers: row.uniqueIdentifiers,
  dataEncrypted: row.dataEncrypted,
  euRisk: row.euRisk,
});

const sameValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b);

const fieldProblem = (field: string, message: string) =>
  Problem.validation([{ field, code: 'INVALID_VALUE', message }], message);
