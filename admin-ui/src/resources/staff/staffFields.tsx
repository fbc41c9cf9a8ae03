import { Chip, Typography } from '@mui/material';
import LockClockOutlinedIcon from '@mui/icons-material/LockClockOutlined';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { ROLES, STAFF_STATUSES, type Staff } from '../../types';

export const roleChoices = ROLES.map((role) => ({ id: role, name: `app.roles.${role}` }));
export const statusChoices = STAFF_STATUSES.map((status) => ({ id: status, name: `app.status.${status}` }));

const DATE_TIME_FORMATS: Record<'full' | 'compact', Intl.DateTimeFormatOptions> = {
  full: { dateStyle: 'medium', timeStyle: 'short' },
  compact: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
};

/**
 * Date and time in the chosen UI language: "2026. 11. 22. 오후 3:04" / "Nov 22, 2026, 3:04 PM",
 * or for dense tables "11월 22일 오후 03:04" / "Nov 22, 03:04 PM".
 */
export const useFormatDateTime = (style: 'full' | 'compact' = 'full') => {
  const [locale] = useLocaleState();
  return (iso: string | null | undefined): string | null =>
    iso ? new Date(iso).toLocaleString(locale, DATE_TIME_FORMATS[style]) : null;
};

export const RoleField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<Staff>();
  if (!record) return null;
  return <Typography variant="body2">{translate(`app.roles.${record.role}`, { _: record.role })}</Typography>;
};

export const StatusField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<Staff>();
  if (!record) return null;
  return (
    <Chip
      size="small"
      sx={{ alignSelf: 'flex-start' }}
      variant={record.status === 'active' ? 'outlined' : 'filled'}
      color={record.status === 'active' ? 'success' : 'default'}
      label={translate(`app.status.${record.status}`, { _: record.status })}
    />
  );
};

/** The lock clock, in red while it runs; a dash otherwise. */
export const LockedUntilField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const record = useRecordContext<Staff>();
  if (!record) return null;
  const until = record.lockedUntil ? new Date(record.lockedUntil) : null;
  if (!until || until.getTime() <= Date.now()) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.none')}
      </Typography>
    );
  }
  return (
    <Chip
      size="small"
      sx={{ alignSelf: 'flex-start' }}
      color="error"
      icon={<LockClockOutlinedIcon />}
      label={translate('app.staff.locked_until', { time: format(record.lockedUntil) })}
    />
  );
};

export const DateTimeField = ({ source }: { source: 'lastSignInAt' | 'createdAt'; label?: string }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const record = useRecordContext<Staff>();
  if (!record) return null;
  return <Typography variant="body2">{format(record[source]) ?? translate('app.never')}</Typography>;
};

export const isLocked = (record: Staff | undefined): boolean =>
  Boolean(record?.lockedUntil && new Date(record.lockedUntil).getTime() > Date.now());
