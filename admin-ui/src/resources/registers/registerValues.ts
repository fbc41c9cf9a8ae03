// Pure helpers for register values (retention, dates, writes); no React, so unit tests load them.
import type { LocalizedText, Retention } from './registerTypes';

const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

export type PeriodUnit = 'Y' | 'M' | 'W' | 'D';

/** The parts of an ISO 8601 date duration ("P1Y6M" -> 1 Y, 6 M), or null when it is not one. */
export const parsePeriod = (value: string | undefined | null): { unit: PeriodUnit; count: number }[] | null => {
  const match = PERIOD.exec((value ?? '').trim().toUpperCase());
  if (!match) return null;
  const units: PeriodUnit[] = ['Y', 'M', 'W', 'D'];
  const parts = units
    .map((unit, index) => ({ unit, count: match[index + 1] === undefined ? NaN : Number(match[index + 1]) }))
    .filter((part) => Number.isFinite(part.count));
  return parts.length === 0 || parts.every((part) => part.count === 0) ? null : parts;
};

const hasText = (text: LocalizedText | undefined): text is LocalizedText =>
  Boolean(text && ((text.ko ?? '').trim() !== '' || (text.en ?? '').trim() !== ''));

/**
 * A retention as the server takes it: only the keys its kind allows (the server refuses the
 * others), and no wording when both languages are empty (the server then generates it).
 */
export const cleanRetention = (retention: Retention | undefined | null, withText = true): Retention | undefined => {
  if (!retention || typeof retention !== 'object' || !retention.kind) return retention ?? undefined;
  const clean: Retention = { kind: retention.kind };
  const period = (retention.period ?? '').trim().toUpperCase();
  switch (retention.kind) {
    case 'duration':
    case 'statutory':
      clean.period = period;
      if (retention.after) clean.after = retention.after;
      if (retention.kind === 'statutory') clean.law = (retention.law ?? '').trim();
      break;
    case 'immediate':
      if (retention.after) clean.after = retention.after;
      break;
    case 'either':
      clean.options = (retention.options ?? []).map((option) => cleanRetention(option, false) as Retention);
      break;
    case 'until_purpose':
    case 'until_withdrawal':
    case 'until_contract_end':
      break;
  }
  if (withText && hasText(retention.text)) {
    clean.text = { ko: (retention.text.ko ?? '').trim(), en: (retention.text.en ?? '').trim() };
  }
  return clean;
};

/** A text in the wanted language, else the other one (as the rendered policy does). */
export const pickText = (text: LocalizedText | null | undefined, locale: string): string => {
  if (!text || typeof text !== 'object') return '';
  const wanted = locale === 'ko' ? text.ko : text.en;
  const other = locale === 'ko' ? text.en : text.ko;
  return (wanted ?? '').trim() !== '' ? wanted : (other ?? '');
};

const isLocalized = (value: unknown): value is Partial<LocalizedText> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.keys(value).every((key) => key === 'ko' || key === 'en');

const emptyToNull = (value: unknown): unknown => (value === '' || value === undefined ? null : value);

/** Fields whose empty input means "none" (null) rather than an empty string. */
const NULLABLE = new Set([
  'parentId',
  'country',
  'dpaSignedOn',
  'dpaExpiresOn',
  'lastInspectionOn',
  'nextInspectionDue',
  'gdprMechanism',
  'derogation',
  'art9Condition',
  'retentionRuleId',
]);

/**
 * The body of a register write: only the writable fields (in the form's values), with a
 * clean retention, empty choices as null, and the `reason`, plus `version` on an update.
 */
export const registerWriteBody = (
  values: Record<string, unknown>,
  writable: readonly string[],
  extra: { reason: string; version?: number },
): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  for (const field of writable) {
    if (!(field in values)) continue;
    let value = values[field];
    if (field === 'retention') value = cleanRetention(value as Retention);
    if (NULLABLE.has(field)) value = emptyToNull(value);
    if (field === 'position' && (value === null || value === '')) continue;
    if (field === 'country' && typeof value === 'string') value = value.toUpperCase();
    if (isLocalized(value)) value = { ko: value.ko ?? '', en: value.en ?? '' };
    body[field] = value;
  }
  body.reason = extra.reason.trim();
  if (extra.version !== undefined) body.version = extra.version;
  return body;
};
