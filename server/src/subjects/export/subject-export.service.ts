import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../../authorization/abilities';
import { AuditService } from '../../access-log/audit.service';
import type { StaffContext } from '../../context/staff-context';
import { CalendarService } from '../../calendar/calendar.service';
import { localDateOf } from '../../calendar/local-date';
import { Problem } from '../../common/problem';
import { DocumentRenderer } from '../../outbox/document-renderer';
import { Transactions } from '../../database/transactions';
import { countryName } from '../../registers/countries';
import type { DataCategory, DisclosureRow, Lang, PolicyRegisters } from '../../registers/register-types';
import { ContactValues } from '../contact-values';
import { Aad, SubjectCrypto } from '../crypto/subject-crypto';
import { SubjectKeysService } from '../subject-keys.service';
import { personSubject, separatedProblem } from '../subjects.service';
import { SubjectsErrorCode } from '../subjects.errors';
import { buildExportPdf } from './export-pdf';
import {
  complaintBodies,
  DATA_CATEGORY_LABELS,
  DISCLOSURE_BASIS_LABELS,
  GDPR_MECHANISM_LABELS,
  LABELS,
  LEGAL_BASIS_LABELS,
  PIPA_BASIS_LABELS,
  PROVISION_BASIS_LABELS,
  rightsTexts,
  SOURCE_TEXTS,
  SUBJECT_CATEGORIES_OF,
} from './export-texts';
import {
  ACCESS_ITEMS,
  EXPORT_SCHEMA_VERSION,
  REDACTABLE_FIELDS,
  type AccessItem,
  type ExportDocument,
  type ExportOptions,
  type ExportPackage,
  type ExportRedaction,
} from './export-types';
import { SubjectExportRepository, type ExportRecordRow, type JsonRow } from './subject-export.repository';

export type {
  AccessItem,
  ExportDocument,
  ExportOptions,
  ExportPackage,
  ExportRedaction,
  ExportSummary,
} from './export-types';
export { ACCESS_ITEMS, EXPORT_SCHEMA_VERSION } from './export-types';

/** GDPR Art. 9(1) special categories. */
const SPECIAL: readonly DataCategory[] = ['health', 'genetic', 'biometric', 'beliefs_sex_life'];

/**
 * The access and portability package of one person (F7; GDPR Arts. 15 and 20, PIPA Arts. 35 and
 * 35-2, Decree Art. 41(1)): the data itself, decrypted, and what the registers say about its
 * processing, in the requester's language, as JSON and PDF. Runs in the caller's transaction and
 * writes its access-log event there: the event and the package commit together or not at all.
 */
@Injectable()
export class SubjectExportService {
  constructor(
    private readonly repo: SubjectExportRepository,
    private readonly keys: SubjectKeysService,
    private readonly crypto: SubjectCrypto,
    private readonly renderer: DocumentRenderer,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly tx: Transactions,
  ) {}

  async build(ctx: StaffContext, options: ExportOptions): Promise<ExportPackage> {
    // The type-level check first: a role that may not export learns nothing about which ids exist.
    throwUnlessCan(ctx.ability, 'export', 'Subject');
    checkOptions(options);
    return this.tx.run(async () => {
      const account = await this.repo.account(options.subjectId);
      if (account === null) {
        throw Problem.of(SubjectsErrorCode.SubjectNotFound, `No person has the id ${options.subjectId}`);
      }
      throwUnlessCan(ctx.ability, 'export', asSubject('Subject', { ...account }));
      if (account.separatedAt !== null) throw separatedProblem(account.separatedAt);
      const lang = options.locale;
      const items = options.items ?? [...ACCESS_ITEMS];
      const wants = (item: AccessItem) => items.includes(item);
      const hipaa = options.regimes.includes('US-HIPAA');

      const [parts, records] = wants('data')
        ? // One after another: the export runs in the caller's transaction, on one connection.
          [await this.repo.parts(account), await this.repo.records(account.id)]
        : [null, [] as ExportRecordRow[]];
      const redactions = options.redactions ?? [];
      const byRecord = new Map(redactions.map((r) => [r.recordId, r]));
      const unknown = redactions
        .map((r, i) => ({ r, i }))
        .filter(({ r }) => !records.some((row) => row.id === r.recordId));
      if (unknown.length > 0) {
        throw Problem.validation(
          unknown.map(({ i }) => ({
            field: `redactions.${i}.recordId`,
            code: SubjectsErrorCode.NotThisSubjects,
            message: 'No such counseling record for this person',
          })),
          'A redaction names a record this person does not hold',
        );
      }

      // One unwrap per key owner (the person, and the guardian whose key seals a child's records).
      const keyCache = new Map<string, Buffer | null>();
      const keyOf = async (ownerId: string): Promise<Buffer | null> => {
        if (!keyCache.has(ownerId)) keyCache.set(ownerId, await this.dataKeyOrNull(ownerId));
        return keyCache.get(ownerId)!;
      };
      const open = async (ownerId: string, aad: string, cipher: Buffer | string | null | undefined) => {
        if (cipher === null || cipher === undefined) return null;
        const key = await keyOf(ownerId);
        if (key === null) return LABELS.erased[lang];
        return this.crypto.open(key, aad, typeof cipher === 'string' ? Buffer.from(cipher, 'base64') : cipher);
      };

      const released = hipaa ? records.filter((r) => !r.psychotherapyNotes) : records;
      const excluded = records.length - released.length;
      const counselingRecords: JsonRow[] = [];
      const applied: ExportRedaction[] = [];
      for (const r of released) {
        const key = await keyOf(r.ownerId);
        let content: Record<string, string> | null =
          key === null
            ? null
            : (JSON.parse(this.crypto.open(key, Aad.record(r.id), r.cipher)) as Record<string, string>);
        const redaction = byRecord.get(r.id);
        let redacted = false;
        if (redaction && content !== null) {
          content = redact(content, redaction, LABELS.redactedMarker[lang]);
          redacted = true;
          applied.push(redaction);
        }
        counselingRecords.push({
          id: r.id,
          kind: r.kind,
          sessionAt: r.sessionAt,
          counselingEndedAt: r.counselingEndedAt,
          counselor: r.counselorName,
          aboutChildId: r.childId,
          psychotherapyNotes: r.psychotherapyNotes,
          content,
          redacted,
          ...(key === null ? { erased: true } : {}),
        });
      }
      // A redaction of a record the HIPAA exclusion already withheld is moot: it is not listed as applied.

      let data: Record<string, unknown> | undefined;
      if (parts !== null) {
        const email = await open(account.id, Aad.contact(account.id, 'email'), account.emailCipher);
        const phone = await open(account.id, Aad.contact(account.id, 'phone'), account.phoneCipher);
        const sensitiveData = [];
        for (const { ownerId, contentCipher, ...s } of parts.sensitiveData) {
          sensitiveData.push({
            ...s,
            content: await open(ownerId as string, Aad.sensitive(s.id as string), contentCipher as string),
          });
        }
        const bookings = [];
        for (const { ownerId, topicCipher, ...b } of parts.bookings) {
          bookings.push({
            ...b,
            topic: await open(ownerId as string, Aad.bookingTopic(b.id as string), topicCipher as string),
          });
        }
        const fp = parts.financialProfile;
        data = {
          profile: {
            id: account.id,
            service: account.service,
            kind: account.kind,
            status: account.status,
            name: account.name,
            nickname: account.nickname,
            email,
            phone: phone === null || phone === LABELS.erased[lang] ? phone : ContactValues.displayPhone(phone),
            birthDate: account.birthDate,
            gender: account.gender,
            residence: account.residence,
            occupation: account.occupation,
            institution: account.institution,
            referralCode: account.referralCode,
            counselingInterest: await open(account.id, Aad.counselingInterest(account.id), account.interestCipher),
            locale: account.locale,
            relationshipToGuardian: account.relationshipToGuardian,
            createdAt: account.createdAt,
            lastActiveAt: account.lastActiveAt,
            dormantAt: account.dormantAt,
            lockedAt: account.lockedAt,
            withdrawalRequestedAt: account.withdrawalRequestedAt,
            withdrawnAt: account.withdrawnAt,
          },
          guardian: parts.guardian,
          children: parts.children,
          consents: parts.consents,
          bookings,
          counselingRecords,
          sensitiveData,
          recordings: parts.recordings,
          reviews: parts.reviews,
          payments: parts.payments,
          financialProfile:
            fp === null
              ? null
              : {
                  bankName: fp.bankName,
                  depositorMask: fp.depositorMask,
                  account: await open(account.id, Aad.financial(account.id, 'account'), fp.accountCipher as string),
                  taxId: await open(account.id, Aad.financial(account.id, 'tax_id'), fp.taxIdCipher as string),
                },
          devices: parts.devices,
          socialLinks: parts.socialLinks,
          calendarLinks: parts.calendarLinks,
        };
      }

      const needsRegisters = items.some((i) => ['purposes', 'categories', 'recipients', 'retention'].includes(i));
      const registers = needsRegisters ? await options.registerFacts.policy(account.service) : null;
      const disclosures = wants('disclosures') ? await options.registerFacts.disclosures(account.id) : [];
      const now = this.calendar.now();
      const doc: ExportDocument = {
        schema: 'poc.subject-export',
        schemaVersion: EXPORT_SCHEMA_VERSION,
        requestId: options.requestId,
        generatedAt: now.toISOString(),
        locale: lang,
        portability: options.portability,
        regimes: options.regimes,
        items,
        controller: controllerOf(account.service, registers),
        subject: { id: account.id, kind: account.kind, service: account.service },
        ...(data ? { data } : {}),
        ...processingFacts(registers, account.kind, items, lang),
        ...(wants('rights')
          ? {
              rights: {
                rights: rightsTexts(options.regimes, lang),
                complaints: complaintBodies(options.regimes, lang),
              },
            }
          : {}),
        ...(wants('source') ? { source: SOURCE_TEXTS[account.kind][lang] } : {}),
        ...(wants('disclosures') ? { disclosures: disclosures.map((d) => disclosureView(d, lang)) } : {}),
        withheld: {
          psychotherapyNotes: excluded,
          redactedRecords: applied.map((r) => ({ recordId: r.recordId, whole: (r.spans ?? []).length === 0 })),
        },
      };

      await this.audit.record(
        {
          action: 'export',
          resource: 'subject-export',
          outcome: 'success',
          subjectId: personSubject(account.id),
          fields: readFields(data !== undefined, counselingRecords, items),
          purpose: `rights request ${options.requestId}`,
          detail: {
            requestId: options.requestId,
            locale: lang,
            portability: options.portability,
            items,
            records: counselingRecords.length,
            excludedPsychotherapyNoteIds: records.filter((r) => !released.includes(r)).map((r) => r.id),
            redactedRecordIds: applied.map((r) => r.recordId),
            disclosureIds: disclosures.map((d) => d.id),
            keyOwners: [...keyCache.keys()],
          },
        },
        ctx.origin,
      );

      const json = Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
      const pdf = await buildExportPdf(this.renderer, doc);
      const date = localDateOf(now, this.calendar.timeZone);
      return {
        json,
        pdf,
        fileName: `${options.portability ? 'portability' : 'access'}-${options.requestId}-${date}`,
        summary: { records: counselingRecords.length, excludedPsychotherapyNotes: excluded, redactions: applied },
      };
    });
  }

  /** The data key, or null when it was shredded (the package then says the sealed values were erased). */
  private async dataKeyOrNull(subjectId: string): Promise<Buffer | null> {
    try {
      return await this.keys.dataKey(subjectId);
    } catch (error) {
      if (error instanceof Problem && error.code === SubjectsErrorCode.KeyShredded) return null;
      throw error;
    }
  }
}

function checkOptions(options: ExportOptions): void {
  const errors: { field: string; code: string; message: string }[] = [];
  if (options.locale !== 'ko' && options.locale !== 'en') {
    errors.push({ field: 'locale', code: 'INVALID_LOCALE', message: 'ko or en' });
  }
  (options.items ?? []).forEach((item, i) => {
    if (!ACCESS_ITEMS.includes(item))
      errors.push({ field: `items.${i}`, code: 'UNKNOWN_ITEM', message: ACCESS_ITEMS.join(', ') });
  });
  (options.redactions ?? []).forEach((r, i) => {
    if (typeof r.reason !== 'string' || r.reason.trim().length < 3) {
      errors.push({
        field: `redactions.${i}.reason`,
        code: 'REDACTION_REASON_REQUIRED',
        message: 'Say what is withheld and why',
      });
    }
    if (r.field !== undefined && !REDACTABLE_FIELDS.includes(r.field)) {
      errors.push({ field: `redactions.${i}.field`, code: 'UNKNOWN_FIELD', message: REDACTABLE_FIELDS.join(', ') });
    }
    (r.spans ?? []).forEach((s, j) => {
      if (!Number.isInteger(s.from) || !Number.isInteger(s.to) || s.from < 0 || s.to <= s.from) {
        errors.push({ field: `redactions.${i}.spans.${j}`, code: 'INVALID_SPAN', message: '0 ≤ from < to' });
      }
    });
  });
  if (errors.length > 0) throw Problem.validation(errors, 'The export options are not valid');
}

/** The content with the spans of one field (or everything) replaced by the marker. */
function redact(content: Record<string, string>, r: ExportRedaction, marker: string): Record<string, string> {
  const spans = r.spans ?? [];
  if (spans.length === 0) return Object.fromEntries(Object.keys(content).map((k) => [k, marker]));
  const field = r.field ?? 'notes';
  const text = content[field] ?? '';
  // Right to left, so earlier offsets stay valid; overlapping spans merge into one marker.
  const merged = [...spans]
    .sort((a, b) => a.from - b.from)
    .reduce<{ from: number; to: number }[]>((acc, s) => {
      const last = acc[acc.length - 1];
      if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
      else acc.push({ ...s });
      return acc;
    }, []);
  let out = text;
  for (const s of merged.reverse()) {
    if (s.from >= out.length) continue;
    out = out.slice(0, s.from) + marker + out.slice(Math.min(s.to, out.length));
  }
  return { ...content, [field]: out };
}

function controllerOf(service: string, registers: PolicyRegisters | null): ExportDocument['controller'] {
  const activity = registers?.activities[0];
  return {
    service,
    policy: registers?.policy.code ?? null,
    contact: activity?.controllerContact ?? null,
    dpoContact: activity?.dpoContact ?? null,
  };
}

/** Purposes, categories, recipients and retention from the registers (GDPR Art. 15(1)(a)-(d), (2)). */
function processingFacts(
  registers: PolicyRegisters | null,
  kind: keyof typeof SUBJECT_CATEGORIES_OF,
  items: AccessItem[],
  lang: Lang,
): Partial<ExportDocument> {
  if (registers === null) return {};
  const mine = SUBJECT_CATEGORIES_OF[kind];
  const matching = registers.activities.filter((a) => a.subjectCategories.some((c) => mine.includes(c)));
  const activities = matching.length > 0 ? matching : registers.activities;
  const ids = (pick: (a: (typeof activities)[number]) => string[]) => new Set(activities.flatMap(pick));
  const processorIds = ids((a) => a.processorIds);
  const provisionIds = ids((a) => a.provisionIds);
  const transferIds = ids((a) => a.transferIds);
  const facts: Partial<ExportDocument> = {};
  if (items.includes('purposes')) {
    facts.purposes = activities.map((a) => ({
      activity: a.name[lang],
      purpose: a.purpose[lang],
      items: a.items[lang],
      legalBasis: { code: a.legalBasis, label: LEGAL_BASIS_LABELS[a.legalBasis][lang] },
      art9Condition: a.art9Condition,
      dataCategories: a.dataCategories,
    }));
  }
  if (items.includes('categories')) {
    const categories = [...new Set(activities.flatMap((a) => a.dataCategories))];
    facts.categories = categories.map((code) => ({
      code,
      label: DATA_CATEGORY_LABELS[code][lang],
      special: SPECIAL.includes(code),
    }));
  }
  if (items.includes('recipients')) {
    facts.recipients = {
      processors: registers.processors
        .filter((p) => processorIds.has(p.id))
        .map((p) => ({
          recipient: p.recipient[lang],
          task: p.task[lang],
          items: p.items[lang],
          country: p.country,
          countryName: p.country ? countryName(p.country)[lang] : null,
        })),
      provisions: registers.provisions
        .filter((p) => provisionIds.has(p.id))
        .map((p) => ({
          recipient: p.recipient[lang],
          purpose: p.purpose[lang],
          items: p.items[lang],
          legalBasis: { code: p.legalBasis, label: PROVISION_BASIS_LABELS[p.legalBasis][lang] },
          retention: p.retention.text[lang],
        })),
      transfers: registers.transfers
        .filter((t) => transferIds.has(t.id))
        .map((t) => ({
          recipient: t.recipient[lang],
          country: t.country,
          countryName: countryName(t.country)[lang],
          items: t.items[lang],
          purpose: t.purpose[lang],
          timingMethod: t.timingMethod[lang],
          retention: t.retention.text[lang],
          safeguards: {
            pipaBasis: { code: t.pipaBasis, label: PIPA_BASIS_LABELS[t.pipaBasis][lang] },
            gdprMechanism:
              t.gdprMechanism === null
                ? null
                : { code: t.gdprMechanism, label: GDPR_MECHANISM_LABELS[t.gdprMechanism][lang] },
            derogation: t.derogation,
          },
        })),
    };
  }
  if (items.includes('retention')) {
    const rules = new Map(registers.retentionRules.map((r) => [r.id, r]));
    facts.retention = activities.map((a) => {
      const rule = a.retentionRuleId ? rules.get(a.retentionRuleId) : undefined;
      return {
        activity: a.name[lang],
        retention: a.retention.text[lang],
        rule: rule
          ? { code: rule.code, name: rule.name[lang], law: rule.retention.law ?? null, source: rule.source }
          : null,
      };
    });
  }
  return facts;
}

function disclosureView(d: DisclosureRow, lang: Lang): JsonRow {
  return {
    id: d.id,
    authority: d.authority,
    basis: { code: d.basisType, label: DISCLOSURE_BASIS_LABELS[d.basisType][lang] },
    legalBasis: d.legalBasis,
    items: d.items,
    disclosedOn: d.disclosedOn,
  };
}

/** The field names the access review treats as PHI, for what this export opened. */
function readFields(data: boolean, records: JsonRow[], items: AccessItem[]): string[] {
  const fields = new Set<string>(items.filter((i) => i !== 'data'));
  if (data) {
    for (const f of [
      'name',
      'email',
      'phone',
      'birthDate',
      'nickname',
      'consents',
      'bookings',
      'sensitiveData',
      'payments',
      'devices',
    ]) {
      fields.add(f);
    }
    for (const r of records) {
      fields.add(
        r.kind === 'session_note'
          ? 'counselingNotes'
          : r.kind === 'expert_opinion'
            ? 'expertOpinion'
            : 'counselingRecord',
      );
      if (r.psychotherapyNotes) fields.add('psychotherapyNotes');
    }
  }
  return [...fields].sort();
}
