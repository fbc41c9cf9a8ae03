import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AuditService } from '../../access-log/audit.service';
import type { AuditAction } from '../../access-log/audit-event';
import { throwUnlessCan, type Action } from '../../authorization/abilities';
import { Clock } from '../../calendar/clock';
import { hoursAfter } from '../../calendar/instant';
import type { ListParams } from '../../common/list-query';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import { Transactions } from '../../database/transactions';
import type {
  CreateIncidentTemplateDto,
  IncidentTemplateFilterDto,
  UpdateIncidentTemplateDto,
} from './dto/incident-template.dto';
import type {
  IncidentTemplateDetail,
  IncidentTemplateListItem,
  IncidentTemplateVersionSummary,
  IncidentTemplateVersionView,
} from './dto/incident-template-response.dto';
import {
  IncidentTemplatesRepository,
  type TemplateContent,
  type TemplateRow,
  type TemplateSortField,
  type TemplateVersionRow,
} from './incident-templates.repository';
import { IncidentTemplateErrorCode as Code } from './template.errors';
import type { TaskDraft } from './template-types';
import { checkTemplateTasks, dependencyOrder } from './template-validation';

const RESOURCE = 'incident-template';

const RULE_TITLES: Partial<Record<Code, string>> = {
  [Code.Cycle]: 'Tasks depend on each other in a circle',
  [Code.UnknownPhase]: 'A task has a phase that is not one of the four NIST SP 800-61 phases',
  [Code.UnknownDependency]: 'A task depends on a task the template does not have',
  [Code.DuplicateKey]: 'Two tasks have the same key',
  [Code.OffsetOutOfRange]: 'A due offset is not whole hours from 0 to 8,760',
  [Code.Empty]: 'A template needs tasks',
  [Code.TaskInvalid]: 'A task is not complete',
};

const templateNotFound = () => Problem.of(Code.NotFound, 'No such incident template');

/**
 * The checklist templates: the written incident response plan, one template per kind of incident,
 * its tasks in the four NIST SP 800-61 phases with due offsets from awareness. Every save is a new
 * version (the old ones stay readable, and an incident names the version it was made from); every
 * change writes an access-log event in its transaction. Templates hold no personal data, so
 * reading them is not logged. `instantiate` turns the current version into an incident's tasks.
 */
@Injectable()
export class IncidentTemplatesService {
  constructor(
    private readonly templates: IncidentTemplatesRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  async list(
    ctx: StaffContext,
    params: ListParams<TemplateSortField, IncidentTemplateFilterDto>,
  ): Promise<{ rows: IncidentTemplateListItem[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'IncidentTemplate');
    const { rows, total } = await this.templates.list(params.filter, params);
    return { rows: rows.map(listItem), total };
  }

  async get(ctx: StaffContext, id: string): Promise<IncidentTemplateDetail> {
    return this.tx.run(async () => {
      const row = await this.load(ctx, 'read', id);
      return this.detail(row);
    });
  }

  async getVersion(ctx: StaffContext, id: string, version: number): Promise<IncidentTemplateVersionView> {
    return this.tx.run(async () => {
      await this.load(ctx, 'read', id);
      const found = await this.templates.version(id, version);
      if (found === null) throw Problem.of(Code.NotFound, `The template has no version ${version}`);
      return {
        templateId: id,
        ...versionSummary(found),
        name: found.name,
        description: found.description,
        tasks: found.tasks,
      };
    });
  }

  async create(ctx: StaffContext, dto: CreateIncidentTemplateDto): Promise<IncidentTemplateDetail> {
    throwUnlessCan(ctx.ability, 'create', 'IncidentTemplate');
    const content = this.content(dto);
    return this.tx.run(async () => {
      if (await this.templates.keyTaken(dto.key)) {
        throw Problem.of(Code.KeyTaken, 'A template with this key exists', [
          { field: 'key', code: Code.KeyTaken, message: `The key ${dto.key} is taken` },
        ]);
      }
      const id = await this.templates.insert(dto.key, content, ctx.id, this.clock.now());
      await this.record(
        ctx,
        'create',
        { templateId: id, key: dto.key, version: 1, tasks: content.tasks.length },
        content.note,
      );
      return this.detail((await this.templates.find(id))!);
    });
  }

  /** Saves the edited template as its next version; `version` must be the one the editor opened. */
  async update(ctx: StaffContext, id: string, dto: UpdateIncidentTemplateDto): Promise<IncidentTemplateDetail> {
    const content = this.content(dto);
    return this.tx.run(async () => {
      const row = await this.load(ctx, 'update', id, { lock: true });
      if (row.archivedAt !== null) throw archived('An archived template is not edited');
      if (row.version !== dto.version) throw stale(dto.version, row.version);
      const next = row.currentVersion + 1;
      await this.templates.saveVersion(id, next, content, ctx.id, this.clock.now());
      await this.record(
        ctx,
        'edit',
        { templateId: id, key: row.key, version: next, tasks: content.tasks.length },
        content.note,
      );
      return this.detail((await this.templates.find(id))!);
    });
  }

  /** Retires a template: no new incident starts from it; incidents made from it keep their version. */
  async archive(ctx: StaffContext, id: string, version: number | undefined): Promise<IncidentTemplateDetail> {
    return this.tx.run(async () => {
      const row = await this.load(ctx, 'update', id, { lock: true });
      if (version !== undefined && row.version !== version) throw stale(version, row.version);
      if (row.archivedAt !== null) throw archived('The template is already archived');
      await this.templates.archive(id, ctx.id, this.clock.now());
      await this.record(ctx, 'edit', { templateId: id, key: row.key, archived: true });
      return this.detail((await this.templates.find(id))!);
    });
  }

  /**
   * The current version's tasks as drafts for a new incident: due times `dueOffsetHours` after
   * `awareAt` (exact hours, as the 72-hour clocks count), in dependency order. The caller has
   * checked that the person may open incidents, and runs this in its transaction.
   */
  async instantiate(templateId: string, awareAt: Date): Promise<{ templateVersionId: string; tasks: TaskDraft[] }> {
    return this.tx.run(async () => {
      const row = await this.templates.find(templateId);
      if (row === null) {
        throw Problem.of(Code.NotFound, 'No such incident template', [
          { field: 'templateId', code: Code.NotFound, message: 'No such template' },
        ]);
      }
      if (row.archivedAt !== null) {
        throw Problem.of(Code.Archived, 'An archived template starts no new incident', [
          { field: 'templateId', code: Code.Archived, message: 'The template is archived' },
        ]);
      }
      const tasks = dependencyOrder(row.tasks).map((task, position): TaskDraft => ({
        templateKey: task.key,
        phase: task.phase,
        position,
        title: task.title,
        description: task.description ?? null,
        dueAt: hoursAfter(awareAt, task.dueOffsetHours),
        dependsOn: task.dependsOn,
      }));
      return { templateVersionId: row.currentVersionId, tasks };
    });
  }

  /** The body's content with its tasks checked: a 422 naming the first broken rule, and every field. */
  private content(dto: CreateIncidentTemplateDto | UpdateIncidentTemplateDto): TemplateContent {
    const { tasks, problems } = checkTemplateTasks(dto.tasks);
    if (problems.length > 0) {
      const code = problems[0].code as Code;
      throw Problem.of(code, RULE_TITLES[code] ?? 'The tasks break a checklist rule', problems);
    }
    return {
      name: { ko: dto.name.ko, en: dto.name.en },
      description:
        dto.description === undefined || dto.description === null
          ? null
          : { ko: dto.description.ko, en: dto.description.en },
      suggestedVector: dto.suggestedVector ?? null,
      tasks,
      note: dto.note,
    };
  }

  private async load(ctx: StaffContext, action: Action, id: string, options: { lock?: boolean } = {}) {
    const row = await this.templates.find(id, options);
    if (row === null) throw templateNotFound();
    throwUnlessCan(ctx.ability, action, asSubject('IncidentTemplate', { ...row }));
    return row;
  }

  private async detail(row: TemplateRow): Promise<IncidentTemplateDetail> {
    const versions = await this.templates.versions(row.id);
    return { ...listItem(row), tasks: row.tasks, versions: versions.map(versionSummary) };
  }

  private record(ctx: StaffContext, action: AuditAction, detail: Record<string, unknown>, note?: string) {
    return this.audit.record(
      { action, resource: RESOURCE, outcome: 'success', ...(note !== undefined ? { purpose: note } : {}), detail },
      ctx.origin,
    );
  }
}

const listItem = (row: TemplateRow): IncidentTemplateListItem => ({
  id: row.id,
  key: row.key,
  name: row.name,
  description: row.description,
  suggestedVector: row.suggestedVector,
  currentVersion: row.currentVersion,
  taskCount: row.tasks.length,
  archived: row.archivedAt !== null,
  archivedAt: row.archivedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const versionSummary = (v: TemplateVersionRow): IncidentTemplateVersionSummary => ({
  version: v.version,
  note: v.note,
  taskCount: v.tasks.length,
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdById === null ? null : { id: v.createdById, name: v.createdByName ?? '' },
});

const stale = (edited: number, current: number) =>
  Problem.of(Code.VersionConflict, 'Someone saved this template after you opened it', [
    {
      field: 'version',
      code: Code.VersionConflict,
      message: `You edited version ${edited}; it is now at version ${current}. Reload and edit again.`,
    },
  ]);

const archived = (message: string) =>
  Problem.of(Code.Archived, message, [{ field: 'archived', code: Code.Archived, message }]);
