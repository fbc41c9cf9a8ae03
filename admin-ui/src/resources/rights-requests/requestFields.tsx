import { Alert, Chip, Stack, Tooltip, Typography } from '@mui/material';
import UpdateIcon from '@mui/icons-material/Update';
import { Link, useRecordContext, useTranslate } from 'react-admin';
import { useErrorMessage } from '../../components/ProblemAlert';
import { useDates } from '../../i18n/dates';
import { isApiError } from '../../providers/http';
import { DEADLINE_COLOR, deadlineLabel, rk, shownName } from './requestLabels';
import type { DeadlineState, RequestStatus, RightsRequestRow } from './requestTypes';

export { rk };

const STATUS_COLOR: Record<RequestStatus, 'default' | 'info' | 'warning' | 'success' | 'error' | 'secondary'> = {
  received: 'default',
  verifying_identity: 'info',
  in_progress: 'info',
  awaiting_approval: 'warning',
  completed: 'success',
  partially_completed: 'secondary',
  rejected: 'error',
};

/**
 * Days left as the server counted them, in colour: "D-3", "D-day", "3일 지남" in Korean, "3 days left",
 * "due today", "3 days overdue" in English. Green on time, orange at risk, red overdue (the same colours
 * as the findings' and the registers' deadline chips).
 */
export const DeadlineChip = ({
  daysLeft,
  state,
  dueOn,
  testId = 'request-deadline',
}: {
  daysLeft: number | null | undefined;
  state: DeadlineState | null | undefined;
  dueOn?: string | null;
  testId?: string;
}) => {
  const translate = useTranslate();
  const { format } = useDates();
  if (daysLeft === null || daysLeft === undefined || !state) {
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        {translate(rk('deadline.closed'))}
      </Typography>
    );
  }
  const words = deadlineLabel(daysLeft);
  const label = translate(words.key, words.options);
  return (
    <Tooltip title={`${translate(rk(`deadline.states.${state}`))}${dueOn ? ` · ${format(dueOn, 'date')}` : ''}`}>
      <Chip
        size="small"
        color={DEADLINE_COLOR[state]}
        variant={state === 'on_time' ? 'outlined' : 'filled'}
        label={label}
        data-testid={testId}
        data-state={state}
        data-days={daysLeft}
        sx={{ fontWeight: 600 }}
      />
    </Tooltip>
  );
};

export const StatusChip = ({ status }: { status: RequestStatus }) => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLOR[status] ?? 'default'}
      label={translate(rk(`statuses.${status}`), { _: status })}
      data-testid="request-status"
      data-status={status}
    />
  );
};

export const ExtendedMarker = () => {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      icon={<UpdateIcon />}
      variant="outlined"
      color="secondary"
      label={translate(rk('extended'))}
      data-testid="request-extended"
    />
  );
};

type FieldProps = { source?: string; label?: string };

export const RequestDeadlineField = (_props: FieldProps) => {
  const record = useRecordContext<RightsRequestRow>();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
      <DeadlineChip daysLeft={record.daysLeft} state={record.deadlineState} dueOn={record.dueOn} />
      {record.extended && <ExtendedMarker />}
    </Stack>
  );
};

export const RequestStatusField = (_props: FieldProps) => {
  const record = useRecordContext<RightsRequestRow>();
  return record ? <StatusChip status={record.status} /> : null;
};

export const RequestTypeField = (_props: FieldProps) => {
  const translate = useTranslate();
  const record = useRecordContext<RightsRequestRow>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {translate(rk(`types.${record.type}`), { _: record.type })}
    </Typography>
  );
};

export const RequestPersonField = (_props: FieldProps) => {
  const translate = useTranslate();
  const record = useRecordContext<RightsRequestRow>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }} data-testid="request-person">
      {shownName(record.subject.name) ?? translate(rk('erased_person'))}
    </Typography>
  );
};

export const RequestAssigneeField = (_props: FieldProps) => {
  const translate = useTranslate();
  const record = useRecordContext<RightsRequestRow>();
  if (!record) return null;
  return (
    <Typography
      variant="body2"
      sx={{ whiteSpace: 'nowrap' }}
      color={record.assignee ? 'text.primary' : 'text.secondary'}
    >
      {record.assignee?.name ?? translate(rk('unassigned'))}
    </Typography>
  );
};

export const ReceivedField = (_props: FieldProps) => {
  const { format } = useDates();
  const record = useRecordContext<RightsRequestRow>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {format(record.receivedAt, 'dateTime')}
    </Typography>
  );
};

/**
 * A refusal from the server, with its message: this screen's words for the request codes, else the
 * server's own sentence, else the console's generic text. A duplicate links to the open request.
 */
export const RequestProblem = ({ error }: { error: unknown }) => {
  const translate = useTranslate();
  const generic = useErrorMessage();
  if (!error) return null;
  let message = generic(error);
  let existing: string | null = null;
  if (isApiError(error)) {
    const own = translate(rk(`problems.${error.code}`), { _: '' });
    const server = error.problem?.detail ?? error.problem?.title ?? '';
    // Field errors name their rule (e.g. REPRESENTATION_EVIDENCE_REQUIRED): our words, else the server's.
    const fields = error.errors.map((e) => translate(rk(`problems.${e.code}`), { _: e.message })).filter(Boolean);
    if (own) message = own;
    else if (error.message === 'app.problem.REQUEST_REFUSED' && server) message = server;
    if (fields.length > 0 && !own) message = [message, ...new Set(fields)].join(' · ');
    const body = error.problem as { existingId?: unknown } | undefined;
    if (typeof body?.existingId === 'string') existing = body.existingId;
  }
  return (
    <Alert
      severity="error"
      role="alert"
      sx={{ mb: 2 }}
      data-testid="problem-alert"
      data-code={isApiError(error) ? error.code : undefined}
    >
      {message}
      {existing && (
        <>
          {' '}
          <Link to={`/rights-requests/${encodeURIComponent(existing)}/show`} data-testid="duplicate-link">
            {translate(rk('wizard.duplicate_open'))}
          </Link>
        </>
      )}
    </Alert>
  );
};
