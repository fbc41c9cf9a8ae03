import type { NoticeKind } from '../obligations/obligation-types';

/** A notice's merge field: text, a list of items, or a count. */
export type NoticeFieldType = 'text' | 'list' | 'count';

export interface NoticeKindSpec {
  /** The F6 template (message_templates.template_key). */
  templateKey: string;
  /** A message goes to each person ({{name}} merged per person); a document goes to a regulator as a PDF. */
  form: 'message' | 'document';
  /** Every field the draft may hold, with its type. */
  fields: Record<string, NoticeFieldType>;
  /** The law's required items (REQUIREMENTS C): a draft with any of these empty is refused. */
  required: readonly string[];
  /** A field required only when the notice is made after its obligation's deadline. */
  requiredWhenLate?: { field: string; obligation: string };
  legalSource: string;
}

/**
 * The notices a breach may call for, and the items each must carry. The law's lists are kept here
 * in code next to the templates that print them (the templates are the DPO's to edit; the items
 * are not).
 */
export const NOTICE_KINDS_SPEC: Record<NoticeKind, NoticeKindSpec> = {
  // PIPA Art. 34(1): the items, when and how, what people can do, the response and redress, a contact.
  kr_subject_notice: {
    templateKey: 'incident.subject-notice',
    form: 'message',
    fields: {
      items: 'list',
      occurredAt: 'text',
      circumstances: 'text',
      whatYouCanDo: 'text',
      ourResponse: 'text',
      redress: 'text',
      department: 'text',
      contact: 'text',
    },
    required: [
      'items',
      'occurredAt',
      'circumstances',
      'whatYouCanDo',
      'ourResponse',
      'redress',
      'department',
      'contact',
    ],
    legalSource: 'PIPA Art. 34(1)',
  },
  // PIPA Art. 34(3), Decree Art. 40: the same items to the PIPC or KISA, with the number of people.
  kr_regulator_report: {
    templateKey: 'incident.kr-regulator-report',
    form: 'document',
    fields: {
      organisation: 'text',
      reference: 'text',
      items: 'list',
      affectedCount: 'count',
      occurredAt: 'text',
      awareAt: 'text',
      circumstances: 'text',
      whatYouCanDo: 'text',
      ourResponse: 'text',
      redress: 'text',
      subjectsNotified: 'text',
      department: 'text',
      contact: 'text',
    },
    required: [
      'items',
      'affectedCount',
      'occurredAt',
      'circumstances',
      'whatYouCanDo',
      'ourResponse',
      'redress',
      'department',
      'contact',
    ],
    legalSource: 'PIPA Art. 34(3); Enforcement Decree Art. 40',
  },
  // GDPR Art. 33(3); 33(1): reasons for the delay when not made within 72 hours.
  eu_authority_report: {
    templateKey: 'incident.eu-authority-report',
    form: 'document',
    fields: {
      organisation: 'text',
      reference: 'text',
      occurredAt: 'text',
      awareAt: 'text',
      nature: 'text',
      subjectCategories: 'text',
      approxSubjects: 'count',
      items: 'list',
      approxRecords: 'count',
      dpoContact: 'text',
      consequences: 'text',
      measures: 'text',
      delayReasons: 'text',
    },
    required: [
      'nature',
      'subjectCategories',
      'approxSubjects',
      'items',
      'approxRecords',
      'dpoContact',
      'consequences',
      'measures',
    ],
    requiredWhenLate: { field: 'delayReasons', obligation: 'eu_authority' },
    legalSource: 'GDPR Art. 33(1), 33(3)',
  },
  // GDPR Art. 34(2): nature, the DPO's contact, consequences, measures (in clear and plain language).
  eu_subject_notice: {
    templateKey: 'incident.eu-subject-notice',
    form: 'message',
    fields: { nature: 'text', dpoContact: 'text', consequences: 'text', measures: 'text', whatYouCanDo: 'text' },
    required: ['nature', 'dpoContact', 'consequences', 'measures'],
    legalSource: 'GDPR Art. 34(2)',
  },
  // 45 CFR 164.404(c)(1): what happened with the dates, the types of PHI, the steps people should
  // take, what the entity is doing, contact procedures.
  us_individual_notice: {
    templateKey: 'incident.us-individual-notice',
    form: 'message',
    fields: {
      whatHappened: 'text',
      occurredAt: 'text',
      discoveredAt: 'text',
      items: 'list',
      whatYouCanDo: 'text',
      ourResponse: 'text',
      contact: 'text',
    },
    required: ['whatHappened', 'occurredAt', 'discoveredAt', 'items', 'whatYouCanDo', 'ourResponse', 'contact'],
    legalSource: '45 CFR 164.404(c)',
  },
  // 45 CFR 164.408 (the HHS breach portal's items); also the media statement of 164.406.
  us_hhs_report: {
    templateKey: 'incident.us-hhs-report',
    form: 'document',
    fields: {
      organisation: 'text',
      reference: 'text',
      whatHappened: 'text',
      occurredAt: 'text',
      discoveredAt: 'text',
      affectedCount: 'count',
      largestStateCount: 'count',
      items: 'list',
      ourResponse: 'text',
      individualsNotified: 'text',
      contact: 'text',
    },
    required: ['whatHappened', 'occurredAt', 'discoveredAt', 'affectedCount', 'items', 'ourResponse', 'contact'],
    legalSource: '45 CFR 164.406, 164.408',
  },
};

export type NoticeContent = Record<string, string | number | string[]>;

/** Whether a field holds something: a non-blank text, a list with a non-blank item, a count. */
export function isFilled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim().length > 0;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.some((v) => typeof v === 'string' && v.trim().length > 0);
  return false;
}

/** The required items a draft leaves empty, in the law's order. */
export function missingItems(kind: NoticeKind, content: Record<string, unknown>, late: boolean): string[] {
  const spec = NOTICE_KINDS_SPEC[kind];
  const required = [...spec.required];
  if (late && spec.requiredWhenLate) required.push(spec.requiredWhenLate.field);
  return required.filter((field) => !isFilled(content[field]));
}

const MAX_TEXT = 4000;
const MAX_ITEMS = 50;
const MAX_ITEM = 200;
const MAX_COUNT = 100_000_000;

/** The fields of a draft that are not this kind's or not of its type, with why (for a 422). */
export function contentErrors(
  kind: NoticeKind,
  content: Record<string, unknown>,
): { field: string; message: string }[] {
  const fields = NOTICE_KINDS_SPEC[kind].fields;
  const errors: { field: string; message: string }[] = [];
  for (const [field, value] of Object.entries(content)) {
    const type = fields[field] as NoticeFieldType | undefined;
    if (type === undefined) errors.push({ field, message: `Not a field of a ${kind}` });
    else if (value === null || value === '') continue;
    else if (type === 'text' && (typeof value !== 'string' || value.length > MAX_TEXT))
      errors.push({ field, message: `Text of at most ${MAX_TEXT} characters` });
    else if (
      type === 'list' &&
      (!Array.isArray(value) ||
        value.length > MAX_ITEMS ||
        value.some((v) => typeof v !== 'string' || v.length > MAX_ITEM))
    )
      errors.push({ field, message: `A list of at most ${MAX_ITEMS} items of at most ${MAX_ITEM} characters` });
    else if (type === 'count' && (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_COUNT))
      errors.push({ field, message: `A whole number from 0 to ${MAX_COUNT}` });
  }
  return errors;
}

/** The draft with blank values dropped and text trimmed (what is stored and merged). */
export function cleanContent(content: Record<string, unknown>): NoticeContent {
  const clean: NoticeContent = {};
  for (const [field, value] of Object.entries(content)) {
    if (typeof value === 'string' && value.trim() !== '') clean[field] = value.trim();
    else if (typeof value === 'number') clean[field] = value;
    else if (Array.isArray(value)) {
      const items = (value as string[]).map((v) => v.trim()).filter((v) => v !== '');
      if (items.length > 0) clean[field] = items;
    }
  }
  return clean;
}
