import { Chip, Stack, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDate } from '../../i18n/dates';
import { jobLabels } from './jobLabels';
import { useOrgCalendar } from '../../providers/calendar';
import type { Job, JobRun, RunOutcome } from './jobTypes';
import { MONOSPACE } from '../../layout/theme';

export const J = 'resources.jobs';

/** The organisation's time zone, as the server says (schedules are in it, and so are run times here). */
export const useOrgTimeZone = (): string | undefined => useOrgCalendar()?.timeZone;

/** A date and time in the reader's language, in the organisation's time zone. */
export const useFormatInstant = () => {
  const [locale] = useLocaleState();
  const timeZone = useOrgTimeZone();
  return (iso: string | null | undefined): string => formatDate(iso, 'dateTime', locale, timeZone);
};

/** The job's name in the reader's language (the code name under it). */
export const JobNameText = ({ name }: { name: string }) => {
  const [locale] = useLocaleState();
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {jobLabels(locale).names[name] ?? name}
      </Typography>
      <Typography variant="caption" color="text.secondary" sx={{ fontFamily: MONOSPACE }}>
        {name}
      </Typography>
    </>
  );
};

const OUTCOME_COLOR = { running: 'info', succeeded: 'success', failed: 'error' } as const;

export const OutcomeChip = ({ outcome }: { outcome: RunOutcome }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={OUTCOME_COLOR[outcome]}
      variant={outcome === 'succeeded' ? 'outlined' : 'filled'}
      label={translate(`${J}.outcomes.${outcome}`)}
      data-testid={`outcome-${outcome}`}
    />
  );
};

export const JobNameField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Job>();
  return record ? <JobNameText name={record.name} /> : null;
};

/** "Every day at 03:30" is the cron itself; the time zone it is read in sits under it. */
export const ScheduleField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Job>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.cron === null)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(`${J}.by_hand_only`)}
      </Typography>
    );
  return (
    <>
      <Typography variant="body2" sx={{ fontFamily: MONOSPACE, whiteSpace: 'nowrap' }}>
        {record.cron}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {record.timeZone}
      </Typography>
    </>
  );
};

export const LastRunField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Job>();
  const format = useFormatInstant();
  const translate = useTranslate();
  if (!record) return null;
  if (record.lastRun === null)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate(`${J}.never`)}
      </Typography>
    );
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <OutcomeChip outcome={record.lastRun.outcome} />
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {format(record.lastRun.startedAt)}
      </Typography>
    </Stack>
  );
};

export const NextRunField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Job>();
  const format = useFormatInstant();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {format(record.nextRunAt) || '—'}
    </Typography>
  );
};

/** Waiting and running now, across every server instance. */
export const QueueField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Job>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.active === 0 && record.waiting === 0)
    return (
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {translate(`${J}.idle`)}
      </Typography>
    );
  return (
    <Stack direction="row" spacing={0.5}>
      {record.active > 0 && <Chip size="small" color="info" label={translate(`${J}.active`, { n: record.active })} />}
      {record.waiting > 0 && <Chip size="small" label={translate(`${J}.waiting`, { n: record.waiting })} />}
    </Stack>
  );
};

export const RunJobNameField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<JobRun>();
  return record ? <JobNameText name={record.jobName} /> : null;
};

export const RunOutcomeField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<JobRun>();
  return record ? <OutcomeChip outcome={record.outcome} /> : null;
};

export const RunTimesField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<JobRun>();
  const format = useFormatInstant();
  const translate = useTranslate();
  if (!record) return null;
  const { seconds } = record;
  return (
    <>
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        {format(record.startedAt)}
      </Typography>
      {seconds !== null && (
        <Typography variant="caption" color="text.secondary">
          {translate(`${J}.took`, { seconds })}
        </Typography>
      )}
    </>
  );
};

/** Scheduled, started when work arrived, or started by hand by whom. */
export const RunTriggerField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<JobRun>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="body2">
      {record.trigger === 'manual'
        ? translate(`${J}.started_by`, { name: record.startedBy?.displayName ?? '' })
        : translate(`${J}.triggers.${record.trigger === 'event' ? 'event' : 'schedule'}`)}
    </Typography>
  );
};

/** What the run did (its counts), or why it failed. */
export const RunResultField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<JobRun>();
  const [locale] = useLocaleState();
  const { counts } = jobLabels(locale);
  if (!record) return null;
  if (record.error !== null)
    return (
      <Typography variant="body2" color="error" sx={{ maxWidth: 360, overflowWrap: 'anywhere' }}>
        {record.error}
      </Typography>
    );
  if (record.counts === null) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
      {Object.entries(record.counts).map(([key, value]) => (
        <Chip key={key} size="small" variant="outlined" label={`${counts[key] ?? key}: ${value.toLocaleString()}`} />
      ))}
    </Stack>
  );
};

export const RunInstanceField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<JobRun>();
  if (!record) return null;
  return (
    <Typography variant="caption" color="text.secondary" sx={{ fontFamily: MONOSPACE }}>
      {record.instance}
    </Typography>
  );
};
