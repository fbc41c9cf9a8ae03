import type { ReactNode } from 'react';
import { Box, Chip, Typography, type ChipProps } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { isApiError } from '../../providers/http';
import { useErrorMessage } from '../../components/ProblemAlert';
import { useDates } from '../../i18n/dates';
import { parsePeriod } from '../registers/registerValues';
import { useLocalized } from '../registers/registerFields';
import type { LocalizedText } from '../registers/registerTypes';
import { RT } from './retentionTypes';

/** Problem codes the retention screens explain in their own words. */
const RETENTION_PROBLEMS = new Set([
  'VERSION_CONFLICT',
  'LEGAL_HOLD_ACTIVE',
  'RULE_CATEGORY_TAKEN',
  'HOLD_RELEASED',
  'SUBJECT_SEPARATED',
  'NOT_FOUND',
]);

/** The translated message for an error from a retention route. */
export const useRetentionError = () => {
  const translate = useTranslate();
  const generic = useErrorMessage();
  return (error: unknown): string =>
    isApiError(error) && error.code && RETENTION_PROBLEMS.has(error.code)
      ? translate(`${RT}.problem.${error.code}`)
      : generic(error);
};

/** "P1Y6M" -> "1 year 6 months" (the registers' units); an unreadable period stays as written. */
export const usePeriodText = () => {
  const translate = useTranslate();
  return (period: string | null | undefined): string => {
    if (!period) return '';
    const parts = parsePeriod(period);
    if (!parts) return period;
    return parts
      .map((part) => translate(`resources.registers.retention.units.${part.unit}`, { smart_count: part.count }))
      .join(' ');
  };
};

/** A value of one of the retention vocabularies (categories, triggers, …) in words. */
export const useRetentionLabel = () => {
  const translate = useTranslate();
  return (group: string, value: string | null | undefined): string =>
    value ? translate(`${RT}.${group}.${value}`, { _: value }) : '';
};

export const Muted = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" component="span" color="text.secondary">
    {children}
  </Typography>
);

/** A dash for nothing, so an empty cell reads as "none" rather than "not loaded". */
export const Dash = () => <Muted>—</Muted>;

export const DayText = ({ day }: { day: string | null | undefined }) => {
  const { format } = useDates();
  return day ? <>{format(day, 'date')}</> : <Dash />;
};

export const InstantText = ({ at }: { at: string | null | undefined }) => {
  const { format } = useDates();
  return at ? <>{format(at, 'dateTime')}</> : <Dash />;
};

export const Localized = ({ text }: { text: LocalizedText | null | undefined }) => {
  const localized = useLocalized();
  return <>{localized(text) || '—'}</>;
};

/** A list column showing a value of `group` from `source`. */
export const LabelField = ({ source, group }: { source: string; group: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const label = useRetentionLabel();
  const value = record?.[source];
  return typeof value === 'string' && value ? <>{label(group, value)}</> : <Dash />;
};

export const DayField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  return <DayText day={record?.[source] as string | null} />;
};

export const InstantField = ({ source }: { source: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  return <InstantText at={record?.[source] as string | null} />;
};

const STATUS_COLORS: Record<string, ChipProps['color']> = {
  active: 'warning',
  released: 'default',
  pending: 'primary',
  held: 'warning',
  destroyed: 'success',
  cancelled: 'default',
  running: 'info',
  completed: 'success',
  failed: 'error',
  due_for_notice: 'info',
  notified: 'warning',
  separated: 'default',
  reactivated: 'success',
};

/** A status as a small chip: `group` names its words (statuses, states). */
export const StatusChip = ({ value, group = 'statuses' }: { value: string; group?: string }) => {
  const label = useRetentionLabel();
  return (
    <Chip
      size="small"
      color={STATUS_COLORS[value] ?? 'default'}
      variant={value === 'released' || value === 'cancelled' ? 'outlined' : 'filled'}
      label={label(group, value)}
      data-testid="status-chip"
      data-status={value}
    />
  );
};

export const StatusField = ({ source, group }: { source: string; group?: string; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const value = record?.[source];
  return typeof value === 'string' ? <StatusChip value={value} group={group} /> : null;
};

/** A short intro under a screen's title: what the screen is for, in one or two sentences. */
export const Intro = ({ text }: { text: string }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ px: 2, pt: 1.5, pb: 0.5, maxWidth: 960 }}>
      <Typography variant="body2" color="text.secondary">
        {translate(text)}
      </Typography>
    </Box>
  );
};
