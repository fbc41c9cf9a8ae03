import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { hasFreshStepUp, stepUpRequired } from '../auth/step-up.guard';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { DriftChecker, DriftReport } from './drift-check';
import type { CombinedExportFormat, RenderQuery, RowExportFormat } from './dto/register-tools.dto';
import { PolicyRenderer, RenderedTable } from './policy-renderer';
import { RegisterAlert, RegisterAlertCalculator } from './register-alerts';
import { CombinedExport, ExportRegister, RegisterExporter } from './register-exporter';
import { layoutTables } from './policy-layouts';
import { POLICY_TABLES, type Lang, type Layout, type PolicyTable, type RegisterName } from './register-types';
import { RegistersRepository } from './registers.repository';
import { RetentionRulesService } from '../retention/rules/retention-rules.service';
import { present, presentRetentionRule, RegistersService } from './registers.service';

export interface RenderResult {
  policyId: string;
  lang: Lang;
  format: 'markdown' | 'html';
  layout: Layout;
  asOf: string | null;
  /** The tables the policy has (its layout says which); only these are ever rendered. */
  policyTables: PolicyTable[];
  tables: RenderedTable[];
  content: string;
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
  markdown: 'text/markdown; charset=utf-8',
} as const;

const EXTENSIONS = { csv: 'csv', xlsx: 'xlsx', json: 'json', markdown: 'md' } as const;

/** What the registers produce: the policy's tables, the drift check, alerts and exports. */
@Injectable()
export class RegisterReportsService {
  constructor(
    private readonly registers: RegistersService,
    private readonly repo: RegistersRepository,
    private readonly renderer: PolicyRenderer,
    private readonly drift: DriftChecker,
    private readonly alertCalculator: RegisterAlertCalculator,
    private readonly exporter: RegisterExporter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly rules: RetentionRulesService,
  ) {}

  async render(ctx: StaffContext, policyId: string, query: RenderQuery): Promise<RenderResult> {
    const cutoff = await this.registers.cutoff(query.asOf);
    const registers = await this.registers.policyRegisters(ctx, policyId, cutoff);
    const lang = query.lang ?? 'ko';
    const layout = query.layout ?? registers.policy.layout;
    const format = query.format ?? 'markdown';
    const tables = this.renderer.render(
      registers,
      query.table === undefined || query.table === 'all' ? POLICY_TABLES : [query.table],
      lang,
      layout,
    );
    return {
      policyId,
      lang,
      format,
      layout,
      asOf: query.asOf ?? null,
      policyTables: layoutTables(layout),
      tables,
      content: format === 'html' ? this.renderer.html(tables) : this.renderer.markdown(tables),
    };
  }

  /** `text`: the published policy, in Markdown or as plain text. */
  async driftCheck(ctx: StaffContext, policyId: string, text: string): Promise<DriftReport & { policyId: string }> {
    const registers = await this.registers.policyRegisters(ctx, policyId, null);
    return { policyId, ...this.drift.check(text, registers, registers.policy.layout) };
  }

  async alerts(ctx: StaffContext, policyId?: string): Promise<RegisterAlert[]> {
    throwUnlessCan(ctx.ability, 'read', 'Register');
    const inPolicy = <T extends { policyId: string }>(rows: T[]) =>
      policyId === undefined ? rows : rows.filter((r) => r.policyId === policyId);
    return this.alertCalculator.alerts(
      inPolicy(await this.repo.all('processors')),
      inPolicy(await this.repo.all('transfers')),
      this.registers.today(),
    );
  }

  /** One register as a file; the download is in the access log before a byte is sent. */
  async exportRegister(
    ctx: StaffContext,
    register: ExportRegister,
    format: RowExportFormat,
    options: { policyId?: string; asOf?: string },
  ): Promise<ExportFile> {
    const rows = await this.exportRows(ctx, register, options);
    const generatedAt = this.clock.now().toISOString();
    if (register === 'disclosures') {
      await this.registers.recordDisclosureReads(ctx, rows as { id: string; subjectId: string }[], 'download', {
        export: format,
      });
    } else {
      await this.audit.record(
        {
          action: 'download',
          resource: `register-${register}`,
          outcome: 'success',
          detail: {
            register,
            format,
            rows: rows.length,
            policyId: options.policyId ?? null,
            asOf: options.asOf ?? null,
          },
        },
        ctx.origin,
      );
    }
    const body =
      format === 'csv'
        ? this.exporter.csv(register, rows)
        : format === 'xlsx'
          ? await this.exporter.xlsx(register, rows)
          : JSON.stringify({ register, generatedAt, asOf: options.asOf ?? null, rows }, null, 2);
    return {
      body,
      contentType: CONTENT_TYPES[format],
      filename: `register-${register}-${generatedAt.slice(0, 10)}.${EXTENSIONS[format]}`,
      rows: rows.length,
    };
  }

  /** Every register in one document for a regulator; the disclosures only for roles that may read them. */
  async exportCombined(
    ctx: StaffContext,
    format: CombinedExportFormat,
    options: { policyId?: string; asOf?: string; lang?: Lang },
  ): Promise<ExportFile> {
    throwUnlessCan(ctx.ability, 'read', 'Register');
    const includes: ExportRegister[] = [
      'policies',
      'activities',
      'processors',
      'provisions',
      'transfers',
      'retention-rules',
    ];
    if (ctx.ability.can('read', 'LegalDisclosure')) {
      // The disclosures name people: exporting them needs step-up, as their own export does.
      if (!hasFreshStepUp(ctx, this.clock.now(), this.config.stepUpMs)) throw stepUpRequired();
      includes.push('disclosures');
    }
    const registers: CombinedExport['registers'] = {};
    for (const register of includes) {
      // Disclosures are not per policy: a policy filter leaves them whole.
      registers[register] = await this.exportRows(ctx, register, {
        ...options,
        policyId: register === 'disclosures' ? undefined : options.policyId,
      });
    }
    const generatedAt = this.clock.now().toISOString();
    const data: CombinedExport = { generatedAt, asOf: options.asOf ?? null, includes, registers };
    const total = Object.values(registers).reduce((n, rows) => n + rows.length, 0);
    await this.audit.record(
      {
        action: 'download',
        resource: 'registers',
        outcome: 'success',
        detail: { format, includes, rows: total, policyId: options.policyId ?? null, asOf: options.asOf ?? null },
      },
      ctx.origin,
    );
    if (includes.includes('disclosures')) {
      await this.registers.recordDisclosureReads(
        ctx,
        (registers.disclosures ?? []) as { id: string; subjectId: string }[],
        'download',
        { export: `combined-${format}` },
      );
    }
    const body =
      format === 'xlsx'
        ? await this.exporter.combinedXlsx(data)
        : format === 'markdown'
          ? this.exporter.combinedMarkdown(data, options.lang ?? 'ko')
          : JSON.stringify(
              {
                generatedAt,
                asOf: data.asOf,
                includes,
                policies: registers.policies,
                activities: registers.activities,
                processors: registers.processors,
                provisions: registers.provisions,
                transfers: registers.transfers,
                retentionRules: registers['retention-rules'],
                ...(includes.includes('disclosures') ? { legalDisclosures: registers.disclosures } : {}),
              },
              null,
              2,
            );
    return {
      body,
      contentType: CONTENT_TYPES[format],
      filename: `registers-${generatedAt.slice(0, 10)}.${EXTENSIONS[format]}`,
      rows: total,
    };
  }

  private async exportRows(
    ctx: StaffContext,
    register: ExportRegister,
    options: { policyId?: string; asOf?: string },
  ): Promise<Record<string, unknown>[]> {
    if (register === 'retention-rules') {
      throwUnlessCan(ctx.ability, 'read', 'Register');
      return (await this.rules.registerRows()).map(presentRetentionRule);
    }
    const name: RegisterName = register;
    const subjectType = name === 'disclosures' ? 'LegalDisclosure' : 'Register';
    throwUnlessCan(ctx.ability, 'read', subjectType);
    const rows = await this.registers.rows(name, await this.registers.cutoff(options.asOf));
    const today = this.registers.today();
    return rows
      .filter((r) => {
        if (options.policyId === undefined) return true;
        if (name === 'policies') return r.id === options.policyId;
        return (r as { policyId?: string }).policyId === options.policyId;
      })
      .filter((r) => ctx.ability.can('read', asSubject(subjectType, { ...r })))
      .sort((a, b) => {
        const pa = (a as { position?: number }).position ?? 0;
        const pb = (b as { position?: number }).position ?? 0;
        return pa - pb || a.createdAt.localeCompare(b.createdAt);
      })
      .map((r) => present(name, r, today));
  }
}
