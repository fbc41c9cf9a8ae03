import { Injectable, OnModuleInit } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { createHash, randomUUID } from 'node:crypto';
import { AuditService } from '../access-log/audit.service';
import { throwUnlessCan, type Action } from '../authorization/abilities';
import type { BusinessCalendar } from '../calendar/business-calendar';
import { hasFreshStepUp, stepUpRequired } from '../auth/step-up.guard';
import { CalendarService } from '../calendar/calendar.service';
import { msBetween, parseInstant } from '../calendar/instant';
import type { Jurisdiction } from '../calendar/jurisdictions';
import { addCalendarYears, calendarDaysBetween, localDateOf, wholeYearsBetween, yearOf } from '../calendar/local-date';
import type { ListParams } from '../common/list-query';
import { MasterKey } from '../common/master-key';
import { Problem } from '../common/problem';
import { SecretBox } from '../common/secret-box';
import { AppConfig } from '../config/app-config';
import type { StaffContext } from '../context/staff-context';
import { StaffService } from '../staff/staff.service';
import { REGISTER_CATEGORIES_OF } from '../subjects/fulfilment/subject-fulfilment.service';
import {
  personSubject,
  SubjectsService,
  type RequestParty,
  type WithdrawalListener,
} from '../subjects/subjects.service';
import type {
  AssignDto,
  CompleteDto,
  CreateRightsRequestDto,
  ExtendDto,
  PrepareDto,
  REQUEST_SORT_FIELDS,
  RejectDto,
  RightsRequestFilterDto,
  UpdateTaskDto,
  VerifyRequestDto,
} from './dto/rights-request.dto';
import { letterKindOf, type LetterKind, type RequestLetterView } from './letters/letter-data';
import { RequestLettersService } from './letters/request-letters.service';
import { RequestFulfilment } from './request-fulfilment';
import {
  calendarSpans,
  clocksFor,
  extensionRefusal,
  governingDueOn,
  type Regime,
  type RequestClock,
  type RequestExtension,
} from './deadlines/request-deadlines';
import {
  CLOSED_STATUSES,
  PIPA_REFUSAL_REASONS,
  FOUR_EYES_TYPES,
  type RequestAction,
  type RequestStatus,
  type RequestType,
  type Verification,
} from './rights-request-types';
import { RightsRequestsErrorCode } from './rights-requests.errors';
import {
  RightsRequestsRepository,
  type DocumentRow,
  type EventRow,
  type RequestChange,
  type RequestRow,
  type TaskRow,
} from './rights-requests.repository';

/** How far back a request's receipt may be dated (a letter or call taken in late), in years. */
const RECEIVED_AT_MAX_YEARS_BACK = 1;
/** Under this age on the request date a legal representative may ask for the child (PIPA Art. 22-2, 38). */
const LEGAL_REPRESENTATIVE_UNDER = 14;
const OPEN_STATUSES: RequestStatus[] = ['received', 'verifying_identity', 'in_progress', 'awaiting_approval'];

export type DeadlineState = 'on_time' | 'at_risk' | 'overdue';

export interface RequestListRow {
  id: string;
  reference: string;
  type: RequestType;
  channel: string;
  relation: string;
  status: RequestStatus;
  extended: boolean;
  subject: { id: string; name: string | null; kind: string | null };
  assignee: { id: string; name: string | null } | null;
  receivedAt: Date;
  dueOn: string;
  /** Null once the request is closed: no clock runs any more. */
  daysLeft: number | null;
  deadlineState: DeadlineState | null;
  regimes: string[];
}

/** One transition: where it may start, which ability it needs on the row, and what it changes. */
interface Step {
  action: RequestAction;
  ability: Action;
  from: readonly RequestStatus[];
  run: (
    row: RequestRow,
    now: Date,
  ) => Promise<{ to?: RequestStatus; change?: RequestChange; detail?: Record<string, unknown> }>;
  /** Work on the saved row, in the same transaction (the letter the transition sends). */
  after?: (before: RequestRow, saved: RequestRow, now: Date) => Promise<void>;
}

/**
 * Rights requests (REQUIREMENTS A): intake on the requester's behalf, identity verification before
 * any work, four eyes on erasures and exports, fulfilment on the subject data in the same
 * transaction as its events, fan-out to the registers' recipients, and the deadline clocks. Each
 * transition is its own route with its own fields; a refused one changes nothing.
 */
@Injectable()
export class RightsRequestsService implements OnModuleInit {
  private readonly box: SecretBox;

  constructor(
    private readonly repo: RightsRequestsRepository,
    private readonly subjects: SubjectsService,
    private readonly staff: StaffService,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly fulfilment: RequestFulfilment,
    private readonly letters: RequestLettersService,
    masterKey: MasterKey,
  ) {
    this.box = new SecretBox(masterKey.key, 'rights-request-documents');
  }

  onModuleInit(): void {
    this.subjects.onWithdrawal(this.openWithdrawal);
  }

  // ---- intake ------------------------------------------------------------------------------

  async create(ctx: StaffContext, dto: CreateRightsRequestDto) {
    throwUnlessCan(ctx.ability, 'create', 'RightsRequest');
    const parties = await this.subjects.requestParties(
      dto.requesterSubjectId === undefined ? [dto.subjectId] : [dto.subjectId, dto.requesterSubjectId],
    );
    const subject = parties.find((p) => p.id === dto.subjectId);
    if (subject === undefined) throw fieldProblem('subjectId', 'NOT_FOUND', 'No person has this id');
    const now = this.calendar.now();
    const receivedAt = this.receivedAtOf(dto.receivedAt, now);
    // The request date is the day it was received, whenever it was typed in.
    const today = localDateOf(receivedAt, this.calendar.timeZone);
    if (dto.relation === 'legal_representative') {
      const age = subject.birthDate === null ? null : wholeYearsBetween(subject.birthDate, today);
      if (age === null || age >= LEGAL_REPRESENTATIVE_UNDER) {
        throw Problem.of(
          RightsRequestsErrorCode.LegalRepresentativeNotAllowed,
          `A legal representative may ask only for a child under ${LEGAL_REPRESENTATIVE_UNDER} on the request date`,
          [
            {
              field: 'relation',
              code: RightsRequestsErrorCode.LegalRepresentativeNotAllowed,
              message:
                age === null
                  ? 'The person has no birth date on record, so being under 14 cannot be shown'
                  : `The person is ${age} on ${today}: they ask themselves, or through an authorised agent`,
            },
          ],
        );
      }
      const guardian = parties.find((p) => p.id === dto.requesterSubjectId);
      if (guardian === undefined || subject.guardianId !== guardian.id) {
        throw fieldProblem('requesterSubjectId', 'NOT_THE_GUARDIAN', 'Not the guardian on record for this child');
      }
    }
    if (dto.relation !== 'legal_representative' && dto.requesterSubjectId !== undefined) {
      throw fieldProblem(
        'requesterSubjectId',
        'ONLY_FOR_LEGAL_REPRESENTATIVE',
        'Only a legal representative is another person on record',
      );
    }
    const details = { ...(dto.details ?? {}) };
    requireDetailsFor(dto.type, details);
    let assigneeId: string | null = dto.assigneeId ?? null;
    if (assigneeId !== null) {
      throwUnlessCan(ctx.ability, 'assign', 'RightsRequest');
      await this.checkAssignee(assigneeId);
    } else if (ctx.ability.cannot('assign', 'RightsRequest')) {
      // Support works on the requests assigned to them: what they take in is theirs.
      assigneeId = ctx.id;
    }
    const existing = await this.repo.findOpen(dto.subjectId, dto.type);
    if (existing !== null) throw duplicate(existing.id);

    const regimes = dto.regimes ?? (['KR-PIPA'] as Regime[]);
    const id = await this.repo
      .transaction(async () => {
        const reference = await this.repo.nextReference(yearOf(localDateOf(now, this.calendar.timeZone)));
        const dueOn = await this.dueOnOf({
          regimes,
          receivedAt,
          type: dto.type,
          extensions: [],
          acknowledgedAt: null,
          closedAt: null,
        });
        const newId = await this.repo.insert({
          reference,
          subjectId: subject.id,
          service: subject.service,
          type: dto.type,
          channel: dto.channel,
          relation: dto.relation,
          requesterSubjectId: dto.requesterSubjectId ?? null,
          representationEvidence: dto.representationEvidence ?? null,
          regimes,
          locale: dto.locale ?? (subject.locale === 'en' ? 'en' : 'ko'),
          details,
          status: 'received',
          assigneeId,
          identityCheckId: null,
          verification: null,
          receivedAt,
          dueOn,
          createdBy: ctx.id,
          createdAt: now,
        });
        await this.repo.insertEvent({
          requestId: newId,
          action: 'received',
          actorId: ctx.id,
          fromStatus: null,
          toStatus: 'received',
          at: now,
          detail: { channel: dto.channel, relation: dto.relation, regimes, assigneeId, receivedAt },
        });
        await this.recordAccess(ctx, 'create', subject.id, newId, { reference, type: dto.type });
        // Acknowledged at intake (CCPA's 10 business days; recorded for every regime).
        const saved = (await this.repo.findById(newId))!;
        await this.sendLetter(ctx, saved, 'acknowledgement', {}, now);
        await this.repo.update(newId, { acknowledgedAt: now }, now);
        return newId;
      })
      .catch((error: unknown) => {
        throw isOneOpenViolation(error) ? duplicate(null) : error;
      });
    return this.view(ctx, (await this.repo.findById(id))!);
  }

  /** Support's withdraw action on a person opens the account-withdrawal request, verified by its check. */
  private readonly openWithdrawal: WithdrawalListener = async ({
    ctx,
    subjectId,
    accountActionId,
    identityCheckId,
    reason,
  }) => {
    const [subject] = await this.subjects.requestParties([subjectId]);
    const check = await this.subjects.identityCheck(identityCheckId);
    if (subject === undefined || check === null) return;
    const existing = await this.repo.findOpen(subjectId, 'account_withdrawal');
    if (existing !== null) throw duplicate(existing.id);
    const now = this.calendar.now();
    const regimes: Regime[] = ['KR-PIPA'];
    const reference = await this.repo.nextReference(yearOf(localDateOf(now, this.calendar.timeZone)));
    const verification: Verification = {
      method: check.method,
      staffId: check.staffId,
      checkedAt: check.checkedAt.toISOString(),
      identityCheckId: check.id,
      checkedSubjectId: subjectId,
    };
    const id = await this.repo.insert({
      reference,
      subjectId,
      service: subject.service,
      type: 'account_withdrawal',
      channel: 'phone',
      relation: 'self',
      requesterSubjectId: null,
      representationEvidence: null,
      regimes,
      locale: subject.locale === 'en' ? 'en' : 'ko',
      details: { note: reason, accountActionId },
      status: 'verifying_identity',
      assigneeId: ctx.ability.can('assign', 'RightsRequest') ? null : ctx.id,
      identityCheckId: check.id,
      verification,
      receivedAt: now,
      dueOn: await this.dueOnOf({
        regimes,
        receivedAt: now,
        type: 'account_withdrawal',
        extensions: [],
        acknowledgedAt: null,
        closedAt: null,
      }),
      createdBy: ctx.id,
      createdAt: now,
    });
    await this.repo.insertEvent({
      requestId: id,
      action: 'received',
      actorId: ctx.id,
      fromStatus: null,
      toStatus: 'verifying_identity',
      at: now,
      detail: { from: 'account_action', accountActionId, identityCheckId: check.id },
    });
    await this.recordAccess(ctx, 'create', subjectId, id, { reference, type: 'account_withdrawal' });
  };

  // ---- reads -------------------------------------------------------------------------------

  async list(ctx: StaffContext, params: ListParams<(typeof REQUEST_SORT_FIELDS)[number], RightsRequestFilterDto>) {
    throwUnlessCan(ctx.ability, 'read', 'RightsRequest');
    // A role that reads only some rows (support: their own) sees only those.
    const everyRow = ctx.ability.can('read', asSubject('RightsRequest', { assigneeId: null }));
    const { filter } = params;
    const { rows, total } = await this.repo.list({
      ...filter,
      assigneeId: everyRow ? filter.assigneeId : ctx.id,
      today: this.calendar.today(),
      timeZone: this.calendar.timeZone,
      atRiskShare: this.config.rightsRequestAtRiskShare,
      sortField: params.sortField,
      sortOrder: params.sortOrder,
      offset: params.offset,
      limit: params.limit,
    });
    const parties = await this.partiesOf(rows);
    await this.audit.record(
      {
        action: 'view',
        resource: 'rights-request',
        outcome: 'success',
        fields: ['subjectName'],
        detail: { total, shown: rows.map((r) => r.id) },
      },
      ctx.origin,
    );
    return { rows: rows.map((r) => this.listRow(r, parties.get(r.subjectId))), total };
  }

  /** How many requests there are at all (the demo seeds an empty list only). */
  count(): Promise<number> {
    return this.repo.count();
  }

  async detail(ctx: StaffContext, id: string) {
    const row = await this.load(ctx, 'read', id);
    await this.recordAccess(ctx, 'view', row.subjectId, row.id, { reference: row.reference });
    return this.view(ctx, row);
  }

  async document(ctx: StaffContext, id: string, documentId: string) {
    const row = await this.load(ctx, 'read', id);
    const doc = await this.repo.documentContent(row.id, documentId);
    if (doc === null) throw Problem.of(RightsRequestsErrorCode.DocumentNotFound, 'No such document on this request');
    // A released export package is the person's whole file: only a role that may export opens it
    // (DESIGN Roles: the DPO), not support or the auditor who may read the request.
    if (doc.kind !== 'letter') {
      throwUnlessCan(ctx.ability, 'export', 'Subject');
      // DESIGN §5: exporting needs a TOTP code from the last few minutes.
      if (!hasFreshStepUp(ctx, this.calendar.now(), this.config.stepUpMs)) throw stepUpRequired();
    }
    const content = Buffer.from(this.box.open(doc.contentSealed, `rights-request-document:${doc.id}`), 'base64');
    await this.audit.record(
      {
        action: 'download',
        resource: 'rights-request-document',
        outcome: 'success',
        subjectId: personSubject(row.subjectId),
        purpose: `Rights request ${row.reference}`,
        detail: { requestId: row.id, documentId: doc.id, kind: doc.kind, sha256: doc.sha256 },
      },
      ctx.origin,
    );
    return { fileName: doc.fileName, mediaType: doc.mediaType, content };
  }

  // ---- transitions -------------------------------------------------------------------------

  verify(ctx: StaffContext, id: string, dto: VerifyRequestDto) {
    return this.step(ctx, id, {
      action: 'verify',
      ability: 'update',
      from: ['received', 'verifying_identity'],
      run: async (row) => {
        const requester = row.relation === 'legal_representative' ? row.requesterSubjectId! : row.subjectId;
        const check = await this.subjects.identityCheck(dto.identityCheckId);
        if (check === null || check.subjectId !== requester || !check.valid) {
          throw Problem.validation(
            [
              {
                field: 'identityCheckId',
                code: RightsRequestsErrorCode.IdentityCheckInvalid,
                message:
                  row.relation === 'legal_representative'
                    ? 'Record an identity check of the guardian asking (still within its validity)'
                    : 'Record an identity check of the person (still within its validity)',
              },
            ],
            'A valid identity check of the requester is required',
          );
        }
        const verification: Verification = {
          method: check.method,
          staffId: ctx.id,
          checkedAt: check.checkedAt.toISOString(),
          identityCheckId: check.id,
          checkedSubjectId: requester,
        };
        return {
          to: 'verifying_identity',
          change: { identityCheckId: check.id, verification },
          detail: { identityCheckId: check.id, method: check.method },
        };
      },
    });
  }

  start(ctx: StaffContext, id: string) {
    return this.step(ctx, id, {
      action: 'start',
      ability: 'update',
      from: ['received', 'verifying_identity'],
      run: (row) => {
        requireVerification(row);
        return Promise.resolve({ to: 'in_progress' });
      },
    });
  }

  prepare(ctx: StaffContext, id: string, dto: PrepareDto) {
    return this.step(ctx, id, {
      action: 'prepare',
      ability: 'update',
      from: ['in_progress'],
      run: async (row, now) => {
        requireVerification(row);
        notExecuted(row, 'prepare');
        const preparation = await this.fulfilment.checkPreparation(row, dto);
        return {
          change: { preparation, preparedById: ctx.id, preparedAt: now, approvedById: null, approvedAt: null },
          detail: { preparation },
        };
      },
    });
  }

  submit(ctx: StaffContext, id: string) {
    return this.step(ctx, id, {
      action: 'submit',
      ability: 'update',
      from: ['in_progress'],
      run: (row) => {
        requireVerification(row);
        if (!FOUR_EYES_TYPES.includes(row.type)) {
          throw invalidTransition(
            row.status,
            'awaiting_approval',
            `A ${row.type} request needs no approval: execute it`,
          );
        }
        if (row.preparation === null) throw preparationRequired();
        return Promise.resolve({ to: 'awaiting_approval' });
      },
    });
  }

  approve(ctx: StaffContext, id: string) {
    return this.step(ctx, id, {
      action: 'approve',
      ability: 'approve',
      from: ['awaiting_approval'],
      run: async (row, now) => {
        requireVerification(row);
        const result = await this.fulfilment.fulfil(ctx, row);
        await this.storeDocuments(ctx, row.id, result.documents, now);
        const tasks = await this.fulfilment.fanOut(ctx, row, result.registerCategories, result.noticeAction, now);
        return {
          to: 'in_progress',
          change: {
            approvedById: ctx.id,
            approvedAt: now,
            executedAt: now,
            outcome: result.outcome,
            ...(result.preparation ? { preparation: result.preparation } : {}),
          },
          detail: { outcome: result.outcome, tasks: tasks.length },
        };
      },
    });
  }

  execute(ctx: StaffContext, id: string) {
    return this.step(ctx, id, {
      action: 'execute',
      ability: 'close',
      from: ['in_progress'],
      run: async (row, now) => {
        requireVerification(row);
        notExecuted(row, 'execute');
        if (FOUR_EYES_TYPES.includes(row.type)) {
          throw Problem.of(
            RightsRequestsErrorCode.ApprovalRequired,
            'Submit it: another DPO approves and so carries it out',
          );
        }
        if (row.preparation === null) throw preparationRequired();
        const result = await this.fulfilment.fulfil(ctx, row);
        const tasks = await this.fulfilment.fanOut(ctx, row, result.registerCategories, result.noticeAction, now);
        return {
          change: {
            executedAt: now,
            outcome: result.outcome,
            ...(result.preparation ? { preparation: result.preparation } : {}),
          },
          detail: { outcome: result.outcome, tasks: tasks.length },
        };
      },
    });
  }

  reject(ctx: StaffContext, id: string, dto: RejectDto) {
    return this.step(ctx, id, {
      action: 'reject',
      ability: 'reject',
      from: OPEN_STATUSES,
      run: (row, now) => {
        notExecuted(row, 'reject');
        if (row.regimes.includes('KR-PIPA') && !PIPA_REFUSAL_REASONS.includes(dto.refusalReason)) {
          throw fieldProblem(
            'refusalReason',
            RightsRequestsErrorCode.RefusalGroundNotAllowed,
            `Under PIPA a request is refused only on a ground the law lists (Art. 35(4)): ${PIPA_REFUSAL_REASONS.join(', ')}`,
          );
        }
        return Promise.resolve({
          to: 'rejected',
          change: {
            refusalReason: dto.refusalReason,
            refusalText: dto.refusalText,
            remedyText: dto.remedyText,
            closedAt: now,
          },
          detail: { refusalReason: dto.refusalReason },
        });
      },
      after: (_before, saved, now) => this.sendLetter(ctx, saved, 'rejection', {}, now),
    });
  }

  complete(ctx: StaffContext, id: string, dto: CompleteDto) {
    return this.step(ctx, id, {
      action: 'complete',
      ability: 'close',
      from: ['in_progress'],
      run: async (row, now) => {
        requireVerification(row);
        if (row.executedAt === null) {
          throw FOUR_EYES_TYPES.includes(row.type)
            ? Problem.of(
                RightsRequestsErrorCode.ApprovalRequired,
                'It closes once another DPO has approved and carried it out',
              )
            : invalidTransition(row.status, dto.result, 'Execute the prepared decision first');
        }
        const open = (await this.repo.tasks(row.id, true)).filter((t) => t.status === 'open');
        if (open.length > 0) {
          throw Problem.of(
            RightsRequestsErrorCode.TasksOpen,
            `${open.length} recipient task(s) are still open: each must be done, or excepted with a reason (GDPR Art. 19)`,
          ).with({ openTasks: open.length });
        }
        return {
          to: dto.result,
          change: { closedAt: now, outcome: { ...(row.outcome ?? {}), ...(dto.note ? { note: dto.note } : {}) } },
          detail: { result: dto.result, ...(dto.note ? { note: dto.note } : {}) },
        };
      },
      after: (_before, saved, now) =>
        this.sendLetter(ctx, saved, dto.result === 'completed' ? 'completion' : 'partial', {}, now),
    });
  }

  extend(ctx: StaffContext, id: string, dto: ExtendDto) {
    return this.step(ctx, id, {
      action: 'extend',
      ability: 'extend',
      from: OPEN_STATUSES,
      run: async (row, now) => {
        const refusal = extensionRefusal({
          ...(await this.clockInput(row, now)),
          extension: { regime: dto.regime, at: now, reasons: dto.reasons, until: dto.until ?? null },
        });
        if (refusal !== null) {
          throw Problem.of(refusal.code as RightsRequestsErrorCode.ExtensionTooLate, EXTENSION_TITLES[refusal.code], [
            { field: refusal.field, code: refusal.code, message: EXTENSION_TITLES[refusal.code] },
          ]);
        }
        const given = { regime: dto.regime, at: now.toISOString(), reasons: dto.reasons, until: dto.until ?? null };
        return {
          change: { extensions: [...row.extensions, given], extendedAt: now, remindedState: null },
          detail: { regime: dto.regime, reasons: dto.reasons, until: dto.until ?? null },
        };
      },
      after: (before, saved, now) =>
        this.sendLetter(
          ctx,
          saved,
          'extension',
          { dueOn: before.dueOn, extendedDueOn: saved.dueOn, grounds: dto.reasons },
          now,
        ),
    });
  }

  assign(ctx: StaffContext, id: string, dto: AssignDto) {
    return this.step(ctx, id, {
      action: 'assign',
      ability: 'assign',
      from: OPEN_STATUSES,
      run: async (row) => {
        await this.checkAssignee(dto.assigneeId);
        return {
          change: { assigneeId: dto.assigneeId, remindedState: null },
          detail: { from: row.assigneeId, to: dto.assigneeId },
        };
      },
    });
  }

  /** A recipient task done (with evidence) or excepted (with a reason). */
  async updateTask(ctx: StaffContext, id: string, taskId: string, dto: UpdateTaskDto) {
    return this.repo.transaction(async () => {
      const row = await this.load(ctx, 'update', id, true);
      if (CLOSED_STATUSES.includes(row.status))
        throw invalidTransition(row.status, row.status, 'The request is closed');
      const task = (await this.repo.tasks(row.id, true)).find((t) => t.id === taskId);
      if (task === undefined) throw Problem.of(RightsRequestsErrorCode.TaskNotFound, 'No such task on this request');
      if (task.status !== 'open')
        throw Problem.of(RightsRequestsErrorCode.TaskClosed, `The task is already ${task.status}`);
      const now = this.calendar.now();
      await this.repo.closeTask(
        task.id,
        { status: dto.status, evidence: dto.evidence ?? null, exceptionReason: dto.exceptionReason ?? null },
        ctx.id,
        now,
      );
      await this.repo.insertEvent({
        requestId: row.id,
        action: dto.status === 'done' ? 'task_done' : 'task_excepted',
        actorId: ctx.id,
        fromStatus: row.status,
        toStatus: row.status,
        at: now,
        detail: { taskId: task.id, registerKind: task.registerKind, registerRowId: task.registerRowId },
      });
      await this.recordAccess(ctx, 'edit', row.subjectId, row.id, { taskId: task.id, status: dto.status });
      return this.view(ctx, (await this.repo.findById(row.id))!);
    });
  }

  /**
   * Runs one transition in one transaction: the row locked, the caller's ability checked on it,
   * the state machine consulted, the step's own checks and work, then the row, the timeline event
   * and the access-log event. Any refusal rolls all of it back.
   */
  private async step(ctx: StaffContext, id: string, step: Step) {
    const saved = await this.repo.transaction(async () => {
      const row = await this.load(ctx, step.ability, id, true);
      if (!step.from.includes(row.status)) {
        throw invalidTransition(row.status, step.action, `${step.action} is allowed from ${step.from.join(', ')}`);
      }
      const now = this.calendar.now();
      const { to, change = {}, detail = {} } = await step.run(row, now);
      const status = to ?? row.status;
      const next = { ...row, ...change, status };
      const dueOn = await this.dueOnOf(next);
      await this.repo.update(
        row.id,
        { ...change, status, dueOn, ...(to !== undefined && to !== row.status ? { remindedState: null } : {}) },
        now,
      );
      await this.repo.insertEvent({
        requestId: row.id,
        action: step.action,
        actorId: ctx.id,
        fromStatus: row.status,
        toStatus: status,
        at: now,
        detail,
      });
      await this.recordAccess(ctx, 'edit', row.subjectId, row.id, {
        action: step.action,
        from: row.status,
        to: status,
      });
      if (step.after) await step.after(row, (await this.repo.findById(row.id))!, now);
      return row.id;
    });
    return this.view(ctx, (await this.repo.findById(saved))!);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** The row, with the caller's ability checked on it (the type first, so no id is confirmed to a role without access). */
  private async load(ctx: StaffContext, action: Action, id: string, lock = false): Promise<RequestRow> {
    throwUnlessCan(ctx.ability, action, 'RightsRequest');
    const row = await this.repo.findById(id, lock);
    if (row === null) throw Problem.of(RightsRequestsErrorCode.RequestNotFound, `No rights request has the id ${id}`);
    if (ctx.ability.cannot(action, asSubject('RightsRequest', { ...row }))) {
      if (action === 'approve' && row.preparedById === ctx.id) {
        throw Problem.of(RightsRequestsErrorCode.FourEyes, 'Another DPO approves: you prepared this request');
      }
      throwUnlessCan(ctx.ability, action, asSubject('RightsRequest', { ...row }));
    }
    return row;
  }

  private async checkAssignee(assigneeId: string): Promise<void> {
    const [staff] = await this.staff.namesByIds([assigneeId]);
    if (staff === undefined || (staff.role !== 'dpo' && staff.role !== 'support')) {
      throw fieldProblem(
        'assigneeId',
        RightsRequestsErrorCode.AssigneeInvalid,
        'Assign to a DPO or a support staff member',
      );
    }
  }

  private async recordAccess(
    ctx: StaffContext,
    action: 'view' | 'create' | 'edit',
    subjectId: string,
    requestId: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      {
        action,
        resource: 'rights-request',
        outcome: 'success',
        subjectId: personSubject(subjectId),
        detail: { requestId, ...detail },
      },
      ctx.origin,
    );
  }

  /** The business calendars a request's clocks may touch (its regimes' periods and extensions). */
  private async calendarsFor(row: Pick<RequestRow, 'regimes' | 'receivedAt' | 'type'>) {
    const spans = calendarSpans({
      regimes: row.regimes as Regime[],
      receivedAt: row.receivedAt,
      timeZone: this.calendar.timeZone,
      type: row.type,
    });
    const loaded = new Map<Jurisdiction, BusinessCalendar>();
    for (const [j, span] of spans) loaded.set(j, await this.calendar.businessCalendar(j, span.from, span.to));
    return (j: Jurisdiction) => loaded.get(j)!;
  }

  /** What the deadline engine computes a request's clocks from, as of `now`. */
  private async clockInput(
    row: Pick<RequestRow, 'regimes' | 'receivedAt' | 'type' | 'extensions' | 'acknowledgedAt' | 'closedAt'>,
    now: Date,
  ) {
    return {
      regimes: row.regimes as Regime[],
      receivedAt: row.receivedAt,
      type: row.type,
      extensions: row.extensions.map((e): RequestExtension => ({
        regime: e.regime as Regime,
        at: new Date(e.at),
        reasons: e.reasons,
        until: e.until ?? null,
      })),
      acknowledgedAt: row.acknowledgedAt,
      closedAt: row.closedAt,
      now,
      timeZone: this.calendar.timeZone,
      calendars: await this.calendarsFor(row),
      atRiskShare: this.config.rightsRequestAtRiskShare,
    };
  }

  async clocksOf(
    row: Pick<RequestRow, 'regimes' | 'receivedAt' | 'type' | 'extensions' | 'acknowledgedAt' | 'closedAt'>,
  ): Promise<RequestClock[]> {
    return clocksFor(await this.clockInput(row, this.calendar.now()));
  }

  private async dueOnOf(
    row: Pick<RequestRow, 'regimes' | 'receivedAt' | 'type' | 'extensions' | 'acknowledgedAt' | 'closedAt'>,
  ) {
    return governingDueOn(await this.clocksOf(row))!;
  }

  /** The deadline chip: days left to the governing due date, at risk once they are a small share of the period. */
  deadlineOf(row: Pick<RequestRow, 'dueOn' | 'receivedAt' | 'status'>): {
    daysLeft: number | null;
    deadlineState: DeadlineState | null;
  } {
    if (CLOSED_STATUSES.includes(row.status)) return { daysLeft: null, deadlineState: null };
    const today = this.calendar.today();
    const daysLeft = calendarDaysBetween(today, row.dueOn);
    const period = calendarDaysBetween(localDateOf(row.receivedAt, this.calendar.timeZone), row.dueOn);
    const deadlineState: DeadlineState =
      daysLeft < 0
        ? 'overdue'
        : daysLeft <= Math.ceil(this.config.rightsRequestAtRiskShare * period)
          ? 'at_risk'
          : 'on_time';
    return { daysLeft, deadlineState };
  }

  private async partiesOf(rows: RequestRow[]): Promise<Map<string, RequestParty>> {
    const ids = rows.flatMap((r) => (r.requesterSubjectId ? [r.subjectId, r.requesterSubjectId] : [r.subjectId]));
    return new Map((await this.subjects.requestParties(ids)).map((p) => [p.id, p]));
  }

  private listRow(row: RequestRow, subject: RequestParty | undefined): RequestListRow {
    return {
      id: row.id,
      reference: row.reference,
      type: row.type,
      channel: row.channel,
      relation: row.relation,
      status: row.status,
      extended: row.extendedAt !== null,
      // An erased person's request stays; their name does not.
      subject: { id: row.subjectId, name: subject?.maskedName ?? null, kind: subject?.kind ?? null },
      assignee: row.assigneeId === null ? null : { id: row.assigneeId, name: row.assigneeName },
      receivedAt: row.receivedAt,
      dueOn: row.dueOn,
      ...this.deadlineOf(row),
      regimes: row.regimes,
    };
  }

  /** The detail as the caller may see and act on it. */
  private async view(ctx: StaffContext, row: RequestRow) {
    // One after another: inside a transaction these share one connection, which runs one query at a time.
    const parties = await this.partiesOf([row]);
    const clocks = await this.clocksOf(row);
    const events = await this.repo.events(row.id);
    const tasks = await this.repo.tasks(row.id);
    const documents = await this.repo.documents(row.id);
    const onRow = (action: Action) => ctx.ability.can(action, asSubject('RightsRequest', { ...row }));
    const open = OPEN_STATUSES.includes(row.status);
    const verified = row.verification !== null;
    const fourEyes = FOUR_EYES_TYPES.includes(row.type);
    const executed = row.executedAt !== null;
    const requester = row.requesterSubjectId === null ? undefined : parties.get(row.requesterSubjectId);
    return {
      ...this.listRow(row, parties.get(row.subjectId)),
      service: row.service,
      locale: row.locale,
      requester: requester ? { id: requester.id, name: requester.maskedName, kind: requester.kind } : null,
      representationEvidence: row.representationEvidence,
      details: row.details,
      verification: row.verification,
      preparation: row.preparation,
      preparedBy:
        row.preparedById === null ? null : { id: row.preparedById, name: row.preparedByName, at: row.preparedAt },
      approvedBy:
        row.approvedById === null ? null : { id: row.approvedById, name: row.approvedByName, at: row.approvedAt },
      extensions: row.extensions,
      clocks: clocks.map(flattenClock),
      refusal:
        row.refusalReason === null
          ? null
          : { reason: row.refusalReason, text: row.refusalText, remedy: row.remedyText },
      outcome: row.outcome,
      executedAt: row.executedAt,
      closedAt: row.closedAt,
      tasks: tasks.map(taskView),
      events: events.map(eventView),
      documents: documents.map(documentView),
      can: {
        verify: open && ['received', 'verifying_identity'].includes(row.status) && onRow('update'),
        start: ['received', 'verifying_identity'].includes(row.status) && verified && onRow('update'),
        prepare: row.status === 'in_progress' && !executed && onRow('update'),
        submit: row.status === 'in_progress' && fourEyes && row.preparation !== null && onRow('update'),
        approve: row.status === 'awaiting_approval' && onRow('approve'),
        execute: row.status === 'in_progress' && !fourEyes && !executed && row.preparation !== null && onRow('close'),
        reject: open && !executed && onRow('reject'),
        complete: row.status === 'in_progress' && executed && tasks.every((t) => t.status !== 'open') && onRow('close'),
        extend: open && onRow('extend'),
        assign: open && onRow('assign'),
        updateTasks: open && onRow('update'),
      },
    };
  }

  /** What the person has in each erasure category, what a statute holds, and which register categories each touches. */
  async erasureProposal(ctx: StaffContext, id: string) {
    return this.repo.transaction(async () => {
      const row = await this.load(ctx, 'read', id);
      const proposal = await this.fulfilment.proposal(row);
      await this.recordAccess(ctx, 'view', row.subjectId, row.id, {
        reference: row.reference,
        part: 'erasure-proposal',
      });
      return {
        requestId: row.id,
        subjectId: row.subjectId,
        requested: {
          categories: (row.details.categories as string[] | undefined) ?? null,
          sensitiveOnly: row.details.sensitiveOnly === true,
        },
        categories: proposal.categories.map((c) => ({
          category: c.category,
          present: c.present,
          hold: c.hold,
          registerCategories: REGISTER_CATEGORIES_OF[c.category],
        })),
      };
    });
  }

  /** When the request was received: now, or a moment already past (a letter or call typed in later), within a year. */
  private receivedAtOf(given: string | undefined, now: Date): Date {
    if (given === undefined) return now;
    const at = parseInstant(given);
    const invalid = (message: string) => fieldProblem('receivedAt', RightsRequestsErrorCode.ReceivedAtInvalid, message);
    if (at === null) throw invalid('An ISO 8601 date-time');
    if (msBetween(now, at) > 0) throw invalid('A request cannot be received in the future');
    const timeZone = this.calendar.timeZone;
    const earliest = addCalendarYears(localDateOf(now, timeZone), -RECEIVED_AT_MAX_YEARS_BACK);
    if (localDateOf(at, timeZone) < earliest) {
      throw invalid(`Received more than ${RECEIVED_AT_MAX_YEARS_BACK} year ago: take it in as received today`);
    }
    return at;
  }

  /**
   * Renders a letter to the requester (the person, or the guardian or agent acting), keeps its PDF
   * sealed on the request, and queues it in the outbox in the caller's transaction: by e-mail where
   * the requester has an address, else recorded as a posted letter. The letter carries the
   * requester's name and address, so reading them is an access-log event in the same transaction.
   */
  private async sendLetter(
    ctx: StaffContext,
    row: RequestRow,
    kind: Exclude<LetterKind, 'processor_notice'>,
    extra: Partial<RequestLetterView>,
    now: Date,
  ): Promise<void> {
    const requesterId = row.requesterSubjectId ?? row.subjectId;
    const to = await this.subjects.letterAddressee(requesterId);
    const outcome = row.outcome ?? {};
    const closing = kind === 'completion' || kind === 'partial';
    const tasks = closing ? await this.repo.tasks(row.id) : [];
    const view: RequestLetterView = {
      reference: row.reference,
      locale: row.locale,
      regimes: row.regimes as Regime[],
      subjectName: to.name ?? '',
      requestType: row.type,
      receivedOn: localDateOf(row.receivedAt, this.calendar.timeZone),
      dueOn: row.dueOn,
      grounds: row.refusalText ?? (typeof outcome.note === 'string' ? outcome.note : null),
      refusalReason: row.refusalReason,
      remedy: row.remedyText,
      outcome: typeof outcome.note === 'string' ? outcome.note : null,
      erased: Array.isArray(outcome.erased) ? (outcome.erased as string[]).map((category) => ({ category })) : [],
      retained: Array.isArray(outcome.retained)
        ? (outcome.retained as Array<{ category: string; law: string; destroyOn: string }>)
        : [],
      recipients: tasks
        .filter((t) => t.status === 'done')
        .map((t) => ({ name: t.recipientName[row.locale] || t.recipientName.ko })),
      ...extra,
    };
    const rendered = await this.letters.render(kind, view);
    const [documentId] = await this.storeDocuments(
      ctx,
      row.id,
      [{ kind: 'letter', fileName: rendered.fileName, mediaType: 'application/pdf', content: rendered.pdf }],
      now,
    );
    const channel = to.email === null ? 'letter' : 'email';
    const sent = await this.letters.send(kind, view, channel, {
      kind: 'subject',
      id: requesterId,
      // A posted letter is recorded under the name it is addressed to (the address book is not the console's).
      address: to.email ?? to.name ?? row.reference,
      createdBy: ctx.id,
    });
    await this.repo.insertEvent({
      requestId: row.id,
      action: 'letter',
      actorId: ctx.id,
      fromStatus: row.status,
      toStatus: row.status,
      at: now,
      detail: {
        kind,
        channel,
        documentId,
        messageId: sent.messageId,
        templateKey: sent.templateKey,
        templateVersion: rendered.templateVersion,
        language: sent.language,
      },
    });
    await this.audit.record(
      {
        action: 'create',
        resource: 'rights-request-letter',
        outcome: 'success',
        subjectId: personSubject(requesterId),
        fields: to.email === null ? ['name'] : ['email', 'name'],
        purpose: `Rights request ${row.reference}`,
        detail: { requestId: row.id, kind, channel, documentId, messageId: sent.messageId },
      },
      ctx.origin,
    );
  }

  /** Seals and stores documents on the request (export packages, letters); their ids in order. */
  private async storeDocuments(
    ctx: StaffContext,
    requestId: string,
    documents: Array<{ kind: DocumentRow['kind']; fileName: string; mediaType: string; content: Buffer }>,
    now: Date,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const d of documents) {
      const id = randomUUID();
      ids.push(id);
      await this.repo.insertDocument({
        id,
        requestId,
        kind: d.kind,
        fileName: d.fileName,
        mediaType: d.mediaType,
        sizeBytes: d.content.length,
        sha256: createHash('sha256').update(d.content).digest('hex'),
        contentSealed: this.box.seal(d.content.toString('base64'), `rights-request-document:${id}`),
        createdBy: ctx.id,
        createdAt: now,
      });
    }
    return ids;
  }
}

const EXTENSION_TITLES: Record<string, string> = {
  EXTENSION_REASONS_REQUIRED: 'An extension states its reasons',
  EXTENSION_TOO_LATE: 'An extension is given within the first period',
  EXTENSION_ALREADY_USED: 'This regime allows one extension, and it was used',
  EXTENSION_NOT_ALLOWED: 'This regime allows no extension of this request',
  EXTENSION_UNTIL_INVALID: 'The extension names a date after the original due date (HIPAA requires one)',
  EXTENSION_TOO_LONG: 'The extension runs past what the regime allows',
};

function flattenClock(c: RequestClock) {
  return { regime: c.regime, kind: c.kind, extended: c.extended, governs: c.governs, open: c.open, ...c.deadline };
}

function taskView(t: TaskRow) {
  return {
    id: t.id,
    registerKind: t.registerKind,
    registerRowId: t.registerRowId,
    recipientName: t.recipientName,
    dataCategories: t.dataCategories,
    status: t.status,
    evidence: t.evidence,
    exceptionReason: t.exceptionReason,
    outboxMessageId: t.outboxMessageId,
    doneBy: t.doneBy === null ? null : { id: t.doneBy, name: t.doneByName },
    doneAt: t.doneAt,
    createdAt: t.createdAt,
  };
}

function eventView(e: EventRow) {
  return {
    id: e.id,
    action: e.action,
    actor: e.actorId === null ? null : { id: e.actorId, name: e.actorName },
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    at: e.at,
    detail: e.detail,
  };
}

function documentView(d: DocumentRow) {
  return {
    id: d.id,
    kind: d.kind,
    // Which letter, for a letter: the screen names it (two letters of one request are told apart).
    letterKind: d.kind === 'letter' ? letterKindOf(d.fileName) : null,
    fileName: d.fileName,
    mediaType: d.mediaType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt,
  };
}

function fieldProblem(field: string, code: string, message: string): Problem {
  return Problem.validation([{ field, code, message }]);
}

function duplicate(existingId: string | null): Problem {
  return Problem.of(
    RightsRequestsErrorCode.DuplicateRequest,
    'This person already has an open request of this type',
  ).with({ existingId });
}

function invalidTransition(from: RequestStatus, to: string, why: string): Problem {
  return Problem.of(RightsRequestsErrorCode.InvalidTransition, `Cannot go from ${from} to ${to}: ${why}`).with({
    from,
    to,
  });
}

function preparationRequired(): Problem {
  return Problem.of(RightsRequestsErrorCode.PreparationRequired, 'Prepare the decision first');
}

/** Decree Art. 46(1): no work before the requester's identity is verified (method, staff, time). */
function requireVerification(row: RequestRow): void {
  if (row.verification === null) {
    throw Problem.of(
      RightsRequestsErrorCode.VerificationRequired,
      'Verify the requester’s identity before any work on the request',
    );
  }
}

function notExecuted(row: RequestRow, action: string): void {
  if (row.executedAt !== null) throw invalidTransition(row.status, action, 'the decision was already carried out');
}

/** The intake fields each type needs. */
function requireDetailsFor(type: RequestType, details: Record<string, unknown>): void {
  const need = (field: string, message: string) => {
    const value = details[field];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      throw fieldProblem(`details.${field}`, RightsRequestsErrorCode.RequiredForType, message);
    }
  };
  if (type === 'consent_withdrawal') need('purposes', 'Which consents are withdrawn');
  if (type === 'rectification') need('field', 'Which item of the data is wrong');
}

function isOneOpenViolation(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
  return driver?.code === '23505' && driver.constraint === 'rights_requests_one_open_key';
}
