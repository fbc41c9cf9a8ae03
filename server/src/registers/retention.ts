import { parsePeriod } from '../calendar/period';
import type { FieldProblem } from '../common/problem';
import { hasControlCharacters } from './dto/register-validators';
import {
  Lang,
  LocalizedText,
  Retention,
  RETENTION_EVENTS,
  RETENTION_KINDS,
  RetentionEvent,
  RetentionKind,
  RetentionValue,
} from './register-types';
import { RegisterFieldCode } from './registers.errors';

/** An ISO 8601 duration of whole years, months, weeks and days ('P3Y', 'P1Y6M', 'P30D'). */
export const parseDuration = parsePeriod;

const NEEDS_PERIOD: readonly RetentionKind[] = ['duration', 'statutory'];
const TAKES_AFTER: readonly RetentionKind[] = ['duration', 'statutory', 'immediate'];
const RETENTION_KEYS = new Set(['kind', 'period', 'after', 'law', 'options', 'text', 'display']);
const TEXT_MAX = 500;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a retention value from a request, naming the exact field that is wrong. The stored form
 * keeps the text as given (possibly empty); `display` is computed on the way out and ignored
 * on the way in, so a client may send back what it read.
 */
export function parseRetention(raw: unknown, field: string): { value: Retention | null; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const structure = parseStructure(raw, field, errors, true);
  if (structure === null) return { value: null, errors };
  const text: LocalizedText = { ko: '', en: '' };
  const rawText = (raw as Record<string, unknown>).text;
  if (rawText !== undefined && rawText !== null) {
    if (!isObject(rawText)) {
      errors.push(invalid(`${field}.text`, 'Must be an object {ko, en}'));
    } else {
      for (const key of Object.keys(rawText)) {
        if (key !== 'ko' && key !== 'en') {
          errors.push({
            field: `${field}.text.${key}`,
            code: RegisterFieldCode.UnknownField,
            message: 'Unknown field',
          });
        }
      }
      for (const lang of ['ko', 'en'] as const) {
        const value = rawText[lang];
        if (value === undefined || value === null) continue;
        if (typeof value !== 'string' || value.length > TEXT_MAX || hasControlCharacters(value)) {
          errors.push(invalid(`${field}.text.${lang}`, `Text of at most ${TEXT_MAX} characters`));
        } else {
          text[lang] = value.trim();
        }
      }
    }
  }
  return errors.length > 0 ? { value: null, errors } : { value: { ...structure, text }, errors };
}

function parseStructure(raw: unknown, field: string, errors: FieldProblem[], top: boolean): RetentionValue | null {
  if (!isObject(raw)) {
    errors.push(invalid(field, 'A retention is an object such as {"kind": "duration", "period": "P3Y"}'));
    return null;
  }
  const before = errors.length;
  for (const key of Object.keys(raw)) {
    if (!RETENTION_KEYS.has(key) || (!top && (key === 'text' || key === 'display'))) {
      errors.push({ field: `${field}.${key}`, code: RegisterFieldCode.UnknownField, message: 'Unknown field' });
    }
  }
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(RETENTION_KINDS as readonly string[]).includes(kind)) {
    errors.push(invalid(`${field}.kind`, `One of ${RETENTION_KINDS.join(', ')}`));
    return null;
  }
  const value: RetentionValue = { kind: kind as RetentionKind };

  if (NEEDS_PERIOD.includes(value.kind)) {
    if (typeof raw.period !== 'string' || parseDuration(raw.period) === null) {
      errors.push(
        invalid(`${field}.period`, "An ISO 8601 duration of years, months, weeks or days, e.g. 'P3Y', 'P30D'"),
      );
    } else {
      value.period = raw.period;
    }
  } else if (raw.period !== undefined && raw.period !== null) {
    errors.push(invalid(`${field}.period`, `A ${value.kind} retention has no period`));
  }

  if (raw.after !== undefined && raw.after !== null) {
    if (!TAKES_AFTER.includes(value.kind)) {
      errors.push(invalid(`${field}.after`, `A ${value.kind} retention has no starting event`));
    } else if (typeof raw.after !== 'string' || !(RETENTION_EVENTS as readonly string[]).includes(raw.after)) {
      errors.push(invalid(`${field}.after`, `One of ${RETENTION_EVENTS.join(', ')}`));
    } else {
      value.after = raw.after as RetentionEvent;
    }
  }

  if (value.kind === 'statutory') {
    if (
      typeof raw.law !== 'string' ||
      raw.law.trim().length === 0 ||
      raw.law.length > 200 ||
      hasControlCharacters(raw.law)
    ) {
      errors.push(invalid(`${field}.law`, 'A statutory retention names its law (at most 200 characters)'));
    } else {
      value.law = raw.law.trim();
    }
  } else if (raw.law !== undefined && raw.law !== null) {
    errors.push(invalid(`${field}.law`, 'Only a statutory retention names a law'));
  }

  if (value.kind === 'either') {
    if (!top) {
      errors.push(invalid(`${field}.kind`, 'An option of an either-retention cannot itself be either'));
    } else if (!Array.isArray(raw.options) || raw.options.length < 2 || raw.options.length > 3) {
      errors.push(invalid(`${field}.options`, 'Two or three retentions'));
    } else {
      const options = raw.options.map((o, i) => parseStructure(o, `${field}.options[${i}]`, errors, false));
      if (options.every((o) => o !== null)) value.options = options as RetentionValue[];
    }
  } else if (raw.options !== undefined && raw.options !== null) {
    errors.push(invalid(`${field}.options`, 'Only an either-retention has options'));
  }
  return errors.length > before ? null : value;
}

function invalid(field: string, message: string): FieldProblem {
  return { field, code: RegisterFieldCode.InvalidRetention, message };
}

// ---- display text -----------------------------------------------------------------

const EVENT_TEXT: Record<RetentionEvent, LocalizedText> = {
  collection: { ko: '수집', en: 'collection' },
  counseling_end: { ko: '상담 종료', en: 'counseling ends' },
  withdrawal: { ko: '회원 탈퇴', en: 'withdrawal' },
  contract_end: { ko: '계약 종료', en: 'the contract ends' },
  delivery: { ko: '발송 완료', en: 'sending' },
  transaction: { ko: '거래', en: 'the transaction' },
  last_use: { ko: '마지막 이용', en: 'the last use' },
  purpose_achieved: { ko: '목적 달성', en: 'the purpose is achieved' },
  backup_rotation: { ko: '백업 순환', en: 'backup rotation' },
};

export function durationText(period: string, lang: Lang): string {
  const parts = parseDuration(period);
  if (parts === null) return period;
  const units: [number, string, string, string][] = [
    [parts.years, '년', 'year', 'years'],
    [parts.months, '개월', 'month', 'months'],
    [parts.weeks, '주', 'week', 'weeks'],
    [parts.days, '일', 'day', 'days'],
  ];
  return units
    .filter(([n]) => n > 0)
    .map(([n, ko, one, many]) => (lang === 'ko' ? `${n}${ko}` : `${n} ${n === 1 ? one : many}`))
    .join(' ');
}

/** The text a retention is shown with when nobody wrote one. */
export function generatedRetentionText(value: RetentionValue, lang: Lang): string {
  const after = value.after === undefined ? null : EVENT_TEXT[value.after][lang];
  switch (value.kind) {
    case 'duration': {
      const period = durationText(value.period ?? '', lang);
      if (after === null) return period;
      return lang === 'ko' ? `${after} 후 ${period}` : `${period} after ${after}`;
    }
    case 'statutory': {
      const period = durationText(value.period ?? '', lang);
      const withEvent = after === null ? period : lang === 'ko' ? `${after} 후 ${period}` : `${period} after ${after}`;
      return `${withEvent} (${value.law ?? ''})`;
    }
    case 'until_purpose':
      return lang === 'ko' ? '목적 달성 시까지' : 'Until the purpose is achieved';
    case 'until_withdrawal':
      return lang === 'ko' ? '회원 탈퇴 시까지' : 'Until withdrawal';
    case 'until_contract_end':
      return lang === 'ko' ? '위탁 계약 종료 시까지' : 'Until the entrustment contract ends';
    case 'immediate':
      if (after === null) return lang === 'ko' ? '즉시 파기' : 'Destroyed immediately';
      return lang === 'ko' ? `${after} 후 즉시 파기` : `Destroyed immediately after ${after}`;
    case 'either':
      return (value.options ?? []).map((o) => generatedRetentionText(o, lang)).join(lang === 'ko' ? ' 또는 ' : ' or ');
    default: {
      const unknown: never = value.kind;
      return String(unknown);
    }
  }
}

/** The text shown for a retention: what the DPO wrote, else the generated one. */
export function retentionDisplay(retention: Retention): LocalizedText {
  const text = retention.text ?? { ko: '', en: '' };
  return {
    ko: text.ko || generatedRetentionText(retention, 'ko'),
    en: text.en || generatedRetentionText(retention, 'en'),
  };
}
