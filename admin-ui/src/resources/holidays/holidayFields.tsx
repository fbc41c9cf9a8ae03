import { Chip, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { isApiError } from '../../providers/http';
import { useErrorMessage } from '../../components/ProblemAlert';
import { useDates } from '../../i18n/dates';
import type { Holiday } from './holidayTypes';

export const H = 'resources.calendar/holidays';

/** A date-only value ('YYYY-MM-DD') with its weekday, in the console's one format (i18n/dates.ts). */
export const useFormatLocalDate = () => {
  const { format } = useDates();
  return (date: string): string => format(date, 'dateWithWeekday');
};

export const HolidayDateField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Holiday>();
  const format = useFormatLocalDate();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {format(record.date)}
    </Typography>
  );
};

/** The name in the reader's language, the other one under it. */
export const HolidayNameField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Holiday>();
  const [locale] = useLocaleState();
  if (!record) return null;
  const [first, second] = locale === 'ko' ? [record.nameKo, record.nameEn] : [record.nameEn, record.nameKo];
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {first}
      </Typography>
      {second !== first && (
        <Typography variant="caption" color="text.secondary">
          {second}
        </Typography>
      )}
    </>
  );
};

const KIND_COLOR = { public: 'primary', substitute: 'info', temporary: 'warning' } as const;

export const HolidayKindField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Holiday>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={KIND_COLOR[record.kind]}
      label={translate(`${H}.kinds.${record.kind}`)}
    />
  );
};

export const HolidayStatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Holiday>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2" color={record.status === 'ended' ? 'text.disabled' : 'success.main'}>
      {translate(`${H}.statuses.${record.status}`)}
      {' · '}
      <Typography component="span" variant="caption" color="text.secondary">
        {translate(`${H}.sources.${record.source}`)}
      </Typography>
    </Typography>
  );
};

/** The calendar's own problem codes, else the console's usual message. */
export const useHolidayErrorMessage = () => {
  const translate = useTranslate();
  const generic = useErrorMessage();
  return (error: unknown): string =>
    isApiError(error) && ['VERSION_CONFLICT', 'HOLIDAY_EXISTS', 'HOLIDAY_ENDED'].includes(error.code)
      ? translate(`${H}.problems.${error.code}`)
      : generic(error);
};
