import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RegisterProfile, RetentionInput } from '../../server/src/registers/profiles/register-document';
import type {
  ActivityRow,
  LocalizedText,
  PolicyRegisters,
  ProcessorRow,
  ProvisionRow,
  Retention,
  RetentionRuleRow,
  TransferRow,
} from '../../server/src/registers/register-types';

const PUBLISHED = join(__dirname, '../../server/src/registers/profiles/published');

/** A published policy the profiles reproduce, exactly as published. */
export const publishedText = (
  name: 'maumjuui-global-privacy-policy.txt' | 'maumjuui-privacy-policy-en.md' | 'shelby-privacy-policy-ko.md',
) => readFileSync(join(PUBLISHED, name), 'utf8');

/** The retention rules as the migration seeds them (REQUIREMENTS D), read from the migration itself. */
export function seededRetentionRules(): RetentionRuleRow[] {
  const sql = readFileSync(join(__dirname, '../../migrations/20261122000600-create-registers.sql'), 'utf8');
  const rules: RetentionRuleRow[] = [];
  const row = /\(\s*'([a-z0-9_]+)',\s*'(\{[^']*\})',\s*'(\{[^']*\})',\s*'((?:[^']|'')*)'\s*\)/g;
  for (const m of sql.matchAll(row)) {
    rules.push({
      id: `rule-${m[1]}`,
      code: m[1],
      name: JSON.parse(m[2]) as LocalizedText,
      retention: JSON.parse(m[3]) as Retention,
      source: m[4].replace(/''/g, "'"),
    });
  }
  if (rules.length === 0) throw new Error('No retention rules found in the registers migration');
  return rules;
}

const EMPTY: LocalizedText = { ko: '', en: '' };
const META = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const text = (t: Partial<LocalizedText> | undefined): LocalizedText => ({ ko: t?.ko ?? '', en: t?.en ?? '' });
const retention = (r: RetentionInput): Retention => ({ ...r, text: text(r.text) });

/**
 * A profile's registers as the import makes them, without a database: rows are keyed by their
 * `key`, positions follow the document, and an activity linked to a rule without a retention of
 * its own takes the rule's.
 */
export function profileRegisters(
  profile: RegisterProfile,
  retentionRules: RetentionRuleRow[] = seededRetentionRules(),
): PolicyRegisters {
  const doc = profile.document;
  const policyId = 'policy';
  const processors: ProcessorRow[] = (doc.processors ?? []).map((p, i) => ({
    ...META,
    id: p.key,
    policyId,
    parentId: p.parentKey ?? null,
    position: p.position ?? i,
    recipient: text(p.recipient),
    contact: p.contact ?? '',
    task: text(p.task),
    items: text(p.items),
    protectionMeasures: text(p.protectionMeasures),
    retention: retention(p.retention ?? { kind: 'until_contract_end' }),
    country: p.country ?? null,
    contractTerms: p.contractTerms!,
    dpaSignedOn: p.dpaSignedOn ?? null,
    dpaExpiresOn: p.dpaExpiresOn ?? null,
    lastInspectionOn: p.lastInspectionOn ?? null,
    nextInspectionDue: p.nextInspectionDue ?? null,
    status: p.status ?? 'draft',
  }));
  const provisions: ProvisionRow[] = (doc.provisions ?? []).map((p, i) => ({
    ...META,
    id: p.key,
    policyId,
    position: p.position ?? i,
    recipient: text(p.recipient),
    purpose: text(p.purpose),
    items: text(p.items),
    retention: retention(p.retention!),
    legalBasis: p.legalBasis!,
    refusal: text(p.refusal),
    status: p.status ?? 'active',
  }));
  const transfers: TransferRow[] = (doc.transfers ?? []).map((t, i) => ({
    ...META,
    id: t.key,
    policyId,
    position: t.position ?? i,
    recipient: text(t.recipient),
    contact: t.contact ?? '',
    country: t.country!,
    items: text(t.items),
    purpose: text(t.purpose),
    retention: retention(t.retention!),
    timingMethod: text(t.timingMethod),
    pipaBasis: t.pipaBasis!,
    gdprMechanism: t.gdprMechanism ?? null,
    derogation: t.derogation ?? null,
    refusal: text(t.refusal),
    suspended: t.suspended ?? false,
    inUse: t.inUse ?? true,
  }));
  const activities: ActivityRow[] = (doc.activities ?? []).map((a, i) => {
    const rule = retentionRules.find((r) => r.code === a.retentionRuleCode);
    return {
      ...META,
      id: `activity-${i}`,
      policyId,
      position: a.position ?? i,
      section: text(a.section),
      name: text(a.name),
      purpose: text(a.purpose),
      items: text(a.items),
      legalBasis: a.legalBasis!,
      art9Condition: a.art9Condition ?? null,
      subjectCategories: a.subjectCategories ?? [],
      dataCategories: a.dataCategories ?? [],
      processorIds: a.processorKeys ?? [],
      provisionIds: a.provisionKeys ?? [],
      transferIds: a.transferKeys ?? [],
      retention:
        a.retention !== undefined
          ? retention(a.retention)
          : (rule?.retention ?? { kind: 'until_purpose', text: EMPTY }),
      retentionRuleId: rule?.id ?? null,
      securityMeasures: text(a.securityMeasures),
      controllerContact: a.controllerContact ?? '',
      dpoContact: a.dpoContact ?? '',
      status: a.status ?? 'active',
    };
  });
  return {
    policy: { ...META, id: policyId, ...doc.policy },
    processors,
    provisions,
    transfers,
    activities,
    retentionRules,
  };
}
