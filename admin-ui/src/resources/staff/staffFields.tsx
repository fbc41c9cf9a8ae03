import { Chip, Typography } from '@mui/material';
import LockClockOutlinedIcon from '@mui/icons-material/LockClockOutlined';
import { useRecordContext, useTranslate } from 'react-admin';
import { useDates } from '../../i18n/dates';
import { ROLES, STAFF_STATUSES, type Staff } from '../../types';

export const roleChoices = ROLES.map((role) => ({ id: role, name: `app.roles.${role}` }));
export const statusChoices = STAFF_STATUSES.map((status) => ({ id: status, name: `app.status.${status}` }));

/** Date and time in the console's one format (i18n/dates.ts); `style` is kept for the callers. */
export const useFormatDateTime = (_style: 'full' | 'compact' = 'full') => {
  const { format } = useDates();
  return (iso: string | null | undefined): string | null => (iso ? format(iso, 'dateTime') : null);
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

/** The lock clock, in red while it runs; a dash otherwise (the server sends lockedUntil only while it runs). */
export const LockedUntilField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const record = useRecordContext<Staff>();
  if (!record) return null;
  if (!isLocked(record)) {
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

/** The server sends `lockedUntil` only while the lock runs, as of its answer. */
export const isLocked = (record: Staff | undefined): boolean => Boolean(record?.lockedUntil);
