import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../access-log/audit.service';
import { throwUnlessCan, type Action } from '../../authorization/abilities';
import { CalendarService } from '../../calendar/calendar.service';
import type { ListParams } from '../../common/list-query';
import { Problem, type FieldProblem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import { RegisterExporter } from '../../registers/register-exporter';
import type { LocalizedText, Retention, RetentionRuleRow } from '../../registers/register-types';
import { parseRetention, retentionDisplay } from '../../registers/retention';
import { RECORD_CATEGORIES, type RecordCategory } from '../retention-types';
import type {
  CreateRetentionRuleDto,
  RetentionRuleFieldsDto,
  RetentionRuleFilterDto,
  RetentionRuleSortField,
  UpdateRetentionRuleDto,
} from './dto/retention-rule.dto';
import { RetentionRuleFieldCode, RetentionRulesErrorCode } from './retention-rules.errors';
import {
  RetentionRulesRepository,
  type RetentionRuleChange,
  type RetentionRuleRecord,
} from './retention-rules.repository';
import { isShorterPeriod, shiftByPeriod } from '../../calendar/period';

const RESOURCE = 'retention-rule';

/** A rule as the API answers it. */
export interface RetentionRuleView {
  id: string;
  code: string;
  name: LocalizedText;
  retention: Retention & { display: LocalizedText };
  source: string;
  category: string | null;
  trigger: string | null;
  action: string | null;
  noticePeriod: string | null;
  enabled: boolean;
  version: number;
  updatedAt: string;
  approvedBy: { id: string; name: string } | null;
  approvedAt: string | null;
}

export interface RetentionRuleHistoryEntry {
  version: number;
  rule: Record<string, unknown>;
  reason: string;
  changedBy: { id: string; name: string } | null;
  createdAt: string;
}

export interface ExportFile {
  body: Buffer | string;
  contentType: string;
  filename: string;
  rows: number;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

/**
 * The retention rules as data: what category of records each acts on, from which event its period
 * runs and what happens at its end. The DPO edits them; every save is a version with its reason,
 * and the saver becomes the rule's approver (a destruction certificate names them). Registers,
 * the erasure path, the destruction run and dormancy read the rules through this service.
 */
@Injectable()
export class RetentionRulesService {
  constructor(
    private readonly rules: RetentionRulesRepository,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly exporter: RegisterExporter,
  ) {}

  // ---- for other features --------------------------------------------------------------

  /** The rules as the registers read them (policy tables, exports, activities' links). */
  async registerRows(manager?: EntityManager): Promise<RetentionRuleRow[]> {
    return (await this.rules.all(manager)).map(registerRow);
  }

  async registerRow(id: string, manager?: EntityManager): Promise<RetentionRuleRow | null> {
    const rule = await this.rules.find(id, { manager });
    return rule === null ? null : registerRow(rule);
  }

  async registerRowByCode(code: string, manager?: EntityManager): Promise<RetentionRuleRow | null> {
    const [rule] = await this.rules.byCodes([code], manager);
    return rule === undefined ? null : registerRow(rule);
  }

  /** Every rule as stored (the destruction scan reads category, trigger, action and period). */
  all(manager?: EntityManager): Promise<RetentionRuleRecord[]> {
    return this.rules.all(manager);
  }

  byCodes(codes: readonly string[], manager?: EntityManager): Promise<RetentionRuleRecord[]> {
    return this.rules.byCodes(codes, manager);
  }

  /**
   * The dormancy period and its notice lead, from the enabled rule that separates accounts (seeded
   * as `dormant_accounts`; null: none is enabled, so no account becomes dormant).
   */
  async dormancyRule(): Promise<{ period: string; noticePeriod: string; version: number } | null> {
    const rule = (await this.rules.all()).find(
      (r) => r.enabled && r.category === 'accounts' && r.action === 'separate',
    );
    if (rule === undefined || rule.retention.period === undefined) return null;
    return { period: rule.retention.period, noticePeriod: rule.noticePeriod ?? 'P30D', version: rule.version };
  }

  // ---- the routes ------------------------------------------------------------------------

  async list(
    ctx: StaffContext,
    params: ListParams<RetentionRuleSortField, RetentionRuleFilterDto>,
  ): Promise<{ rows: RetentionRuleView[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'RetentionRule');
    const filter = params.filter;
    const needle = filter.q?.toLowerCase();
    const matching = (await this.rules.all()).filter(
      (r) =>
        (filter.id === undefined || filter.id.includes(r.id)) &&
        (filter.category === undefined || r.category === filter.category) &&
        (filter.enabled === undefined || r.enabled === filter.enabled) &&
        (needle === undefined ||
          [r.code, r.name.ko, r.name.en, r.source, r.category ?? ''].join(' ').toLowerCase().includes(needle)),
    );
    const sign = params.sortOrder === 'ASC' ? 1 : -1;
    const key = (r: RetentionRuleRecord): string =>
      params.sortField === 'updatedAt' ? r.updatedAt.toISOString() : (r[params.sortField] ?? '');
    matching.sort((a, b) => (key(a).localeCompare(key(b)) || a.code.localeCompare(b.code)) * sign);
    return {
      rows: matching.slice(params.offset, params.offset + params.limit).map(present),
      total: matching.length,
    };
  }

  async get(ctx: StaffContext, id: string): Promise<RetentionRuleView> {
    return present(await this.load(ctx, 'read', id));
  }

  async history(ctx: StaffContext, id: string): Promise<RetentionRuleHistoryEntry[]> {
    await this.load(ctx, 'read', id);
    return (await this.rules.versions(id)).map((v) => ({
      version: v.version,
      rule: presentSnapshot(v.rule),
      reason: v.reason,
      changedBy: v.changedById === null ? null : { id: v.changedById, name: v.changedByName ?? '' },
      createdAt: v.createdAt.toISOString(),
    }));
  }

  async create(ctx: StaffContext, dto: CreateRetentionRuleDto): Promise<RetentionRuleView> {
    throwUnlessCan(ctx.ability, 'create', 'RetentionRule');
    return this.rules.transaction(async () => {
      const change = this.check(dto, null, dto.code);
      if (await this.rules.codeTaken(change.code, null)) {
        throw Problem.of(RetentionRulesErrorCode.CodeTaken, 'A rule already has this code', [
          { field: 'code', code: RetentionRulesErrorCode.CodeTaken, message: 'Already in use' },
        ]);
      }
      await this.refuseSecondOnCategory(change, null);
      const now = this.calendar.now();
      const id = await this.guardingUniques(() => this.rules.insert(change, ctx.id, now));
      await this.rules.insertVersion(id, dto.reason, ctx.id, now);
      await this.record(ctx, 'create', id, { code: change.code, version: 1, reason: dto.reason });
      return present((await this.rules.find(id))!);
    });
  }

  async update(ctx: StaffContext, id: string, dto: UpdateRetentionRuleDto): Promise<RetentionRuleView> {
    return this.rules.transaction(async () => {
      const current = await this.load(ctx, 'update', id, true);
      if (dto.version !== current.version) {
        throw Problem.of(RetentionRulesErrorCode.VersionConflict, 'Someone changed this rule after you opened it', [
          {
            field: 'version',
            code: 'STALE_VERSION',
            message: `You edited version ${dto.version}; it is now at version ${current.version}. Reload and edit again.`,
          },
        ]);
      }
      const change = this.check(dto, current, current.code);
      await this.refuseSecondOnCategory(change, id);
      const now = this.calendar.now();
      await this.guardingUniques(() => this.rules.update(id, change, ctx.id, now));
      await this.rules.insertVersion(id, dto.reason, ctx.id, now);
      const saved = (await this.rules.find(id))!;
      await this.record(ctx, 'edit', id, {
        code: saved.code,
        version: saved.version,
        reason: dto.reason,
        changed: changedFields(current, change),
      });
      return present(saved);
    });
  }

  /** The rules as a file (what the registers exported before); the download is in the access log first. */
  async exportFile(ctx: StaffContext, format: 'csv' | 'xlsx' | 'json'): Promise<ExportFile> {
    throwUnlessCan(ctx.ability, 'read', 'RetentionRule');
    const rows = (await this.rules.all()).map(present) as unknown as Record<string, unknown>[];
    const generatedAt = this.calendar.now().toISOString();
    await this.audit.record(
      { action: 'download', resource: 'retention-rules', outcome: 'success', detail: { format, rows: rows.length } },
      ctx.origin,
    );
    const body =
      format === 'csv'
        ? this.exporter.csv('retention-rules', rows)
        : format === 'xlsx'
          ? await this.exporter.xlsx('retention-rules', rows)
          : JSON.stringify({ register: 'retention-rules', generatedAt, rows }, null, 2);
    return {
      body,
      contentType: CONTENT_TYPES[format],
      filename: `retention-rules-${generatedAt.slice(0, 10)}.${format}`,
      rows: rows.length,
    };
  }

  // ---- rules of the rules ----------------------------------------------------------------

  /**
   * The rule a save would leave, or a 422 naming every wrong field. A rule that acts on records
   * (a category) needs a positive period its records can be counted from, a trigger and an action
   * the catalogue allows for that category; a notice period belongs to separation only and must
   * end before the period does.
   */
  private check(input: RetentionRuleFieldsDto, current: RetentionRuleRecord | null, code: string): RetentionRuleChange {
    const errors: FieldProblem[] = [];
    const problem = (field: string, fieldCode: RetentionRuleFieldCode, message: string) =>
      errors.push({ field, code: fieldCode, message });
    const pick = <K extends keyof RetentionRuleFieldsDto>(
      key: K,
      fallback: RetentionRuleRecord[keyof RetentionRuleRecord] | undefined,
    ) => (input[key] !== undefined ? input[key] : fallback);

    const rawName = input.name ?? current?.name;
    const name = { ko: (rawName?.ko ?? '').trim(), en: (rawName?.en ?? '').trim() };
    if (name.ko === '' && name.en === '')
      problem('name', RetentionRuleFieldCode.Required, 'Required, in Korean, English or both');

    let retention: Retention | null = null;
    const rawRetention = input.retention ?? current?.retention;
    if (rawRetention === undefined) {
      problem('retention', RetentionRuleFieldCode.Required, 'Required');
    } else {
      const parsed = parseRetention(rawRetention, 'retention');
      errors.push(...parsed.errors);
      retention = parsed.value;
    }

    const source = (input.source ?? current?.source ?? '').trim();
    if (source === '') problem('source', RetentionRuleFieldCode.Required, 'Required');

    const category = (pick('category', current?.category) ?? null) as string | null;
    const trigger = (pick('trigger', current?.trigger) ?? null) as RetentionRuleChange['trigger'];
    const action = (pick('action', current?.action) ?? null) as RetentionRuleChange['action'];
    const noticePeriod = (pick('noticePeriod', current?.noticePeriod) ?? null) as string | null;
    const enabled = input.enabled ?? current?.enabled ?? true;

    if (category === null) {
      if (trigger !== null)
        problem('trigger', RetentionRuleFieldCode.NotAllowed, 'A rule without a category has no trigger');
      if (action !== null)
        problem('action', RetentionRuleFieldCode.NotAllowed, 'A rule without a category has no action');
    } else if (!Object.hasOwn(RECORD_CATEGORIES, category)) {
      problem(
        'category',
        RetentionRuleFieldCode.UnknownCategory,
        `One of ${Object.keys(RECORD_CATEGORIES).join(', ')}`,
      );
    } else {
      const spec = RECORD_CATEGORIES[category as RecordCategory];
      if (trigger === null || !(spec.triggers as readonly string[]).includes(trigger)) {
        problem('trigger', RetentionRuleFieldCode.NotAllowed, `For ${category}: ${spec.triggers.join(', ')}`);
      }
      if (action === null || !(spec.actions as readonly string[]).includes(action)) {
        problem('action', RetentionRuleFieldCode.NotAllowed, `For ${category}: ${spec.actions.join(', ')}`);
      }
      if (
        retention !== null &&
        (retention.period === undefined || shiftByPeriod('2000-01-01', retention.period, 1) === null)
      ) {
        problem(
          'retention.period',
          RetentionRuleFieldCode.InvalidRetention,
          'A rule that acts on records needs a positive ISO 8601 period, e.g. P5Y',
        );
      }
    }

    if (noticePeriod !== null) {
      if (action !== 'separate') {
        problem('noticePeriod', RetentionRuleFieldCode.NotAllowed, 'Only a rule that separates has a notice period');
      } else if (shiftByPeriod('2000-01-01', noticePeriod, 1) === null) {
        problem('noticePeriod', RetentionRuleFieldCode.InvalidRetention, "A positive ISO 8601 period, e.g. 'P30D'");
      } else if (retention?.period !== undefined && !isShorterPeriod(noticePeriod, retention.period)) {
        problem('noticePeriod', RetentionRuleFieldCode.NotAllowed, 'Shorter than the retention period');
      }
    }

    if (errors.length > 0) throw Problem.validation(errors);
    return { code, name, retention: retention!, source, category, trigger, action, noticePeriod, enabled };
  }

  /** Two enabled rules on one category would give its records two periods. */
  private async refuseSecondOnCategory(change: RetentionRuleChange, id: string | null): Promise<void> {
    if (change.category === null || !change.enabled) return;
    const other = await this.rules.enabledOnCategory(change.category, id);
    if (other !== null) throw categoryTaken(other.code);
  }

  /** Two saves at once on one category or code: the unique indexes stop the second; answer as if seen first. */
  private async guardingUniques<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const driver = (error as { driverError?: { code?: string; constraint?: string } }).driverError;
      if (driver?.code === '23505' && driver.constraint === 'retention_rules_category_key') throw categoryTaken(null);
      if (driver?.code === '23505' && driver.constraint === 'retention_rules_code_key') {
        throw Problem.of(RetentionRulesErrorCode.CodeTaken, 'A rule already has this code');
      }
      throw error;
    }
  }

  private async load(ctx: StaffContext, action: Action, id: string, lock = false): Promise<RetentionRuleRecord> {
    const rule = await this.rules.find(id, { lock });
    if (rule === null) {
      throwUnlessCan(ctx.ability, action, 'RetentionRule');
      throw Problem.of(RetentionRulesErrorCode.RuleNotFound, 'No retention rule has this id');
    }
    throwUnlessCan(ctx.ability, action, asSubject('RetentionRule', { ...rule }));
    return rule;
  }

  private async record(
    ctx: StaffContext,
    action: 'create' | 'edit',
    ruleId: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      { action, resource: RESOURCE, outcome: 'success', detail: { ruleId, ...detail } },
      ctx.origin,
    );
  }
}

function categoryTaken(code: string | null): Problem {
  const message =
    code === null ? 'Another enabled rule acts on this category' : `The enabled rule ${code} acts on this category`;
  return Problem.of(RetentionRulesErrorCode.CategoryTaken, message, [
    { field: 'category', code: RetentionRulesErrorCode.CategoryTaken, message },
  ]);
}

function registerRow(rule: RetentionRuleRecord): RetentionRuleRow {
  return { id: rule.id, code: rule.code, name: rule.name, retention: rule.retention, source: rule.source };
}

function present(rule: RetentionRuleRecord): RetentionRuleView {
  return {
    id: rule.id,
    code: rule.code,
    name: rule.name,
    retention: { ...rule.retention, display: retentionDisplay(rule.retention) },
    source: rule.source,
    category: rule.category,
    trigger: rule.trigger,
    action: rule.action,
    noticePeriod: rule.noticePeriod,
    enabled: rule.enabled,
    version: rule.version,
    updatedAt: rule.updatedAt.toISOString(),
    approvedBy: rule.approvedById === null ? null : { id: rule.approvedById, name: rule.approvedByName ?? '' },
    approvedAt: rule.approvedAt?.toISOString() ?? null,
  };
}

/** A stored version (the table's columns, as to_jsonb wrote them) in the API's words. */
function presentSnapshot(rule: Record<string, unknown>): Record<string, unknown> {
  const retention = rule.retention as Retention;
  return {
    code: rule.code,
    name: rule.name,
    retention: { ...retention, display: retentionDisplay(retention) },
    source: rule.source,
    category: rule.category ?? null,
    trigger: rule.trigger ?? null,
    action: rule.action ?? null,
    noticePeriod: rule.notice_period ?? null,
    enabled: rule.enabled ?? true,
    version: rule.version ?? null,
    approvedById: rule.approved_by ?? null,
    approvedAt: rule.approved_at ?? null,
  };
}

function changedFields(current: RetentionRuleRecord, next: RetentionRuleChange): string[] {
  return (Object.keys(next) as (keyof RetentionRuleChange)[]).filter(
    (key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]),
  );
}
