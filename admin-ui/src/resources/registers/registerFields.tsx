import type { ReactNode } from 'react';
import { Box, Chip, Stack, Tooltip, Typography, type ChipProps } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { countryName } from './countries';
import { useDates } from '../../i18n/dates';
import { parsePeriod, pickText } from './registerValues';
import {
  CONTRACT_TERMS,
  type ContractTerm,
  type LocalizedText,
  type RegisterDeadline,
  type Retention,
} from './registerTypes';

const R = 'resources.registers';

/** Reads a dotted path ("retention.text") from a record. */
const get = (record: Record<string, unknown> | undefined, source: string): unknown =>
  source.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], record);

/** A LocalizedText in the UI's language (the other one when that is empty). */
export const useLocalized = () => {
  const [locale] = useLocaleState();
  return (text: LocalizedText | null | undefined): string => pickText(text, locale);
};

/** A 'YYYY-MM-DD' day in the console's one date format (i18n/dates.ts). */
export const useFormatDay = () => {
  const { format } = useDates();
  return (day: string | null | undefined): string => format(day, 'date');
};

/** "in 12 days" / "today" / "3 days ago" (i18n/dates.ts). */
export const useRelativeDays = () => useDates().relativeDays;

const Muted = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" component="span" color="text.secondary">
    {children}
  </Typography>
);

export const NotSet = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" component="span" sx={{ color: 'text.disabled', fontStyle: 'italic' }}>
      {translate(`${R}.not_set`)}
    </Typography>
  );
};

type FieldProps = { source: string; label?: string };

/** A localized text in the UI language; for tables. */
export const LocalizedTextField = ({ source, lines }: FieldProps & { lines?: number }) => {
  const record = useRecordContext();
  const localized = useLocalized();
  const text = localized(get(record, source) as LocalizedText);
  if (!text) return <NotSet />;
  return (
    <Typography
      variant="body2"
      component="span"
      sx={
        lines
          ? {
              display: '-webkit-box',
              WebkitLineClamp: lines,
              WebkitBoxOrient: 'vertical',
              overflow: 'hidden',
              whiteSpace: 'pre-line',
            }
          : { whiteSpace: 'pre-line' }
      }
    >
      {text}
    </Typography>
  );
};

/** Both languages, labelled, for a show page: what the Korean and the English policy print. */
export const BilingualText = ({ text }: { text: LocalizedText | null | undefined }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const order: ('ko' | 'en')[] = locale === 'ko' ? ['ko', 'en'] : ['en', 'ko'];
  if (!text || (!text.ko && !text.en)) return <NotSet />;
  return (
    <Stack spacing={0.5}>
      {order.map((lang) => (
        <Stack key={lang} direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
          <Chip
            size="small"
            variant="outlined"
            label={translate(`${R}.languages.${lang}`)}
            sx={{ height: 20, fontSize: '0.7rem', flexShrink: 0, minWidth: 52 }}
          />
          <Typography variant="body2" component="span" sx={{ whiteSpace: 'pre-line' }} lang={lang}>
            {text[lang] || <Muted>{translate(`${R}.not_set`)}</Muted>}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
};

export const BilingualTextField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  return <BilingualText text={get(record, source) as LocalizedText} />;
};

/** The retention's wording in the UI language (the server always fills it in). */
export const RetentionText = ({ retention }: { retention: Retention | null | undefined }) => {
  const localized = useLocalized();
  const translate = useTranslate();
  if (!retention) return <NotSet />;
  const text =
    localized(retention.display) ||
    localized(retention.text) ||
    translate(`${R}.retention.kinds.${retention.kind}`, { _: retention.kind });
  return (
    <Typography variant="body2" component="span" sx={{ whiteSpace: 'pre-line' }}>
      {text}
    </Typography>
  );
};

export const RetentionField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  return <RetentionText retention={get(record, source) as Retention} />;
};

/** The retention's rule in words, under its wording on a show page: "Period required by law · P5Y · 전자상거래법". */
export const RetentionRule = ({ retention }: { retention: Retention | null | undefined }) => {
  const translate = useTranslate();
  const localized = useLocalized();
  if (!retention) return null;
  // "P1Y6M" -> "1 year 6 months"; an unreadable period stays as written.
  const periodText = (period: string | undefined): string => {
    const parts = parsePeriod(period);
    if (!parts) return period ?? '';
    return parts.map((part) => translate(`${R}.retention.units.${part.unit}`, { smart_count: part.count })).join(' ');
  };
  const describe = (rule: Retention): string =>
    [
      translate(`${R}.retention.kinds.${rule.kind}`, { _: rule.kind }),
      periodText(rule.period),
      rule.after ? `${translate(`${R}.retention.after`)}: ${translate(`${R}.retention.events.${rule.after}`)}` : '',
      rule.law,
      rule.options ? rule.options.map(describe).join(' / ') : '',
    ]
      .filter(Boolean)
      .join(' · ');
  const description = describe(retention);
  // "Until the contract ends" under "Until the contract ends" says nothing new.
  if (description === (localized(retention.display) || localized(retention.text))) return null;
  return <Muted>{description}</Muted>;
};

/** An enum value in words: `group` names the message group under resources.registers. */
export const useEnumLabel = () => {
  const translate = useTranslate();
  return (group: string, value: string | null | undefined): string =>
    value ? translate(`${R}.${group}.${value}`, { _: value }) : '';
};

export const EnumField = ({ source, group, empty }: FieldProps & { group: string; empty?: string }) => {
  const record = useRecordContext();
  const label = useEnumLabel();
  const translate = useTranslate();
  const value = get(record, source) as string | null;
  if (!value) return empty ? <Muted>{translate(empty)}</Muted> : <NotSet />;
  return (
    <Typography variant="body2" component="span">
      {label(group, value)}
    </Typography>
  );
};

/** An array of enum values as small chips. */
export const EnumChipsField = ({ source, group }: FieldProps & { group: string }) => {
  const record = useRecordContext();
  const label = useEnumLabel();
  const values = (get(record, source) as string[] | undefined) ?? [];
  if (values.length === 0) return <NotSet />;
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {values.map((value) => (
        <Chip key={value} size="small" label={label(group, value)} />
      ))}
    </Box>
  );
};

const STATUS_COLOR: Record<string, ChipProps['color']> = {
  draft: 'warning',
  active: 'success',
  ended: 'default',
};

export const StatusChip = ({ status }: { status: string }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[status] ?? 'default'}
      variant={status === 'ended' ? 'outlined' : 'filled'}
      label={translate(`${R}.status.${status}`, { _: status })}
      data-status={status}
      sx={{ alignSelf: 'flex-start' }}
    />
  );
};

export const StatusField = (_props: Partial<FieldProps>) => {
  const record = useRecordContext<{ status?: string }>();
  if (!record?.status) return null;
  return <StatusChip status={record.status} />;
};

/** "미국 (US)" / "United States (US)". */
export const CountryName = ({ code }: { code: string | null | undefined }) => {
  const [locale] = useLocaleState();
  if (!code) return <NotSet />;
  return (
    <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
      {countryName(code, locale)}{' '}
      <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.85em' }}>
        ({code})
      </Box>
    </Typography>
  );
};

export const CountryField = ({ source, emptyText }: FieldProps & { emptyText?: string }) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const code = get(record, source) as string | null;
  if (!code && emptyText) return <Muted>{translate(emptyText)}</Muted>;
  return <CountryName code={code} />;
};

export const DayField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  const format = useFormatDay();
  const day = get(record, source) as string | null;
  if (!day) return <NotSet />;
  return (
    <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
      {format(day)}
    </Typography>
  );
};

const DEADLINE_SOURCE = { dpa: 'dpaDeadline', inspection: 'inspectionDeadline' } as const;

/**
 * A legal deadline: the date, and how far away it is in colour, both as the server counted them
 * (in the organisation's time zone, whatever the browser's). A DPA is orange 30 days before expiry
 * and red once expired; an inspection is red once overdue. An ended row has no count.
 */
export const DeadlineField = ({ source, kind }: FieldProps & { kind: 'dpa' | 'inspection' }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const format = useFormatDay();
  const relative = useRelativeDays();
  const translate = useTranslate();
  const day = get(record, source) as string | null;
  if (!day) return <NotSet />;
  const deadline = (record?.[DEADLINE_SOURCE[kind]] ?? null) as RegisterDeadline | null;
  const days = deadline?.daysLeft ?? null;
  let color: ChipProps['color'] = 'default';
  let title = '';
  if (deadline?.state === 'overdue') {
    [color, title] = ['error', kind === 'dpa' ? `${R}.deadline.dpa_expired` : `${R}.deadline.inspection_overdue`];
  } else if (deadline?.state === 'at_risk') {
    [color, title] = ['warning', `${R}.deadline.dpa_expiring`];
  }
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
      <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
        {format(day)}
      </Typography>
      {days !== null && (
        <Tooltip title={title ? translate(title) : ''}>
          <Chip
            size="small"
            color={color}
            variant={color === 'default' ? 'outlined' : 'filled'}
            label={relative(days)}
            data-testid={`deadline-${kind}`}
            data-days={days}
          />
        </Tooltip>
      )}
    </Stack>
  );
};

/** The seven contract terms, each ticked or crossed. */
export const ContractTermsChecklist = ({ terms }: { terms: Partial<Record<ContractTerm, boolean>> | undefined }) => {
  const translate = useTranslate();
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }} data-testid="contract-terms">
      {CONTRACT_TERMS.map((term) => {
        const ok = Boolean(terms?.[term]);
        return (
          <Stack
            key={term}
            component="li"
            direction="row"
            spacing={1}
            sx={{ alignItems: 'center', py: 0.25 }}
            data-term={term}
            data-ok={ok}
          >
            {ok ? <CheckCircleIcon color="success" fontSize="small" /> : <CancelIcon color="error" fontSize="small" />}
            <Typography variant="body2" color={ok ? 'text.primary' : 'error'}>
              {translate(`${R}.contract_terms.terms.${term}`)}
            </Typography>
          </Stack>
        );
      })}
    </Box>
  );
};

/** "All seven terms" or "3 terms missing", coloured; for the processor list. */
export const MissingTermsField = (_props: Partial<FieldProps>) => {
  const record = useRecordContext<{ missingTerms?: string[] }>();
  const translate = useTranslate();
  if (!record) return null;
  const missing = record.missingTerms ?? [];
  if (missing.length === 0) {
    return (
      <Chip
        size="small"
        variant="outlined"
        color="success"
        icon={<CheckCircleIcon />}
        label={translate(`${R}.contract_terms.complete`)}
      />
    );
  }
  return (
    <Tooltip title={missing.map((term) => translate(`${R}.contract_terms.terms.${term}`, { _: term })).join(', ')}>
      <Chip
        size="small"
        color="error"
        icon={<CancelIcon />}
        label={translate(`${R}.contract_terms.missing_count`, { smart_count: missing.length })}
        data-testid="missing-terms"
      />
    </Tooltip>
  );
};

/** A transfer's state: suspended by the regulator (red), in use, or not. */
export const TransferStateField = (_props: Partial<FieldProps>) => {
  const record = useRecordContext<{ suspended?: boolean; inUse?: boolean }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
      {record.suspended && (
        <Chip size="small" color="error" label={translate(`${R}.transfer_state.suspended`)} data-testid="suspended" />
      )}
      <Chip
        size="small"
        color={record.inUse ? (record.suspended ? 'error' : 'success') : 'default'}
        variant={record.inUse ? 'filled' : 'outlined'}
        label={translate(`${R}.transfer_state.${record.inUse ? 'in_use' : 'not_in_use'}`)}
      />
    </Stack>
  );
};

export const YesNoField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = get(record, source);
  return (
    <Typography variant="body2" component="span">
      {translate(value ? `${R}.yes` : `${R}.no`)}
    </Typography>
  );
};
