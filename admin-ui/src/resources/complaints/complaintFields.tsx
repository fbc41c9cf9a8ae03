import { Chip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useDates } from '../../i18n/dates';
import { isApiError } from '../../providers/http';
import type { ComplaintRow } from './complaintTypes';

export const ck = (key: string) => `resources.complaints.${key}`;

const STATE_COLOR = { on_time: 'success', at_risk: 'warning', overdue: 'error' } as const;
const STATUS_COLOR = {
  open: 'info',
  investigating: 'primary',
  resolved: 'success',
  escalated: 'warning',
  closed: 'default',
} as const;
const SEVERITY_COLOR = { low: 'default', medium: 'info', high: 'warning', critical: 'error' } as const;

/** The 10-day target: days left in colour while open, how it went once resolved (the server counts). */
export const TargetChip = ({ complaint }: { complaint: ComplaintRow }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const date = format(complaint.targetOn, 'date');
  const { target } = complaint;
  if (target === null) {
    if (complaint.resolvedOnTime === null) return <Typography variant="body2">{date}</Typography>;
    return (
      <Chip
        size="small"
        variant="outlined"
        color={complaint.resolvedOnTime ? 'success' : 'error'}
        label={translate(ck(complaint.resolvedOnTime ? 'target.on_time' : 'target.late'))}
        data-testid="complaint-target"
        data-state={complaint.resolvedOnTime ? 'resolved_on_time' : 'resolved_late'}
      />
    );
  }
  const label =
    target.daysLeft < 0
      ? translate(ck('target.overdue'), { date, smart_count: -target.daysLeft })
      : target.daysLeft === 0
        ? translate(ck('target.today'), { date })
        : translate(ck('target.left'), { date, smart_count: target.daysLeft });
  return (
    <Chip
      size="small"
      color={STATE_COLOR[target.state]}
      variant={target.state === 'on_time' ? 'outlined' : 'filled'}
      label={label}
      data-testid="complaint-target"
      data-state={target.state}
    />
  );
};

export const StatusChip = ({ status }: { status: ComplaintRow['status'] }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLOR[status]}
      label={translate(ck(`statuses.${status}`))}
      data-testid="complaint-status"
    />
  );
};

export const SeverityChip = ({ severity }: { severity: ComplaintRow['severity'] }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={SEVERITY_COLOR[severity]}
      variant={severity === 'critical' ? 'filled' : 'outlined'}
      label={translate(ck(`severities.${severity}`))}
    />
  );
};

type FieldProps = { source?: string; label?: string };

export const TargetField = (_props: FieldProps) => {
  const record = useRecordContext<ComplaintRow>();
  return record ? <TargetChip complaint={record} /> : null;
};

export const StatusField = (_props: FieldProps) => {
  const record = useRecordContext<ComplaintRow>();
  return record ? <StatusChip status={record.status} /> : null;
};

export const SeverityField = (_props: FieldProps) => {
  const record = useRecordContext<ComplaintRow>();
  return record ? <SeverityChip severity={record.severity} /> : null;
};

/** A problem from a complaint route, in the console's words. */
export const useComplaintError = () => {
  const translate = useTranslate();
  return (error: unknown): string => {
    if (!isApiError(error)) return translate('app.problem.INTERNAL');
    if (error.code.startsWith('COMPLAINT_')) return translate(ck(`problems.${error.code}`), { _: error.code });
    return translate(error.message);
  };
};
