import type { DataCategory, DisclosureRow, Lang, PolicyRegisters } from '../../registers/register-types';
import type { JsonRow } from './subject-export.repository';

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
  /**
   * What the registers say about the person's processing. The registers feature imports this
   * one (for people's names), so the caller, which imports both, hands the reads in.
   */
  registerFacts: RegisterFactsReader;
}

/** Reads the registers for an export: the person's service's policy, and their shareable disclosures. */
export interface RegisterFactsReader {
  policy(service: string): Promise<PolicyRegisters | null>;
  disclosures(subjectId: string): Promise<DisclosureRow[]>;
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

/** The JSON package (schema in export/README.md). */
export interface ExportDocument {
  schema: 'poc.subject-export';
  schemaVersion: string;
  requestId: string;
  generatedAt: string;
  locale: Lang;
  portability: boolean;
  regimes: string[];
  items: AccessItem[];
  controller: { service: string; policy: string | null; contact: string | null; dpoContact: string | null };
  subject: { id: string; kind: string; service: string };
  data?: Record<string, unknown>;
  purposes?: Array<Record<string, unknown>>;
  categories?: Array<{ code: DataCategory; label: string; special: boolean }>;
  recipients?: { processors: JsonRow[]; provisions: JsonRow[]; transfers: JsonRow[] };
  retention?: Array<Record<string, unknown>>;
  rights?: { rights: string[]; complaints: Array<{ name: string; contact: string }> };
  source?: string;
  disclosures?: JsonRow[];
  withheld: { psychotherapyNotes: number; redactedRecords: Array<{ recordId: string; whole: boolean }> };
}
