import PlayArrowOutlinedIcon from '@mui/icons-material/PlayArrowOutlined';
import { Box, Button, Card, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Confirm,
  DataTable,
  FilterForm,
  List,
  ListBase,
  Pagination,
  SelectInput,
  SimpleList,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useErrorMessage } from '../../components/ProblemAlert';
import { useIsPhone } from '../../components/usePhone';
import { http } from '../../providers/http';
import {
  J,
  JobNameField,
  JobNameText,
  LastRunField,
  NextRunField,
  QueueField,
  RunInstanceField,
  RunJobNameField,
  RunOutcomeField,
  RunResultField,
  RunTimesField,
  RunTriggerField,
  ScheduleField,
} from './jobFields';
import { JOB_RUNS, JOBS, RUN_OUTCOMES, type Job } from './jobTypes';

/** Queues a run of the job now (DPO, sysadmin); the server records who started it in the access log. */
const RunNowButton = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<Job>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const message = useErrorMessage();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const { canAccess } = useCanAccess({ resource: JOBS, action: 'run', record });
  if (!record || !canAccess) return null;
  const start = async () => {
    setBusy(true);
    try {
      await http.post(`/${JOBS}/${encodeURIComponent(record.name)}/run`, {});
      notify(`${J}.started`, { type: 'success' });
      setOpen(false);
      refresh();
    } catch (error) {
      notify(message(error), { type: 'error' });
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<PlayArrowOutlinedIcon />}
        sx={{ whiteSpace: 'nowrap', flexShrink: 0 }}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
        data-testid={`run-now-${record.name}`}
      >
        {translate(`${J}.run_now`)}
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title={translate(`${J}.run_now_title`)}
        content={
          <>
            <JobNameText name={record.name} />
            <Typography variant="body2" sx={{ mt: 2 }}>
              {translate(`${J}.run_now_help`)}
            </Typography>
          </>
        }
        confirm={`${J}.run_now`}
        onConfirm={() => void start()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

/** Every run of every job, newest first; filters by job and outcome. */
const JobRuns = () => {
  const translate = useTranslate();
  const isPhone = useIsPhone();
  const filters = [
    <SelectInput
      key="outcome"
      source="outcome"
      label={`${J}.fields.outcome`}
      choices={RUN_OUTCOMES.map((id) => ({ id, name: translate(`${J}.outcomes.${id}`) }))}
      alwaysOn
      emptyText={`${J}.all`}
    />,
  ];
  return (
    <ListBase
      resource={JOB_RUNS}
      sort={{ field: 'startedAt', order: 'DESC' }}
      perPage={25}
      disableSyncWithLocation
      queryOptions={{ refetchInterval: 5000 }}
    >
      <Typography variant="h6" component="h2" sx={{ mt: 3, mb: 1 }}>
        {translate(`${J}.runs_title`)}
      </Typography>
      <Card>
        <Box sx={{ px: 2 }}>
          <FilterForm filters={filters} />
        </Box>
        {isPhone ? (
          // At 390 px: the job, how the run ended, and when.
          <SimpleList
            linkType={false}
            primaryText={<RunJobNameField />}
            secondaryText={<RunOutcomeField />}
            tertiaryText={<RunTimesField />}
          />
        ) : (
          <DataTable bulkActionButtons={false} rowClick={false} data-testid="job-runs">
            <DataTable.Col source="startedAt" label={`${J}.fields.startedAt`} field={RunTimesField} />
            <DataTable.Col source="jobName" label={`${J}.fields.job`} field={RunJobNameField} />
            <DataTable.Col
              source="outcome"
              label={`${J}.fields.outcome`}
              field={RunOutcomeField}
              sx={{ whiteSpace: 'nowrap' }}
            />
            <DataTable.Col source="trigger" label={`${J}.fields.trigger`} disableSort field={RunTriggerField} />
            <DataTable.Col source="counts" label={`${J}.fields.result`} disableSort field={RunResultField} />
            <DataTable.Col source="instance" label={`${J}.fields.instance`} disableSort field={RunInstanceField} />
          </DataTable>
        )}
        <Pagination />
      </Card>
    </ListBase>
  );
};

/** The Jobs screen (DPO, sysadmin): each background job's schedule, last and next run, and its runs. */
export const JobList = () => {
  const isPhone = useIsPhone();
  return (
    <>
      <List
        title={`${J}.title`}
        pagination={false}
        exporter={false}
        actions={false}
        queryOptions={{ refetchInterval: 5000 }}
        disableSyncWithLocation
      >
        {isPhone ? (
          // At 390 px: the job and its last run, with "run now" beside it.
          <SimpleList<Job>
            linkType={false}
            primaryText={<JobNameField />}
            secondaryText={<LastRunField />}
            rightIcon={() => <RunNowButton />}
          />
        ) : (
          <DataTable bulkActionButtons={false} rowClick={false} data-testid="jobs">
            <DataTable.Col source="name" label={`${J}.fields.job`} disableSort field={JobNameField} />
            <DataTable.Col source="cron" label={`${J}.fields.schedule`} disableSort field={ScheduleField} />
            <DataTable.Col source="lastRun" label={`${J}.fields.lastRun`} disableSort field={LastRunField} />
            <DataTable.Col source="nextRunAt" label={`${J}.fields.nextRunAt`} disableSort field={NextRunField} />
            <DataTable.Col source="active" label={`${J}.fields.queue`} disableSort field={QueueField} />
            <DataTable.Col label=" " disableSort field={RunNowButton} />
          </DataTable>
        )}
      </List>
      <JobRuns />
    </>
  );
};
