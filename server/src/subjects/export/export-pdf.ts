import type { DocumentBlock, DocumentRenderer } from '../../outbox/document-renderer';
import { LABELS } from './export-texts';
import type { ExportDocument } from './export-types';

type Row = Record<string, unknown>;

/** A cell: dates and objects as text, nothing as a dash. */
function cell(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A table of rows with the columns their first row has (ids and internal references left out). */
function table(rows: Row[], hidden: string[] = ['id']): DocumentBlock[] {
  if (rows.length === 0) return [{ kind: 'paragraph', text: '—' }];
  const columns = Object.keys(rows[0]).filter((c) => !hidden.includes(c));
  return [{ kind: 'table', columns, rows: rows.map((r) => columns.map((c) => cell(r[c]))) }];
}

/**
 * The human-readable copy: the same content as the JSON, as headings, short paragraphs and
 * tables (a person with thousands of counseling records gets a table, one row per record).
 */
export function buildExportPdf(renderer: DocumentRenderer, doc: ExportDocument): Promise<Buffer> {
  const lang = doc.locale;
  const blocks: DocumentBlock[] = [];
  const heading = (label: { ko: string; en: string }) => blocks.push({ kind: 'heading', text: label[lang] });
  const paragraph = (text: string) => blocks.push({ kind: 'paragraph', text });
  paragraph(`${LABELS.request[lang]}: ${doc.requestId} · ${LABELS.generatedAt[lang]}: ${doc.generatedAt}`);
  const data = doc.data as Record<string, unknown> | undefined;
  if (data) {
    heading(LABELS.profile);
    const profile = data.profile as Row;
    blocks.push({
      kind: 'table',
      columns: ['', ''],
      widths: [1, 2],
      rows: Object.entries(profile).map(([k, v]) => [k, cell(v)]),
    });
    const sections: [keyof typeof LABELS, string][] = [
      ['consents', 'consents'],
      ['bookings', 'bookings'],
      ['sensitive', 'sensitiveData'],
      ['payments', 'payments'],
      ['devices', 'devices'],
      ['socialLinks', 'socialLinks'],
      ['calendarLinks', 'calendarLinks'],
      ['recordings', 'recordings'],
      ['reviews', 'reviews'],
    ];
    for (const [label, key] of sections) {
      heading(LABELS[label]);
      blocks.push(...table((data[key] as Row[]) ?? []));
    }
    heading(LABELS.records);
    blocks.push(...recordBlocks(data.counselingRecords as Row[], lang));
  }
  if (doc.purposes) {
    heading(LABELS.purposes);
    blocks.push(
      ...table(
        doc.purposes.map((p) => ({ ...p, legalBasis: (p.legalBasis as { label: string }).label })),
        ['dataCategories', 'art9Condition'],
      ),
    );
  }
  if (doc.categories) {
    heading(LABELS.categories);
    paragraph(doc.categories.map((c) => c.label).join(', ') || LABELS.none[lang]);
  }
  if (doc.recipients) {
    heading(LABELS.recipients);
    blocks.push(...table(doc.recipients.processors), ...table(doc.recipients.provisions.map(labelled)));
    heading(LABELS.transfers);
    blocks.push(
      ...table(
        doc.recipients.transfers.map((t) => {
          const s = t.safeguards as { pipaBasis: { label: string }; gdprMechanism: { label: string } | null };
          return {
            recipient: t.recipient,
            country: t.countryName,
            items: t.items,
            purpose: t.purpose,
            safeguards: [s.pipaBasis.label, s.gdprMechanism?.label].filter(Boolean).join(' / '),
          };
        }),
      ),
    );
  }
  if (doc.retention) {
    heading(LABELS.retention);
    blocks.push(
      ...table(
        doc.retention.map((r) => {
          const rule = r.rule as { name: string; law: string | null } | null;
          return {
            activity: r.activity,
            retention: r.retention,
            rule: rule ? [rule.name, rule.law].filter(Boolean).join(' · ') : null,
          };
        }),
      ),
    );
  }
  if (doc.rights) {
    heading(LABELS.rights);
    for (const right of doc.rights.rights) paragraph(`• ${right}`);
    heading(LABELS.complaints);
    for (const body of doc.rights.complaints) paragraph(`• ${body.name}: ${body.contact}`);
  }
  if (doc.source !== undefined) {
    heading(LABELS.source);
    paragraph(doc.source);
  }
  if (doc.disclosures) {
    heading(LABELS.disclosures);
    blocks.push(...table(doc.disclosures.map(labelled)));
  }
  if (doc.withheld.psychotherapyNotes > 0 || doc.withheld.redactedRecords.length > 0) {
    heading(LABELS.withheld);
    if (doc.withheld.psychotherapyNotes > 0) {
      paragraph(LABELS.excludedNotes[lang].replace('%n', String(doc.withheld.psychotherapyNotes)));
    }
    if (doc.withheld.redactedRecords.length > 0) {
      paragraph(LABELS.redactionsNote[lang].replace('%n', String(doc.withheld.redactedRecords.length)));
    }
  }
  return renderer.renderPdf({
    title: (doc.portability ? LABELS.titlePortability : LABELS.title)[lang],
    body: LABELS.intro[lang],
    language: lang,
    footer: `${doc.requestId} · ${doc.schema} ${doc.schemaVersion}`,
    blocks,
  });
}

/** A row whose coded values ({code, label}) read as their label. */
function labelled(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) =>
      v !== null && typeof v === 'object' && 'label' in v ? [k, (v as { label: string }).label] : [k, v],
    ),
  );
}

/**
 * Up to PDF_RECORDS_IN_FULL records, each with its text in a wrapped table. Beyond that the PDF
 * counts them by month and kind and points to the JSON file, which holds every record in full: a
 * table of 5,000 notes would be ~700 pages and take pdfkit well over the 2 s the package may take.
 */
export const PDF_RECORDS_IN_FULL = 200;

function recordBlocks(records: Row[], lang: 'ko' | 'en'): DocumentBlock[] {
  if (records.length === 0) return [{ kind: 'paragraph', text: LABELS.none[lang] }];
  if (records.length <= PDF_RECORDS_IN_FULL) {
    return [
      {
        kind: 'table',
        columns: ['#', 'sessionAt', 'kind', 'counselor', 'content'],
        widths: [0.6, 2.2, 1.4, 1.4, 6],
        rows: records.map((r, i) => [
          String(i + 1),
          cell(r.sessionAt),
          cell(r.kind),
          cell(r.counselor),
          r.content === null ? LABELS.erased[lang] : Object.values(r.content as Record<string, string>).join('\n'),
        ]),
      },
    ];
  }
  const byMonth = new Map<string, Map<string, number>>();
  for (const r of records) {
    const month = cell(r.sessionAt).slice(0, 7);
    const kinds = byMonth.get(month) ?? new Map<string, number>();
    kinds.set(cell(r.kind), (kinds.get(cell(r.kind)) ?? 0) + 1);
    byMonth.set(month, kinds);
  }
  return [
    { kind: 'paragraph', text: LABELS.recordsInJson[lang].replace('%n', String(records.length)) },
    {
      kind: 'table',
      columns: ['month', 'records'],
      widths: [1, 4],
      rows: [...byMonth].map(([month, kinds]) => [month, [...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')]),
    },
  ];
}
