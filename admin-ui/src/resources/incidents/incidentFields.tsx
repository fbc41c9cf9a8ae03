import { useEffect, useMemo, useState } from 'react';
import { Chip, Tooltip } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { useDates } from '../../i18n/dates';
import { isApiError } from '../../providers/http';
import type { ClockView, IncidentStatus, Localized, RiskLevel } from './incidentTypes';

export const ik = (key: string) => `resources.incidents.${key}`;

const CLOCK_COLOR = { on_time: 'default', due_soon: 'warning', overdue: 'error' } as const;
const RISK_COLOR = { low: 'default', medium: 'info', high: 'warning', critical: 'error' } as const;
const STATUS_COLOR = {
  open: 'error',
  investigating: 'warning',
  contained: 'info',
  recovered: 'success',
  closed: 'default',
} as const;

/** How often a live countdown redraws; the figure itself comes from the server. */
const TICK_MS = 30_000;

/**
 * The hours left, counted down from the server's figure by the time elapsed on this page since it
 * arrived (a monotonic clock, never the browser's date); a refetch starts again from the server.
 */
export const useLiveHours = (hoursLeft: number | null | undefined): number | null => {
  // A new figure from the server restarts the count.
  const arrivedAt = useMemo(() => (hoursLeft === undefined ? 0 : performance.now()), [hoursLeft]);
  const [now, setNow] = useState(arrivedAt);
  useEffect(() => {
    setNow(performance.now());
    const timer = setInterval(() => setNow(performance.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [hoursLeft]);
  if (hoursLeft === null || hoursLeft === undefined) return null;
  return hoursLeft - Math.max(0, now - arrivedAt) / 3_600_000;
};

/** "2d 4h" / "5h 12m": whole units of a span of hours, for the countdown chip. */
export const spanParts = (hours: number): { days: number; hours: number; minutes: number } => {
  const minutesTotal = Math.floor(Math.abs(hours) * 60);
  return {
    days: Math.floor(minutesTotal / (24 * 60)),
    hours: Math.floor((minutesTotal % (24 * 60)) / 60),
    minutes: minutesTotal % 60,
  };
};

/**
 * A deadline chip: red overdue, amber under 24 h (the server's state), the countdown counting live
 * between refreshes; the due time in the tooltip.
 */
export const ClockChip = ({
  clock,
  label,
  testId = 'incident-clock',
  code,
}: {
  clock: ClockView | null | undefined;
  label?: string;
  testId?: string;
  code?: string;
}) => {
  const translate = useTranslate();
  const { format } = useDates();
  const hours = useLiveHours(clock?.hoursLeft);
  if (!clock || clock.state === null || hours === null) return null;
  const parts = spanParts(hours);
  const span =
    parts.days > 0
      ? translate(ik('clock.days_hours'), { days: parts.days, hours: parts.hours })
      : translate(ik('clock.hours_minutes'), { hours: parts.hours, minutes: parts.minutes });
  const text = translate(ik(hours < 0 ? 'clock.overdue' : 'clock.left'), { span });
  return (
    <Tooltip title={`${translate(ik(`clock.states.${clock.state}`))} · ${format(clock.dueAt, 'dateTime')}`}>
      <Chip
        size="small"
        color={CLOCK_COLOR[clock.state]}
        variant={clock.state === 'on_time' ? 'outlined' : 'filled'}
        label={label ? `${label} · ${text}` : text}
        data-testid={testId}
        data-state={clock.state}
        data-code={code}
        sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums', maxWidth: '100%' }}
      />
    </Tooltip>
  );
};

export const RiskChip = ({ risk }: { risk: RiskLevel }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={RISK_COLOR[risk]}
      variant={risk === 'critical' ? 'filled' : 'outlined'}
      label={translate(ik(`risks.${risk}`))}
      data-testid="incident-risk"
    />
  );
};

export const StatusChip = ({ status }: { status: IncidentStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLOR[status]}
      label={translate(ik(`statuses.${status}`))}
      data-testid="incident-status"
    />
  );
};

/** A bilingual text (template tasks, obligation labels) in the console's language. */
export const useLocalizedText = () => {
  const [locale] = useLocaleState();
  return (text: Localized | null | undefined): string =>
    text ? (locale === 'ko' ? text.ko || text.en : text.en || text.ko) : '';
};

/** A problem from an incident route, in the console's words. */
export const useIncidentError = () => {
  const translate = useTranslate();
  return (error: unknown): string => {
    if (!isApiError(error)) return translate('app.problem.INTERNAL');
    const known = translate(ik(`problems.${error.code}`), { _: '' });
    if (known !== '') {
      const fields = error.errors.map((e) => e.field).join(', ');
      return fields ? `${known} (${fields})` : known;
    }
    return translate(error.message);
  };
};
