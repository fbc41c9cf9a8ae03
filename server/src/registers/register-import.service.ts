import { Injectable } from '@nestjs/common';
import { throwUnlessCan } from '../authorization/abilities';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { EntityManager } from 'typeorm';
import type { StaffContext } from '../context/staff-context';
import { flattenValidationErrors } from '../common/list-query';
import { FieldProblem, Problem } from '../common/problem';
import { ActivityInputDto, ImportActivityDto } from './dto/activity.dto';
import type { PolicyBodyDto } from './dto/policy.dto';
import { ImportProcessorDto, ProcessorInputDto } from './dto/processor.dto';
import { ImportProvisionDto, ProvisionInputDto } from './dto/provision.dto';
import { ImportTransferDto, TransferInputDto } from './dto/transfer.dto';
import type { RegisterDocument, RegisterProfile } from './profiles/register-document';
import { REGISTER_PROFILES } from './profiles/register-profiles';
import type { LocalizedText, PolicyRegister, RegisterName } from './register-types';
import { RegisterErrorCode, RegisterFieldCode } from './registers.errors';
import { RegistersRepository } from './registers.repository';
import { Author, author, RegisterInputs, RegistersService } from './registers.service';
import { RetentionRulesService } from '../retention/rules/retention-rules.service';

export interface ImportResult {
  policyId: string;
  counts: Record<PolicyRegister, number>;
}

export interface ProfileSummary {
  code: string;
  name: LocalizedText;
  description: LocalizedText;
  policyId: string | null;
}

/** Who the demo seed's versions name. */
export const DEMO_SEED_AUTHOR: Author = { id: null, displayName: 'Demo data', origin: { requestId: 'demo-seed' } };

type RowClass = new () => object;

/**
 * Imports a whole policy with its registers in one transaction: every row goes through the
 * same rules as the API, in order, and the first bad row undoes everything before it.
 */
@Injectable()
export class RegisterImportService {
  constructor(
    private readonly registers: RegistersService,
    private readonly repo: RegistersRepository,
    private readonly rules: RetentionRulesService,
  ) {}

  async profiles(ctx: StaffContext): Promise<ProfileSummary[]> {
    throwUnlessCan(ctx.ability, 'read', 'Register');
    const policies = await this.repo.all('policies');
    return REGISTER_PROFILES.map((p) => ({
      code: p.code,
      name: p.name,
      description: p.description,
      policyId: policies.find((policy) => policy.code === p.document.policy.code)?.id ?? null,
    }));
  }

  importProfile(ctx: StaffContext, code: string, reason: string): Promise<ImportResult> {
    throwUnlessCan(ctx.ability, 'create', 'Register');
    return this.importDocument(author(ctx), profile(code).document, reason);
  }

  importFromRequest(ctx: StaffContext, document: unknown, reason: string): Promise<ImportResult> {
    throwUnlessCan(ctx.ability, 'create', 'Register');
    return this.importDocument(author(ctx), document as RegisterDocument, reason);
  }

  /**
   * Imports each profile whose policy is not there yet (the demo database's first start).
   * Returns the codes imported. Safe to run at every start.
   */
  async ensureDemoRegisters(): Promise<string[]> {
    const existing = new Set((await this.repo.all('policies')).map((p) => p.code));
    const imported: string[] = [];
    for (const p of REGISTER_PROFILES) {
      if (existing.has(p.document.policy.code)) continue;
      await this.importDocument(DEMO_SEED_AUTHOR, p.document, `Demo data: the ${p.code} profile`);
      imported.push(p.code);
    }
    return imported;
  }

  async importDocument(who: Author, document: RegisterDocument, reason: string): Promise<ImportResult> {
    return this.repo.transaction(async (manager) => {
      const policy = await this.save(
        who,
        'policies',
        document.policy as PolicyBodyDto,
        reason,
        manager,
        'document.policy.',
      );
      const policyId = policy.id;
      const keys: Record<'processors' | 'provisions' | 'transfers', Map<string, string>> = {
        processors: new Map(),
        provisions: new Map(),
        transfers: new Map(),
      };

      for (const [i, raw] of (document.processors ?? []).entries()) {
        const prefix = `document.processors[${i}].`;
        const row = readRow(ImportProcessorDto, raw, prefix);
        const problems = claimKey(keys.processors, row.key, prefix);
        let parentId: string | null = null;
        if (row.parentKey !== undefined) {
          parentId = keys.processors.get(row.parentKey) ?? null;
          if (parentId === null) problems.push(unknownKey(`${prefix}parentKey`, 'an earlier processor'));
        }
        if (problems.length > 0) throw Problem.validation(problems);
        const body = without(row, ['key', 'parentKey']);
        const saved = await this.save(
          who,
          'processors',
          { ...body, policyId, parentId } as ProcessorInputDto,
          reason,
          manager,
          prefix,
        );
        keys.processors.set(row.key, saved.id);
      }

      for (const [register, rowClass] of [
        ['provisions', ImportProvisionDto],
        ['transfers', ImportTransferDto],
      ] as const) {
        for (const [i, raw] of (document[register] ?? []).entries()) {
          const prefix = `document.${register}[${i}].`;
          const row = readRow(rowClass as RowClass, raw, prefix) as ImportProvisionDto | ImportTransferDto;
          const problems = claimKey(keys[register], row.key, prefix);
          if (problems.length > 0) throw Problem.validation(problems);
          const { key, ...body } = row;
          const saved = await this.save(
            who,
            register,
            { ...body, policyId } as ProvisionInputDto & TransferInputDto,
            reason,
            manager,
            prefix,
          );
          keys[register].set(key, saved.id);
        }
      }

      for (const [i, raw] of (document.activities ?? []).entries()) {
        const prefix = `document.activities[${i}].`;
        const row = readRow(ImportActivityDto, raw, prefix);
        const problems: FieldProblem[] = [];
        const resolve = (field: 'processorKeys' | 'provisionKeys' | 'transferKeys', map: Map<string, string>) =>
          (row[field] ?? []).map((k, j) => {
            const id = map.get(k);
            if (id === undefined) problems.push(unknownKey(`${prefix}${field}[${j}]`, 'a row of this document'));
            return id as string;
          });
        const processorIds = resolve('processorKeys', keys.processors);
        const provisionIds = resolve('provisionKeys', keys.provisions);
        const transferIds = resolve('transferKeys', keys.transfers);
        let retentionRuleId: string | null = null;
        if (row.retentionRuleCode !== undefined) {
          retentionRuleId = (await this.rules.registerRowByCode(row.retentionRuleCode, manager))?.id ?? null;
          if (retentionRuleId === null) problems.push(unknownKey(`${prefix}retentionRuleCode`, 'a retention rule'));
        }
        if (problems.length > 0) throw Problem.validation(problems);
        const body = without(row, ['processorKeys', 'provisionKeys', 'transferKeys', 'retentionRuleCode']);
        const input: ActivityInputDto = { ...body, policyId, processorIds, provisionIds, transferIds, retentionRuleId };
        await this.save(who, 'activities', input, reason, manager, prefix);
      }

      return {
        policyId,
        counts: {
          processors: keys.processors.size,
          provisions: keys.provisions.size,
          transfers: keys.transfers.size,
          activities: (document.activities ?? []).length,
        },
      };
    });
  }

  private async save<R extends RegisterName>(
    who: Author,
    register: R,
    input: RegisterInputs[R],
    reason: string,
    manager: EntityManager,
    prefix: string,
  ) {
    const checked = await this.registers.check(register, input, null, manager, prefix);
    if (checked.fields === null)
      throw Problem.validation(checked.errors, `The import stopped at ${prefix.slice(0, -1)}`);
    return this.registers.write(who, register, checked.fields, null, reason, 'import', manager);
  }
}

export function profile(code: string): RegisterProfile {
  const found = REGISTER_PROFILES.find((p) => p.code === code);
  if (found === undefined) {
    throw Problem.of(RegisterErrorCode.ProfileNotFound, 'No profile has this code');
  }
  return found;
}

/** One row of an import document, read and checked like a request body. */
function readRow<T extends object>(rowClass: new () => T, raw: unknown, prefix: string): T {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw Problem.validation([
      { field: prefix.slice(0, -1), code: RegisterFieldCode.Required, message: 'Each row is an object' },
    ]);
  }
  const row = plainToInstance(rowClass, raw);
  const errors = validateSync(row, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw Problem.validation(flattenValidationErrors(errors, prefix));
  return row;
}

function without<T extends object, K extends keyof T>(row: T, keys: K[]): Omit<T, K> {
  const copy = { ...row };
  for (const key of keys) delete copy[key];
  return copy;
}

function claimKey(keys: Map<string, string>, key: string, prefix: string): FieldProblem[] {
  return keys.has(key)
    ? [{ field: `${prefix}key`, code: RegisterFieldCode.Taken, message: 'Another row of this register has this key' }]
    : [];
}

function unknownKey(field: string, what: string): FieldProblem {
  return { field, code: RegisterFieldCode.UnknownReference, message: `Names no ${what}` };
}
