import type { Lang } from '../../registers/register-types';

/**
 * What an access request asks for (PIPA Decree Art. 41(1); GDPR Art. 15(1)): the data itself and
 * the facts about its processing. The intake offers these; the package covers every one asked.
 */
export const ACCESS_ITEMS = [
  'data',
  'purposes',
  'categories',
  'recipients',
  'retention',
  'rights',
  'source',
  'disclosures',
] as const;
export type AccessItem = (typeof ACCESS_ITEMS)[number];

/** The counseling-record text fields a redaction may cut (the sealed content's keys). */
export const REDACTABLE_FIELDS = ['notes', 'result', 'opinion', 'recommendations'] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

/**
 * Third-party content withheld from a counseling record before release (GDPR Art. 15(4), PIPA
 * Art. 35(4) 3: another person's rights). Without spans the whole content is withheld; with spans
 * (UTF-16 offsets, `to` exclusive) only those parts of `field` (default `notes`).
 */
export interface ExportRedaction {
  recordId: string;
  /** Why it was withheld (shown to the DPO and recorded; the package shows the marker only). */
  reason: string;
  spans?: Array<{ from: number; to: number }>;
  field?: RedactableField;
}

export interface ExportOptions {
  subjectId: string;
  /** The rights request this export answers; named in every access-log event it writes. */
  requestId: string;
  locale: Lang;
  /** The request's regimes (deadlines' REGIMES); US-HIPAA excludes psychotherapy notes. */
  regimes: string[];
  /** Portability (GDPR Art. 20 / PIPA Art. 35-2): the JSON is the machine-readable copy either way; this marks it. */
  portability: boolean;
  /** Default: every item. */
  items?: AccessItem[];
  redactions?: ExportRedaction[];
}

export interface ExportSummary {
  /** Counseling records released (after the HIPAA exclusion). */
  records: number;
  excludedPsychotherapyNotes: number;
  redactions: ExportRedaction[];
}

export interface ExportPackage {
  json: Buffer;
  pdf: Buffer;
  /** Base name without extension, e.g. `access-RR-…-2026-12-04`; `.json` / `.pdf` are appended by the caller. */
  fileName: string;
  summary: ExportSummary;
}

/** The JSON document's schema version; bump on any change of its structure (docs in export/README.md). */
export const EXPORT_SCHEMA_VERSION = '1.0';
