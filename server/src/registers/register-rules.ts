import type { FieldProblem } from '../common/problem';
import type { ActivityInputDto } from './dto/activity.dto';
import type { DisclosureInputDto } from './dto/disclosure.dto';
import type { PolicyBodyDto } from './dto/policy.dto';
import type { ProcessorInputDto } from './dto/processor.dto';
import type { ProvisionInputDto } from './dto/provision.dto';
import type { TransferInputDto } from './dto/transfer.dto';
import type { LocalizedTextDto } from './dto/register-validators';
import {
  ActivityFields,
  CONTRACT_TERMS,
  ContractTerms,
  DisclosureFields,
  LocalizedText,
  PolicyFields,
  PolicyRegister,
  ProcessorFields,
  ProcessorRow,
  ProvisionFields,
  Retention,
  SPECIAL_CATEGORIES,
  TransferFields,
} from './register-types';
import { RegisterFieldCode } from './registers.errors';
import { parseRetention } from './retention';

/** What the rules need to know about the rest of the registers. */
export interface RuleLookups {
  policyExists(id: string): Promise<boolean>;
  processorsOfPolicy(policyId: string): Promise<ProcessorRow[]>;
  idsInPolicy(register: PolicyRegister, policyId: string, ids: string[]): Promise<Set<string>>;
  retentionRule(id: string): Promise<{ retention: Retention } | null>;
  nextPosition(register: PolicyRegister, policyId: string): Promise<number>;
  /** Today in the organisation's time zone, 'YYYY-MM-DD'. */
  today(): string;
  /** A staff member's display name, or null when no staff member has this id. */
  staffName(id: string): Promise<string | null>;
  personExists(id: string): Promise<boolean>;
}

export type Checked<T> = { fields: T; errors: [] } | { fields: null; errors: FieldProblem[] };

/** Collects field problems while reading one input; `prefix` names rows inside an import document. */
class Reader {
  readonly errors: FieldProblem[] = [];
  constructor(private readonly prefix: string) {}

  field(name: string): string {
    return `${this.prefix}${name}`;
  }

  problem(name: string, code: RegisterFieldCode, message: string): void {
    this.errors.push({ field: this.field(name), code, message });
  }

  text(name: string, value: LocalizedTextDto | undefined, required: boolean): LocalizedText {
    const text = { ko: (value?.ko ?? '').trim(), en: (value?.en ?? '').trim() };
    if (required && text.ko === '' && text.en === '') {
      this.problem(name, RegisterFieldCode.Required, 'Required, in Korean, English or both');
    }
    return text;
  }

  required<T>(name: string, value: T | null | undefined): T {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      this.problem(name, RegisterFieldCode.Required, 'Required');
    }
    return value as T;
  }

  retention(name: string, value: unknown): Retention {
    if (value === undefined || value === null) {
      this.problem(name, RegisterFieldCode.Required, 'Required');
      return null as unknown as Retention;
    }
    const { value: retention, errors } = parseRetention(value, this.field(name));
    this.errors.push(...errors);
    return retention as Retention;
  }

  done<T>(fields: T): Checked<T> {
    return this.errors.length > 0 ? { fields: null, errors: this.errors } : { fields, errors: [] };
  }
}

async function checkPolicy(
  r: Reader,
  lookups: RuleLookups,
  policyId: string | undefined,
  current: { policyId: string } | null,
): Promise<string> {
  const id = r.required('policyId', policyId);
  if (id === undefined || id === null) return id;
  if (current !== null && current.policyId !== id) {
    r.problem('policyId', RegisterFieldCode.NotAllowed, 'A row cannot move to another policy');
  } else if (current === null && !(await lookups.policyExists(id))) {
    r.problem('policyId', RegisterFieldCode.UnknownReference, 'No policy has this id');
  }
  return id;
}

async function position(
  register: PolicyRegister,
  given: number | undefined,
  current: { position: number } | null,
  policyId: string | undefined,
  lookups: RuleLookups,
): Promise<number> {
  if (given !== undefined && given !== null) return given;
  if (current !== null) return current.position;
  return policyId ? lookups.nextPosition(register, policyId) : 0;
}

export async function checkPolicyInput(input: PolicyBodyDto, prefix = ''): Promise<Checked<PolicyFields>> {
  const r = new Reader(prefix);
  return r.done({
    code: r.required('code', input.code),
    name: r.text('name', input.name, true),
    layout: r.required('layout', input.layout),
  });
}

export async function checkProcessor(
  input: ProcessorInputDto,
  current: ProcessorRow | null,
  lookups: RuleLookups,
  prefix = '',
): Promise<Checked<ProcessorFields>> {
  const r = new Reader(prefix);
  const policyId = await checkPolicy(r, lookups, input.policyId, current);
  const parentId = input.parentId ?? null;
  if (parentId !== null && policyId) {
    const family = await lookups.processorsOfPolicy(policyId);
    const byId = new Map(family.map((p) => [p.id, p]));
    if (!byId.has(parentId)) {
      r.problem('parentId', RegisterFieldCode.UnknownReference, 'No processor of this policy has this id');
    } else if (current !== null) {
      // Walk up from the new parent: reaching this row would make it its own ancestor.
      for (let at: string | null = parentId, steps = 0; at !== null && steps <= family.length; steps += 1) {
        if (at === current.id) {
          r.problem('parentId', RegisterFieldCode.Cycle, 'A processor cannot be a sub-processor of itself');
          break;
        }
        at = byId.get(at)?.parentId ?? null;
      }
    }
  }
  const terms = Object.fromEntries(CONTRACT_TERMS.map((t) => [t, input.contractTerms?.[t] === true])) as ContractTerms;
  const status = input.status ?? 'draft';
  if (status === 'active') {
    for (const term of CONTRACT_TERMS) {
      if (!terms[term]) {
        r.problem(
          `contractTerms.${term}`,
          RegisterFieldCode.ContractTermMissing,
          'An active processor needs every contract term (PIPA Art. 26(1))',
        );
      }
    }
  }
  const dpaSignedOn = input.dpaSignedOn ?? null;
  const dpaExpiresOn = input.dpaExpiresOn ?? null;
  if (dpaSignedOn !== null && dpaExpiresOn !== null && dpaExpiresOn < dpaSignedOn) {
    r.problem('dpaExpiresOn', RegisterFieldCode.DateOrder, 'The DPA cannot expire before it was signed');
  }
  const lastInspectionOn = input.lastInspectionOn ?? null;
  if (lastInspectionOn !== null && lastInspectionOn > lookups.today()) {
    r.problem('lastInspectionOn', RegisterFieldCode.InFuture, 'An inspection that has not happened yet');
  }
  return r.done({
    policyId,
    parentId,
    position: await position('processors', input.position, current, policyId, lookups),
    recipient: r.text('recipient', input.recipient, true),
    contact: input.contact ?? '',
    task: r.text('task', input.task, true),
    items: r.text('items', input.items, false),
    protectionMeasures: r.text('protectionMeasures', input.protectionMeasures, false),
    retention: r.retention('retention', input.retention),
    country: input.country ?? null,
    contractTerms: terms,
    dpaSignedOn,
    dpaExpiresOn,
    lastInspectionOn,
    nextInspectionDue: input.nextInspectionDue ?? null,
    status,
  });
}

export async function checkProvision(
  input: ProvisionInputDto,
  current: { policyId: string; position: number } | null,
  lookups: RuleLookups,
  prefix = '',
): Promise<Checked<ProvisionFields>> {
  const r = new Reader(prefix);
  const policyId = await checkPolicy(r, lookups, input.policyId, current);
  return r.done({
    policyId,
    position: await position('provisions', input.position, current, policyId, lookups),
    recipient: r.text('recipient', input.recipient, true),
    purpose: r.text('purpose', input.purpose, true),
    items: r.text('items', input.items, true),
    retention: r.retention('retention', input.retention),
    legalBasis: r.required('legalBasis', input.legalBasis),
    refusal: r.text('refusal', input.refusal, false),
    status: input.status ?? 'active',
  });
}

export async function checkTransfer(
  input: TransferInputDto,
  current: { policyId: string; position: number } | null,
  lookups: RuleLookups,
  prefix = '',
): Promise<Checked<TransferFields>> {
  const r = new Reader(prefix);
  const policyId = await checkPolicy(r, lookups, input.policyId, current);
  const gdprMechanism = input.gdprMechanism ?? null;
  const derogation = input.derogation ?? null;
  if (gdprMechanism === 'derogation' && derogation === null) {
    r.problem('derogation', RegisterFieldCode.Required, 'An Art. 49 derogation names which one (GDPR Art. 49(1))');
  } else if (gdprMechanism !== 'derogation' && derogation !== null) {
    r.problem('derogation', RegisterFieldCode.NotAllowed, 'Only a transfer under an Art. 49 derogation names one');
  }
  return r.done({
    policyId,
    position: await position('transfers', input.position, current, policyId, lookups),
    recipient: r.text('recipient', input.recipient, true),
    contact: input.contact ?? '',
    country: r.required('country', input.country),
    items: r.text('items', input.items, true),
    purpose: r.text('purpose', input.purpose, true),
    retention: r.retention('retention', input.retention),
    timingMethod: r.text('timingMethod', input.timingMethod, false),
    pipaBasis: r.required('pipaBasis', input.pipaBasis),
    gdprMechanism,
    derogation,
    refusal: r.text('refusal', input.refusal, false),
    suspended: input.suspended ?? false,
    inUse: input.inUse ?? true,
  });
}

export async function checkActivity(
  input: ActivityInputDto,
  current: { policyId: string; position: number } | null,
  lookups: RuleLookups,
  prefix = '',
): Promise<Checked<ActivityFields>> {
  const r = new Reader(prefix);
  const policyId = await checkPolicy(r, lookups, input.policyId, current);
  const subjectCategories = [...new Set(input.subjectCategories ?? [])];
  const dataCategories = [...new Set(input.dataCategories ?? [])];
  if (subjectCategories.length === 0) r.problem('subjectCategories', RegisterFieldCode.Required, 'At least one');
  if (dataCategories.length === 0) r.problem('dataCategories', RegisterFieldCode.Required, 'At least one');
  const art9Condition = input.art9Condition ?? null;
  if (art9Condition === null && dataCategories.some((c) => SPECIAL_CATEGORIES.includes(c))) {
    r.problem(
      'art9Condition',
      RegisterFieldCode.Required,
      'Health, genetic, biometric, belief or sex-life data needs an Art. 9(2) condition',
    );
  }
  const links: Record<'processorIds' | 'provisionIds' | 'transferIds', string[]> = {
    processorIds: [...new Set(input.processorIds ?? [])],
    provisionIds: [...new Set(input.provisionIds ?? [])],
    transferIds: [...new Set(input.transferIds ?? [])],
  };
  const registerOf = { processorIds: 'processors', provisionIds: 'provisions', transferIds: 'transfers' } as const;
  if (policyId) {
    for (const key of ['processorIds', 'provisionIds', 'transferIds'] as const) {
      const found = await lookups.idsInPolicy(registerOf[key], policyId, links[key]);
      links[key].forEach((id, i) => {
        if (!found.has(id)) {
          r.problem(`${key}[${i}]`, RegisterFieldCode.UnknownReference, `No ${registerOf[key]} row of this policy`);
        }
      });
    }
  }
  const retentionRuleId = input.retentionRuleId ?? null;
  const rule = retentionRuleId === null ? null : await lookups.retentionRule(retentionRuleId);
  if (retentionRuleId !== null && rule === null) {
    r.problem('retentionRuleId', RegisterFieldCode.UnknownReference, 'No retention rule has this id');
  }
  // Linked to a rule and no retention of its own: the rule's retention applies.
  const retention =
    (input.retention === undefined || input.retention === null) && rule !== null
      ? r.retention('retention', rule.retention)
      : r.retention('retention', input.retention);
  return r.done({
    policyId,
    position: await position('activities', input.position, current, policyId, lookups),
    section: r.text('section', input.section, false),
    name: r.text('name', input.name, true),
    purpose: r.text('purpose', input.purpose, true),
    items: r.text('items', input.items, true),
    legalBasis: r.required('legalBasis', input.legalBasis),
    art9Condition,
    subjectCategories,
    dataCategories,
    ...links,
    retention,
    retentionRuleId,
    securityMeasures: r.text('securityMeasures', input.securityMeasures, false),
    controllerContact: r.required('controllerContact', input.controllerContact),
    dpoContact: r.required('dpoContact', input.dpoContact),
    status: input.status ?? 'active',
  });
}

/** A disclosure names a person and the staff member who approved it, both chosen with pickers. */
export async function checkDisclosure(
  input: DisclosureInputDto,
  lookups: RuleLookups,
): Promise<Checked<DisclosureFields>> {
  const r = new Reader('');
  const disclosedOn = r.required('disclosedOn', input.disclosedOn);
  if (disclosedOn && disclosedOn > lookups.today()) {
    r.problem('disclosedOn', RegisterFieldCode.InFuture, 'A disclosure is logged once it has been made');
  }
  const subjectId = r.required('subjectId', input.subjectId);
  if (subjectId && !(await lookups.personExists(subjectId))) {
    r.problem('subjectId', RegisterFieldCode.UnknownReference, 'No person has this id');
  }
  const approvedById = r.required('approvedById', input.approvedById);
  const approvedBy = approvedById ? await lookups.staffName(approvedById) : null;
  if (approvedById && approvedBy === null) {
    r.problem('approvedById', RegisterFieldCode.UnknownReference, 'No staff member has this id');
  }
  return r.done({
    subjectId,
    authority: r.required('authority', input.authority),
    basisType: r.required('basisType', input.basisType),
    legalBasis: r.required('legalBasis', input.legalBasis),
    requestReference: input.requestReference ?? '',
    items: r.required('items', input.items),
    disclosedOn,
    approvedBy: approvedBy ?? '',
    approvedById,
    shareWithSubject: r.required('shareWithSubject', input.shareWithSubject),
    notes: input.notes ?? '',
  });
}

/** The contract terms a processor still lacks. */
export function missingTerms(terms: ContractTerms): string[] {
  return CONTRACT_TERMS.filter((t) => terms[t] !== true);
}
