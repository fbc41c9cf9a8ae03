import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { parseInstant } from '../calendar/instant';
import { MasterKey } from '../common/master-key';
import { Problem } from '../common/problem';
import { SecretBox } from '../common/secret-box';
import type { StaffContext } from '../context/staff-context';
import { Transactions } from '../database/transactions';
import type { CreateTaskDto, EvidenceDto, UpdateIncidentTaskDto } from './dto/incident-requests.dto';
import type { IncidentDetail } from './dto/incident-response.dto';
import { staleVersion, unknownLink } from './incident-problems';
import { IncidentsErrorCode } from './incidents.errors';
import { IncidentsRepository, type TaskRow } from './incidents.repository';
import { IncidentsService } from './incidents.service';

/** Evidence files up to 5 MB (the column allows 10 MB; the request body limit is what binds). */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

const evidenceAad = (id: string) => `incident-evidence:${id}`;

/**
 * The checklist: tasks from the template or added by hand, each with assignee, due time, a note
 * and evidence files (sealed under the master key: a log or a screenshot may show personal data),
 * and completion. Completing and reopening are in the timeline.
 */
@Injectable()
export class IncidentTasksService {
  private readonly box: SecretBox;

  constructor(
    private readonly incidents: IncidentsService,
    private readonly repo: IncidentsRepository,
    private readonly tx: Transactions,
    masterKey: MasterKey,
  ) {
    this.box = new SecretBox(masterKey.key, 'incident-evidence');
  }

  /** A task added by hand (the same text in both languages). */
  add(ctx: StaffContext, id: string, dto: CreateTaskDto): Promise<IncidentDetail> {
    return this.incidents.change(ctx, id, 'update', null, async (row, now) => {
      if (dto.assigneeId !== undefined) await this.checkAssignee(dto.assigneeId);
      const dueAt = dto.dueAt === undefined ? null : this.instant('dueAt', dto.dueAt);
      const taskId = await this.repo.insertTask(
        row.id,
        {
          phase: dto.phase,
          position: await this.repo.nextTaskPosition(row.id, dto.phase),
          templateKey: null,
          dependsOn: [],
          title: { ko: dto.title, en: dto.title },
          description: dto.description === undefined ? null : { ko: dto.description, en: dto.description },
          assigneeId: dto.assigneeId ?? null,
          dueAt,
        },
        now,
      );
      await this.repo.appendTimeline(row.id, 'task_added', { taskId, phase: dto.phase }, ctx.id, now);
      return { taskId };
    });
  }

  update(ctx: StaffContext, id: string, taskId: string, dto: UpdateIncidentTaskDto): Promise<IncidentDetail> {
    return this.incidents.change(ctx, id, 'update', null, async (row, now) => {
      const task = await this.task(row.id, taskId, true);
      if (task.version !== dto.version) throw staleVersion(dto.version, task.version);
      const next = {
        assigneeId: dto.assigneeId === undefined ? task.assigneeId : dto.assigneeId,
        dueAt: dto.dueAt === undefined ? task.dueAt : dto.dueAt === null ? null : this.instant('dueAt', dto.dueAt),
        note: dto.note === undefined ? task.note : dto.note,
        completedAt: task.completedAt,
        completedBy: task.completedBy,
      };
      if (next.assigneeId !== null && next.assigneeId !== task.assigneeId) await this.checkAssignee(next.assigneeId);
      if (dto.completed === true && task.completedAt === null) {
        next.completedAt = now;
        next.completedBy = ctx.id;
      } else if (dto.completed === false && task.completedAt !== null) {
        next.completedAt = null;
        next.completedBy = null;
      }
      await this.repo.updateTask(task.id, next, now);
      const changed = (['assigneeId', 'dueAt', 'note'] as const).filter(
        (f) => String(next[f]?.valueOf() ?? null) !== String(task[f]?.valueOf() ?? null),
      );
      if (changed.length > 0) {
        await this.repo.appendTimeline(row.id, 'task_updated', { taskId, changed }, ctx.id, now);
      }
      if (next.completedAt !== task.completedAt) {
        const kind = next.completedAt === null ? 'task_reopened' : 'task_completed';
        await this.repo.appendTimeline(
          row.id,
          kind,
          { taskId, phase: task.phase, templateKey: task.templateKey },
          ctx.id,
          now,
        );
      }
      return { taskId, changed, completed: next.completedAt !== null };
    });
  }

  /** Stores a file as evidence on a task: sealed, with its SHA-256; never changed afterwards. */
  attach(ctx: StaffContext, id: string, taskId: string, dto: EvidenceDto): Promise<IncidentDetail> {
    const content = Buffer.from(dto.contentBase64, 'base64');
    if (content.length > MAX_EVIDENCE_BYTES) {
      throw Problem.of(IncidentsErrorCode.EvidenceTooLarge, 'Evidence files are at most 5 MB', [
        { field: 'contentBase64', code: IncidentsErrorCode.EvidenceTooLarge, message: 'At most 5 MB' },
      ]);
    }
    return this.incidents.change(ctx, id, 'update', null, async (row, now) => {
      const task = await this.task(row.id, taskId);
      const evidenceId = randomUUID();
      const sha256 = createHash('sha256').update(content).digest('hex');
      await this.repo.insertEvidence({
        id: evidenceId,
        taskId: task.id,
        incidentId: row.id,
        fileName: dto.fileName,
        mediaType: dto.mediaType,
        sizeBytes: content.length,
        sha256,
        contentSealed: this.box.seal(content.toString('base64'), evidenceAad(evidenceId)),
        uploadedBy: ctx.id,
        at: now,
      });
      const detail = { taskId, evidenceId, sizeBytes: content.length, sha256 };
      await this.repo.appendTimeline(row.id, 'evidence_added', detail, ctx.id, now);
      return detail;
    });
  }

  /** The file, opened for download; the download is in the access log. */
  evidence(
    ctx: StaffContext,
    id: string,
    taskId: string,
    evidenceId: string,
  ): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
    return this.tx.run(async () => {
      const row = await this.incidents.load(ctx, id, 'update');
      const task = await this.task(row.id, taskId);
      const file = await this.repo.evidenceContent(task.id, evidenceId);
      if (file === null) throw Problem.of(IncidentsErrorCode.EvidenceNotFound, 'No such evidence on this task');
      const content = Buffer.from(this.box.open(file.contentSealed, evidenceAad(file.id)), 'base64');
      await this.incidents.record(
        ctx,
        'download',
        { incidentId: row.id, reference: row.reference, taskId, evidenceId, sha256: file.sha256 },
        'incident-evidence',
      );
      return { fileName: file.fileName, mediaType: file.mediaType, content };
    });
  }

  private async task(incidentId: string, taskId: string, lock = false): Promise<TaskRow> {
    const task = await this.repo.task(incidentId, taskId, { lock });
    if (task === null) throw Problem.of(IncidentsErrorCode.TaskNotFound, 'No such task on this incident');
    return task;
  }

  private async checkAssignee(staffId: string): Promise<void> {
    if ((await this.repo.incidentStaff(staffId)) === null) {
      throw unknownLink('assigneeId', 'Assign an active security officer or DPO');
    }
  }

  private instant(field: string, value: string): Date {
    const at = parseInstant(value);
    if (at === null) {
      throw Problem.validation([
        { field, code: 'INVALID_VALUE', message: 'An ISO 8601 date-time with Z or an offset' },
      ]);
    }
    return at;
  }
}
