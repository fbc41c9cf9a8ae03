import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { subject as asSubject } from '@casl/ability';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../access-log/audit.service';
import type { EventOrigin } from '../access-log/audit-event';
import type { StaffContext } from '../context/staff-context';
import { throwUnlessCan, type SubjectType } from '../authorization/abilities';
import { CalendarService } from '../calendar/calendar.service';
import { instantAfter, parseInstant } from '../calendar/instant';
import { endOfLocalDate, isLocalDate, utcDateOf, type LocalDate } from '../calendar/local-date';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import { StaffService } from '../staff/staff.service';
import { RetentionRulesService } from '../retention/rules/retention-rules.service';
import { SubjectNamesService } from '../subjects/subject-names.service';
import { countryName } from './countries';
import type { ActivityInputDto } from './dto/activity.dto';
import type { DisclosureInputDto } from './dto/disclosure.dto';
import type { PolicyBodyDto } from './dto/policy.dto';
import type { ProcessorInputDto } from './dto/processor.dto';
import type { ProvisionInputDto } from './dto/provision.dto';
import type { TransferInputDto } from './dto/transfer.dto';
import {
  Checked,
  checkActivity,
  checkDisclosure,
  checkPolicyInput,
  checkProcessor,
  checkProvision,
  checkTransfer,
  missingTerms,
  RuleLookups,
} from './register-rules';
import type {
  AnyRow,
  DisclosureRow,
  PolicyRegister,
  PolicyRegisters,
  ProcessorRow,
  RegisterName,
  RegisterRows,
  Retention,
  RegisterRecipient,
  RetentionRuleRow,
  TransferRow,
} from './register-types';
import { DATA_CATEGORIES, type DataCategory } from './register-types';
import { dpaDeadline, inspectionDeadline } from './register-alerts';
import type { VersionOperation } from './register-version.entity';
import { RegisterErrorCode, RegisterFieldCode } from './registers.errors';
import { RegistersRepository } from './registers.repository';
import type { RegisterFactsReader } from '../subjects/export/export-types';
import { retentionDisplay } from './retention';
import { historyOf, type HistoryEntry as SharedHistoryEntry } from '../common/version-diff';

export interface RegisterInputs {
  policies: PolicyBodyDto;
  processors: ProcessorInputDto;
  provisions: ProvisionInputDto;
  transfers: TransferInputDto;
  activities: ActivityInputDto;
  disclosures: DisclosureInputDto;
}

/** Who makes a change: a signed-in staff member, or the demo seed. */
export interface Author {
  id: string | null;
  displayName: string;
  origin: EventOrigin;
}

export type HistoryEntry = SharedHistoryEntry<VersionOperation, Record<string, unknown>>;

export type ListFilter = Record<string, unknown> & { q?: string; id?: string[] };

const SUBJECT: Record<RegisterName, SubjectType> = {
  policies: 'Register',
  processors: 'Register',
  provisions: 'Register',
  transfers: 'Register',
  activities: 'Register',
  disclosures: 'LegalDisclosure',
};

/** Access-log resource names of each register. */
export const RESOURCE: Record<RegisterName, string> = {
  policies: 'register-policy',
  processors: 'register-processor',
  provisions: 'register-provision',
  transfers: 'register-transfer',
  activities: 'register-activity',
  disclosures: 'legal-disclosure',
};

export const DISCLOSURE_FIELDS = ['subjectId', 'authority', 'legalBasis', 'items', 'disclosedOn', 'approvedBy'];

/** Fields the `q` filter searches. */
const SEARCHED: Record<RegisterName, string[]> = {
  policies: ['code', 'name'],
  processors: ['recipient', 'task', 'contact'],
  provisions: ['recipient', 'purpose'],
  transfers: ['recipient', 'contact', 'country'],
  activities: ['name', 'section', 'purpose'],
  disclosures: ['authority', 'legalBasis', 'requestReference', 'items', 'approvedBy'],
};

/**
 * The registers' rules: reading them now or as they stood on a date, changing them with an
 * optimistic version check, keeping every version with its author and reason, and writing the
 * access-log event in the same transaction.
 */
@Injectable()
export class RegistersService {
  constructor(
    private readonly repo: RegistersRepository,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly staff: StaffService,
    private readonly people: SubjectNamesService,
    private readonly rules: RetentionRulesService,
  ) {}

  // ---- reading -----------------------------------------------------------------------

  async list<R extends RegisterName>(
    ctx: StaffContext,
    register: R,
    params: ListParams<string, object>,
    asOf?: string,
  ): Promise<{ rows: Record<string, unknown>[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', SUBJECT[register]);
    const filter = params.filter as ListFilter;
    const all = await this.rows(register, await this.cutoff(asOf));
    const matching = all
      .filter((row) => matches(register, row, filter))
      .filter((row) => ctx.ability.can('read', asSubject(SUBJECT[register], { ...row })));
    const sorted = matching.sort((a, b) => compare(a, b, params.sortField, params.sortOrder));
    const page = sorted.slice(params.offset, params.offset + params.limit);
    if (register === 'disclosures') await this.recordDisclosureReads(ctx, page, 'view', { list: true });
    const today = this.today();
    return { rows: page.map((r) => present(register, r, today)), total: matching.length };
  }

  async get(ctx: StaffContext, register: RegisterName, id: string, asOf?: string): Promise<Record<string, unknown>> {
    const cutoff = await this.cutoff(asOf);
    const row = cutoff === null ? await this.repo.find(register, id) : await this.repo.findAsOf(register, id, cutoff);
    if (row === null) throw notFound(register);
    throwUnlessCan(ctx.ability, 'read', asSubject(SUBJECT[register], { ...row }));
    if (register === 'disclosures') await this.recordDisclosureReads(ctx, [row], 'view', {});
    return present(register, row, this.today());
  }

  async history(ctx: StaffContext, register: RegisterName, id: string): Promise<HistoryEntry[]> {
    const row = await this.repo.find(register, id);
    if (row === null) throw notFound(register);
    throwUnlessCan(ctx.ability, 'read', asSubject(SUBJECT[register], { ...row }));
    const versions = await this.repo.history(register, id);
    if (register === 'disclosures') {
      // Old versions may name another subject (a corrected entry): their reads are recorded too.
      const named = versions.map((v) => ({ id, subjectId: v.snapshot.subjectId as string }));
      await this.recordDisclosureReads(ctx, named, 'view', { history: true });
    }
    return historyOf(versions);
  }

  /**
   * The legal disclosures a subject's access-request export includes: only those the law lets
   * the subject learn about (`shareWithSubject`). The export that calls this records the access.
   */
  async disclosuresForSubjectExport(subjectId: string, manager?: EntityManager): Promise<DisclosureRow[]> {
    const rows = await this.repo.all('disclosures', { subjectId }, manager);
    return rows.filter((d) => d.shareWithSubject).sort((a, b) => a.disclosedOn.localeCompare(b.disclosedOn));
  }

  /** The register reads a subject export needs (SubjectExportService cannot import this feature). */
  exportFacts(): RegisterFactsReader {
    return {
      policy: (service) => this.forSubjectExport(service),
      disclosures: (subjectId) => this.disclosuresForSubjectExport(subjectId),
    };
  }

  /**
   * The processors, provisions and transfers linked to a policy's active processing activities
   * that use any of `categories`: who must hear of a rectification, erasure or restriction
   * (GDPR Art. 19, PIPA entrustment). Ended rows and transfers no longer in use are left out.
   */
  async recipientsHolding(policyCode: string, categories: DataCategory[]): Promise<RegisterRecipient[]> {
    const policy = (await this.repo.all('policies')).find((p) => p.code === policyCode);
    if (policy === undefined || categories.length === 0) return [];
    const asked = new Set(categories);
    const held = { processor: new Map<string, Set<DataCategory>>(), provision: new Map(), transfer: new Map() };
    for (const activity of await this.repo.all('activities')) {
      if (activity.policyId !== policy.id || activity.status !== 'active') continue;
      const touched = activity.dataCategories.filter((c) => asked.has(c));
      if (touched.length === 0) continue;
      const links: [keyof typeof held, string[]][] = [
        ['processor', activity.processorIds],
        ['provision', activity.provisionIds],
        ['transfer', activity.transferIds],
      ];
      for (const [kind, ids] of links) {
        for (const id of ids) {
          const set: Set<DataCategory> = held[kind].get(id) ?? new Set();
          touched.forEach((c) => set.add(c));
          held[kind].set(id, set);
        }
      }
    }
    const sorted = (set: Set<DataCategory> | undefined) => DATA_CATEGORIES.filter((c) => set?.has(c));
    const processors = (await this.repo.all('processors'))
      .filter((p) => held.processor.has(p.id) && p.status !== 'ended')
      .map((p) => ({
        kind: 'processor' as const,
        id: p.id,
        recipient: p.recipient,
        contact: p.contact,
        dataCategories: sorted(held.processor.get(p.id)),
      }));
    const provisions = (await this.repo.all('provisions'))
      .filter((p) => held.provision.has(p.id) && p.status === 'active')
      .map((p) => ({
        kind: 'provision' as const,
        id: p.id,
        recipient: p.recipient,
        contact: '',
        dataCategories: sorted(held.provision.get(p.id)),
      }));
    const transfers = (await this.repo.all('transfers'))
      .filter((t) => held.transfer.has(t.id) && t.inUse)
      .map((t) => ({
        kind: 'transfer' as const,
        id: t.id,
        recipient: t.recipient,
        contact: t.contact,
        dataCategories: sorted(held.transfer.get(t.id)),
      }));
    return [...processors, ...provisions, ...transfers];
  }

  /**
   * The current registers of the policy a platform service runs under (its code is the service's
   * name), for a subject export: the caller checks its own permission and records the access.
   * Null when the service has no policy in the registers.
   */
  async forSubjectExport(service: string): Promise<PolicyRegisters | null> {
    const policy = (await this.repo.all('policies')).find((p) => p.code === service);
    if (policy === undefined) return null;
    // One after another: an export reads these in its transaction, on one connection.
    const processors = await this.repo.all('processors', { policyId: policy.id });
    const provisions = await this.repo.all('provisions', { policyId: policy.id });
    const transfers = await this.repo.all('transfers', { policyId: policy.id });
    const activities = await this.repo.all('activities', { policyId: policy.id });
    const retentionRules = await this.rules.registerRows();
    const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
    return {
      policy,
      processors: processors.filter((p) => p.status === 'active').sort(byPosition),
      provisions: provisions.filter((p) => p.status === 'active').sort(byPosition),
      transfers: transfers.filter((t) => !t.suspended).sort(byPosition),
      activities: activities.filter((a) => a.status === 'active').sort(byPosition),
      retentionRules,
    };
  }

  /** Rows of a register, now (`cutoff` null) or as they stood before `cutoff`. */
  async rows<R extends RegisterName>(register: R, cutoff: Date | null): Promise<RegisterRows[R][]> {
    return cutoff === null ? this.repo.all(register) : this.repo.allAsOf(register, cutoff);
  }

  /** One policy with every row that belongs to it. */
  async policyRegisters(ctx: StaffContext, policyId: string, cutoff: Date | null): Promise<PolicyRegisters> {
    const policy =
      cutoff === null
        ? await this.repo.find('policies', policyId)
        : await this.repo.findAsOf('policies', policyId, cutoff);
    if (policy === null) throw notFound('policies');
    throwUnlessCan(ctx.ability, 'read', asSubject('Register', { ...policy }));
    const of = async <R extends PolicyRegister>(register: R) =>
      (await this.rows(register, cutoff)).filter((r) => r.policyId === policyId);
    return {
      policy,
      processors: await of('processors'),
      provisions: await of('provisions'),
      transfers: await of('transfers'),
      activities: await of('activities'),
      // Rules are not versioned: a past rendering shows today's wording of the records kept by statute.
      retentionRules: await this.rules.registerRows(),
    };
  }

  /** The end of `asOf` (a date: the end of that day in the organisation's time zone); null: now. */
  async cutoff(asOf: string | undefined): Promise<Date | null> {
    if (asOf === undefined) return null;
    const invalid = () =>
      Problem.validation([
        { field: 'asOf', code: RegisterFieldCode.InvalidAsOf, message: 'A date (YYYY-MM-DD) or an ISO 8601 date-time' },
      ]);
    if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      if (!isLocalDate(asOf)) throw invalid();
      return endOfLocalDate(asOf, this.calendar.timeZone);
    }
    const instant = parseInstant(asOf);
    if (instant === null || !isLocalDate(utcDateOf(instant))) throw invalid();
    // Versions are read strictly before the cutoff: the named instant itself is included.
    return instantAfter(instant, 1);
  }

  /** Today's date in the organisation's time zone. */
  today(): LocalDate {
    return this.calendar.today();
  }

  // ---- changing ----------------------------------------------------------------------

  async create<R extends RegisterName>(
    ctx: StaffContext,
    register: R,
    input: RegisterInputs[R],
    reason: string,
  ): Promise<Record<string, unknown>> {
    throwUnlessCan(ctx.ability, 'create', SUBJECT[register]);
    const row = await this.repo
      .transaction(async (manager) => {
        const fields = await this.checkOrThrow(register, input, null, manager);
        return this.write(author(ctx), register, fields, null, reason, 'create', manager);
      })
      .catch(codeRace);
    return present(register, row, this.today());
  }

  async update<R extends RegisterName>(
    ctx: StaffContext,
    register: R,
    id: string,
    input: RegisterInputs[R],
    version: number,
    reason: string,
  ): Promise<Record<string, unknown>> {
    const row = await this.repo
      .transaction(async (manager) => {
        const current = await this.repo.find(register, id, manager, true);
        if (current === null) throw notFound(register);
        throwUnlessCan(ctx.ability, 'update', asSubject(SUBJECT[register], { ...current }));
        if (current.version !== version) {
          throw Problem.of(RegisterErrorCode.VersionConflict, 'Someone saved this row after you opened it', [
            {
              field: 'version',
              code: RegisterFieldCode.StaleVersion,
              message: `You edited version ${version}; it is now at version ${current.version}. Reload and edit again.`,
            },
          ]);
        }
        const fields = await this.checkOrThrow(register, input, current, manager);
        return this.write(author(ctx), register, fields, current, reason, 'update', manager);
      })
      .catch(codeRace);
    return present(register, row, this.today());
  }

  /** Checks an input against the register's rules; the fields to save, or the problems. */
  async check<R extends RegisterName>(
    register: R,
    input: RegisterInputs[R],
    current: RegisterRows[R] | null,
    manager: EntityManager,
    prefix = '',
  ): Promise<Checked<Omit<RegisterRows[R], 'id' | 'version' | 'createdAt' | 'updatedAt'>>> {
    const lookups = this.lookups(manager);
    type Result = Checked<Omit<RegisterRows[R], 'id' | 'version' | 'createdAt' | 'updatedAt'>>;
    switch (register) {
      case 'policies': {
        const checked = await checkPolicyInput(input as PolicyBodyDto, prefix);
        if (
          checked.fields !== null &&
          (await this.repo.policyCodeTaken(checked.fields.code, current?.id ?? null, manager))
        ) {
          throw policyCodeTaken(`${prefix}code`);
        }
        return checked as Result;
      }
      case 'processors':
        return (await checkProcessor(
          input as ProcessorInputDto,
          current as ProcessorRow | null,
          lookups,
          prefix,
        )) as Result;
      case 'provisions':
        return (await checkProvision(
          input as ProvisionInputDto,
          current as RegisterRows['provisions'] | null,
          lookups,
          prefix,
        )) as Result;
      case 'transfers':
        return (await checkTransfer(
          input as TransferInputDto,
          current as TransferRow | null,
          lookups,
          prefix,
        )) as Result;
      case 'activities':
        return (await checkActivity(
          input as ActivityInputDto,
          current as RegisterRows['activities'] | null,
          lookups,
          prefix,
        )) as Result;
      case 'disclosures':
        return (await checkDisclosure(input as DisclosureInputDto, lookups)) as Result;
      default: {
        const unknown: never = register;
        throw new Error(`Unknown register ${String(unknown)}`);
      }
    }
  }

  /**
   * Saves a checked row (new when `current` is null) with its next version, the version's
   * snapshot and reason, and the access-log event, all in the caller's transaction.
   */
  async write<R extends RegisterName>(
    who: Author,
    register: R,
    fields: Omit<RegisterRows[R], 'id' | 'version' | 'createdAt' | 'updatedAt'>,
    current: RegisterRows[R] | null,
    reason: string,
    operation: VersionOperation,
    manager: EntityManager,
    id?: string,
  ): Promise<RegisterRows[R]> {
    const now = this.calendar.now().toISOString();
    const row = {
      ...fields,
      id: current?.id ?? id ?? randomUUID(),
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    } as RegisterRows[R];
    if (current === null) await this.repo.insert(register, row, manager);
    else await this.repo.update(register, row, manager);
    await this.repo.addVersion(
      {
        register,
        rowId: row.id,
        version: row.version,
        operation,
        authorId: who.id,
        authorName: who.displayName,
        reason,
        changedAt: new Date(now),
        snapshot: JSON.parse(JSON.stringify(row)) as AnyRow,
      },
      manager,
    );
    const disclosure = register === 'disclosures' ? (row as RegisterRows['disclosures']) : null;
    await this.audit.record(
      {
        action: current === null ? 'create' : 'edit',
        resource: RESOURCE[register],
        outcome: 'success',
        subjectId: disclosure?.subjectId ?? null,
        fields: disclosure === null ? [] : DISCLOSURE_FIELDS,
        purpose: reason,
        detail: { register, id: row.id, version: row.version, operation },
      },
      who.origin,
      manager,
    );
    return row;
  }

  /** One access-log event per subject whose disclosures were read (or one, naming none). */
  async recordDisclosureReads(
    ctx: StaffContext,
    rows: { id: string; subjectId?: string }[],
    action: 'view' | 'download',
    detail: Record<string, unknown>,
    purpose?: string,
  ): Promise<void> {
    const bySubject = new Map<string, string[]>();
    for (const row of rows) {
      const ids = bySubject.get(row.subjectId ?? '') ?? [];
      if (row.subjectId && !ids.includes(row.id)) bySubject.set(row.subjectId, [...ids, row.id]);
    }
    await this.repo.transaction(async (manager) => {
      if (bySubject.size === 0) {
        await this.audit.record(
          { action, resource: RESOURCE.disclosures, outcome: 'success', purpose, detail: { ...detail, count: 0 } },
          ctx.origin,
          manager,
        );
      }
      for (const [subjectId, ids] of bySubject) {
        await this.audit.record(
          {
            action,
            resource: RESOURCE.disclosures,
            outcome: 'success',
            subjectId,
            fields: DISCLOSURE_FIELDS,
            purpose,
            detail: { ...detail, disclosureIds: ids },
          },
          ctx.origin,
          manager,
        );
      }
    });
  }

  private async checkOrThrow<R extends RegisterName>(
    register: R,
    input: RegisterInputs[R],
    current: RegisterRows[R] | null,
    manager: EntityManager,
  ) {
    const checked = await this.check(register, input, current, manager);
    if (checked.fields === null) throw Problem.validation(checked.errors);
    return checked.fields;
  }

  private lookups(manager: EntityManager): RuleLookups {
    return {
      policyExists: async (id) => (await this.repo.find('policies', id, manager)) !== null,
      processorsOfPolicy: (policyId) => this.repo.all('processors', { policyId }, manager),
      idsInPolicy: (register, policyId, ids) => this.repo.idsInPolicy(register, policyId, ids, manager),
      retentionRule: (id) => this.rules.registerRow(id, manager),
      nextPosition: (register, policyId) => this.repo.nextPosition(register, policyId, manager),
      today: () => this.today(),
      staffName: async (id) => (await this.staff.namesByIds([id]))[0]?.displayName ?? null,
      personExists: async (id) => (await this.people.maskedNames([id])).length > 0,
    };
  }
}

function policyCodeTaken(field: string): Problem {
  return Problem.of(RegisterErrorCode.PolicyCodeTaken, 'A policy already has this code', [
    { field, code: RegisterFieldCode.Taken, message: 'Already in use' },
  ]);
}

/** Two policies created with one code at once: the unique index stops the second; answer as if seen first. */
function codeRace(error: unknown): never {
  if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') throw policyCodeTaken('code');
  throw error;
}

export function author(ctx: StaffContext): Author {
  return { id: ctx.id, displayName: ctx.displayName, origin: ctx.origin };
}

export function notFound(register: RegisterName): Problem {
  return Problem.of(RegisterErrorCode.RowNotFound, `No ${register} row has this id`);
}

/** The row as answered: stored fields plus what is computed from them. */
export function present(register: RegisterName, row: AnyRow, today: LocalDate): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  if ('retention' in row) {
    out.retention = { ...(row.retention as Retention), display: retentionDisplay(row.retention as Retention) };
  }
  if (register === 'processors') {
    const p = row as ProcessorRow;
    out.missingTerms = missingTerms(p.contractTerms);
    out.countryName = p.country === null ? null : countryName(p.country);
    out.dpaDeadline = dpaDeadline(p, today);
    out.inspectionDeadline = inspectionDeadline(p, today);
  }
  if (register === 'transfers') out.countryName = countryName((row as TransferRow).country);
  return out;
}

/** A retention rule as the registers' exports show it (the rules' own routes: retention/rules). */
export function presentRetentionRule(rule: RetentionRuleRow): Record<string, unknown> {
  return { ...rule, retention: { ...rule.retention, display: retentionDisplay(rule.retention) } };
}

function searchable(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return Object.values(value).map(searchable).join(' ');
  return '';
}

function matches(register: RegisterName, row: AnyRow, filter: ListFilter): boolean {
  const values = row as unknown as Record<string, unknown>;
  for (const [key, wanted] of Object.entries(filter)) {
    if (wanted === undefined) continue;
    switch (key) {
      case 'q': {
        const needle = String(wanted).toLowerCase();
        if (!SEARCHED[register].some((f) => searchable(values[f]).toLowerCase().includes(needle))) return false;
        break;
      }
      case 'id':
        if (!(wanted as string[]).includes(String(values.id))) return false;
        break;
      case 'from':
        if (String(values.disclosedOn) < String(wanted)) return false;
        break;
      case 'to':
        if (String(values.disclosedOn) > String(wanted)) return false;
        break;
      default:
        if (values[key] !== wanted) return false;
    }
  }
  return true;
}

function compare(a: AnyRow, b: AnyRow, field: string, order: 'ASC' | 'DESC'): number {
  const x = (a as unknown as Record<string, unknown>)[field];
  const y = (b as unknown as Record<string, unknown>)[field];
  const sign = order === 'ASC' ? 1 : -1;
  if (x === y) return a.id.localeCompare(b.id);
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sign;
}
