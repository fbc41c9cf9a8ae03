import { Chip, Stack, Typography } from '@mui/material';
import { Link, useRecordContext, useTranslate } from 'react-admin';
import { useDates } from '../../i18n/dates';
import type { Finding } from '../subjects/types';

export const fk = (key: string) => `resources.compliance-findings.${key}`;

const STATUS_COLOR = {
  open: 'default',
  in_progress: 'info',
  resolved: 'success',
  accepted_risk: 'secondary',
} as const;

const STATE_COLOR = { on_time: 'success', at_risk: 'warning', overdue: 'error' } as const;

/** Status, and a warning when "resolved" is contradicted by the data. */
export const FindingStatusChip = ({ finding }: { finding: Finding }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Chip
        size="small"
        variant="outlined"
        color={STATUS_COLOR[finding.status]}
        label={translate(fk(`statuses.${finding.status}`))}
        data-testid="finding-status"
      />
      {finding.stillPresent && (
        <Chip size="small" color="error" label={translate(fk('still_present'))} data-testid="finding-still-present" />
      )}
    </Stack>
  );
};

/** The due date and days left as the server computed them; the UI only formats. */
export const FindingDeadlineText = ({ finding }: { finding: Finding }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const { deadline } = finding;
  if (deadline === null) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(fk('deadline.none'))}
      </Typography>
    );
  }
  const date = format(deadline.dueOn, 'date');
  return (
    <Chip
      size="small"
      color={STATE_COLOR[deadline.state]}
      variant={deadline.state === 'on_time' ? 'outlined' : 'filled'}
      label={
        deadline.state === 'overdue'
          ? translate(fk('deadline.overdue'), { date, smart_count: -deadline.daysLeft })
          : translate(fk('deadline.left'), { date, smart_count: deadline.daysLeft })
      }
      data-testid="finding-deadline"
      data-state={deadline.state}
    />
  );
};

export const StatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Finding>();
  return record ? <FindingStatusChip finding={record} /> : null;
};

export const DeadlineField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Finding>();
  return record ? <FindingDeadlineText finding={record} /> : null;
};

export const OwnerField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<Finding>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }} data-testid="finding-owner">
      {record.owner?.displayName ?? translate(fk('unowned'))}
    </Typography>
  );
};

/** On a person's profile: the work on one of their findings, and a link to it. */
export const FindingWorkLine = ({ finding, canOpen }: { finding: Finding; canOpen: boolean }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', my: 0.5 }}>
      <FindingStatusChip finding={finding} />
      <Typography variant="body2" component="span">
        {translate(fk('fields.owner'))}: {finding.owner?.displayName ?? translate(fk('unowned'))}
      </Typography>
      <FindingDeadlineText finding={finding} />
      {canOpen && (
        <Link to={`/compliance-findings/${encodeURIComponent(finding.id)}`} data-testid="subject-finding-link">
          {translate(fk('open_finding'))}
        </Link>
      )}
    </Stack>
  );
};
