import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Chip, CircularProgress, Grid, Stack, Typography } from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import StarIcon from '@mui/icons-material/Star';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { Form, Link, Title, useGetIdentity, useNotify, useTranslate } from 'react-admin';
import { Fact, Panel } from '../../components/Panel';
import { RequireAccess } from '../../components/RequireAccess';
import { useStepUp } from '../../components/StepUpDialog';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { useDates } from '../../i18n/dates';
import { useLocalized } from '../registers/registerFields';
import { requestApi } from './requestApi';
import { useRetentionRuleNames } from './retentionRuleNames';
import {
  ActionDialog,
  ApproveDialog,
  CompleteDialog,
  ExtendDialog,
  PrepareDialog,
  RejectDialog,
  TaskDialog,
  VerifyDialog,
} from './RequestDialogs';
import { DeadlineChip, ExtendedMarker, RequestProblem, StatusChip, rk } from './requestFields';
import { shownName } from './requestLabels';
import type { RequestDocument, RequestEvent, RequestTask, RightsRequestDetail } from './requestTypes';
import { useWatch } from 'react-hook-form';

type Dialog =
  | { kind: 'verify' | 'prepare' | 'approve' | 'reject' | 'extend' | 'complete' | 'partial' | 'assign' }
  | { kind: 'task'; taskId: string; status: 'done' | 'excepted' };

const Header = ({ request }: { request: RightsRequestDetail }) => {
  const translate = useTranslate();
  const { format } = useDates();
  return (
    <Stack spacing={1.5} data-testid="request-header">
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" data-testid="request-reference">
          {request.reference}
        </Typography>
        <Typography variant="h6" component="span" color="text.secondary">
          {translate(rk(`types.${request.type}`), { _: request.type })}
        </Typography>
        <StatusChip status={request.status} />
        <DeadlineChip daysLeft={request.daysLeft} state={request.deadlineState} dueOn={request.dueOn} />
        {request.extended && <ExtendedMarker />}
      </Stack>
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1 }}>
        <Fact label={rk('fields.subject')}>
          <Link to={`/subjects/${encodeURIComponent(request.subject.id)}/show`} data-testid="request-person">
            {shownName(request.subject.name) ?? translate(rk('erased_person'))}
          </Link>
        </Fact>
        <Fact label={rk('fields.relation')}>
          {translate(rk(`relations.${request.relation}`))}
          {request.requester && (
            <>
              {' · '}
              <Link to={`/subjects/${encodeURIComponent(request.requester.id)}/show`} data-testid="request-requester">
                {request.requester.name}
              </Link>
            </>
          )}
          {request.representationEvidence ? ` · ${request.representationEvidence}` : ''}
        </Fact>
        <Fact label={rk('fields.channel')}>{translate(rk(`channels.${request.channel}`))}</Fact>
        <Fact label={rk('fields.receivedAt')}>{format(request.receivedAt, 'dateTime')}</Fact>
        <Fact label={rk('fields.regimes')}>
          {request.regimes.map((r) => translate(rk(`regimes.${r}`), { _: r })).join(', ')}
        </Fact>
        <Fact label={rk('fields.locale')}>{translate(rk(`locales.${request.locale}`), { _: request.locale })}</Fact>
        <Fact label={rk('fields.assignee')}>
          <span data-testid="request-assignee">{request.assignee?.name ?? translate(rk('unassigned'))}</span>
        </Fact>
      </Stack>
    </Stack>
  );
};

const Clocks = ({ request }: { request: RightsRequestDetail }) => {
  const translate = useTranslate();
  const { format } = useDates();
  return (
    <Panel title={translate(rk('show.clocks'))} testId="request-clocks">
      {request.extensions.map((e) => (
        <Typography key={`${e.regime}-${e.at}`} variant="body2" sx={{ mb: 1 }} data-testid="request-extension">
          {translate(rk('show.extended_on'), { date: format(e.at, 'date') })} ·{' '}
          {translate(rk(`regimes.${e.regime}`), { _: e.regime })} · {e.reasons}
        </Typography>
      ))}
      {request.clocks.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate(rk('show.no_clocks'))}
        </Typography>
      ) : (
        <Stack spacing={1}>
          {request.clocks.map((clock) => (
            <Stack
              key={`${clock.regime}-${clock.kind}`}
              direction="row"
              spacing={1}
              useFlexGap
              sx={{ alignItems: 'center', flexWrap: 'wrap', fontWeight: clock.governs ? 600 : 400 }}
              data-testid="request-clock"
              data-regime={clock.regime}
              data-governs={clock.governs}
            >
              {clock.governs && (
                <StarIcon fontSize="small" color="primary" titleAccess={translate(rk('show.governs'))} />
              )}
              <Typography variant="body2" sx={{ fontWeight: 'inherit' }}>
                {translate(rk(`regimes.${clock.regime}`), { _: clock.regime })} ·{' '}
                {translate(rk(`show.clock_kinds.${clock.kind}`), { _: clock.kind })}
                {clock.extended ? ` (${translate(rk('show.clock_extended'))})` : ''}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontWeight: 'inherit' }}>
                {format(clock.dueOn, 'date')}
              </Typography>
              <DeadlineChip
                daysLeft={clock.open ? clock.daysLeft : null}
                state={clock.state}
                dueOn={clock.dueOn}
                testId="clock-deadline"
              />
              {clock.governs && <Chip size="small" color="primary" label={translate(rk('show.governs'))} />}
            </Stack>
          ))}
        </Stack>
      )}
    </Panel>
  );
};

const Verification = ({ request, onVerify }: { request: RightsRequestDetail; onVerify?: () => void }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const v = request.verification;
  // The record keeps the staff member's id; the timeline names who verified.
  const verifier = [...request.events].reverse().find((e) => e.action === 'verify')?.actor?.name;
  return (
    <Panel title={translate(rk('show.verification'))} testId="request-verification">
      {v ? (
        <Typography variant="body2" data-testid="request-verified">
          {translate(rk('show.verified'), {
            method: translate(`resources.subjects.checks.methods.${v.method}`, { _: v.method }),
            staff: verifier ?? '—',
            time: format(v.checkedAt, 'dateTime'),
          })}
        </Typography>
      ) : (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {translate(rk('show.not_verified'))}
        </Alert>
      )}
      {onVerify && (
        <Button size="small" variant="outlined" onClick={onVerify} sx={{ mt: 1 }} data-testid="action-verify">
          {translate(rk('show.record_check'))}
        </Button>
      )}
    </Panel>
  );
};

const detailText = (key: string, value: unknown, translate: (k: string, o?: object) => string): string => {
  if (Array.isArray(value)) {
    const prefix =
      key === 'items' ? 'access_items' : key === 'categories' ? 'erasure_categories' : key === 'purposes' ? null : null;
    return value
      .map((v) =>
        prefix
          ? translate(rk(`${prefix}.${String(v)}`), { _: String(v) })
          : key === 'purposes'
            ? translate(`resources.subjects.consents.purposes.${String(v)}`, { _: String(v) })
            : String(v),
      )
      .join(', ');
  }
  if (typeof value === 'boolean') return translate(value ? 'ra.boolean.true' : 'ra.boolean.false');
  if (key === 'field') return translate(rk(`rectification_fields.${String(value)}`), { _: String(value) });
  return String(value);
};

const DETAIL_LABELS: Record<string, string> = {
  items: 'wizard.access_items',
  categories: 'wizard.erasure_categories',
  sensitiveOnly: 'wizard.sensitive_only',
  purposes: 'wizard.purposes',
  field: 'wizard.rectification_field',
  reason: 'wizard.rectification_reason',
  note: 'wizard.note',
};

const Details = ({ request }: { request: RightsRequestDetail }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const entries = Object.entries(request.details ?? {}).filter(([key]) => key in DETAIL_LABELS);
  const outcome = request.outcome;
  const rules = useRetentionRuleNames((outcome?.retained ?? []).map((r) => r.retentionRuleCode));
  return (
    <Panel title={translate(rk('show.details'))} testId="request-details">
      <Stack spacing={1}>
        {(request.type === 'erasure' || request.type === 'account_withdrawal') &&
          !Array.isArray(request.details.categories) && (
            <Fact label={rk('wizard.erasure_categories')}>{translate(rk('show.everything'))}</Fact>
          )}
        {entries.length === 0 && request.type !== 'erasure' && request.type !== 'account_withdrawal' && (
          <Typography variant="body2" color="text.secondary">
            —
          </Typography>
        )}
        {entries.map(([key, value]) => (
          <Fact key={key} label={rk(DETAIL_LABELS[key]!)}>
            {detailText(key, value, translate)}
          </Fact>
        ))}
        {request.refusal && (
          <Alert severity="error" data-testid="request-refusal">
            <strong>{translate(rk(`reject.reasons.${request.refusal.reason}`), { _: request.refusal.reason })}</strong>
            <br />
            {request.refusal.text}
            <br />
            {request.refusal.remedy}
          </Alert>
        )}
        {outcome && (outcome.erased?.length || outcome.retained?.length) ? (
          <Box data-testid="request-outcome">
            <Typography variant="subtitle2">{translate(rk('show.outcome'))}</Typography>
            {outcome.erased && outcome.erased.length > 0 && (
              <Typography variant="body2" data-testid="request-erased">
                {translate(rk('show.erased'))}:{' '}
                {outcome.erased.map((c) => translate(rk(`erasure_categories.${c}`), { _: c })).join(', ')}
              </Typography>
            )}
            {(outcome.retained ?? []).map((r) => (
              <Typography key={r.category} variant="body2" data-testid="request-retained" data-category={r.category}>
                {translate(rk('show.retained'))} ·{' '}
                {translate(rk('show.retained_row'), {
                  category: translate(rk(`erasure_categories.${r.category}`), { _: r.category }),
                  law: rules.law(r.retentionRuleCode, r.law),
                  date: format(r.destroyOn, 'date'),
                })}
              </Typography>
            ))}
          </Box>
        ) : null}
      </Stack>
    </Panel>
  );
};

const taskName = (task: RequestTask, localized: (v: never) => string): string => {
  const name = task.recipientName;
  if (typeof name === 'string') return name;
  if (name && typeof name === 'object') return localized(name as never);
  return '—';
};

const Tasks = ({
  request,
  onClose,
}: {
  request: RightsRequestDetail;
  onClose?: (taskId: string, status: 'done' | 'excepted') => void;
}) => {
  const translate = useTranslate();
  const localized = useLocalized();
  return (
    <Panel title={translate(rk('show.tasks'))} testId="request-tasks">
      {request.tasks.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate(rk('show.no_tasks'))}
        </Typography>
      ) : (
        <Stack spacing={1}>
          {request.tasks.map((task) => (
            <Stack
              key={task.id}
              direction={{ xs: 'column', sm: 'row' }}
              spacing={1}
              sx={{ alignItems: { sm: 'center' }, borderTop: 1, borderColor: 'divider', pt: 1 }}
              data-testid="request-task"
              data-status={task.status}
            >
              <Box sx={{ flexGrow: 1, minWidth: 0 }}>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {taskName(task, localized as never)}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {translate(rk(`show.register_kinds.${task.registerKind}`), { _: task.registerKind })}
                  {task.dataCategories.length > 0
                    ? ` · ${task.dataCategories
                        .map((c) => translate(`resources.registers.data_categories.${c}`, { _: c }))
                        .join(', ')}`
                    : ''}
                </Typography>
                {(task.evidence ?? task.exceptionReason) && (
                  <Typography variant="caption" component="p">
                    {task.evidence ?? task.exceptionReason}
                    {task.doneBy ? ` · ${task.doneBy.name}` : ''}
                  </Typography>
                )}
              </Box>
              <Chip
                size="small"
                variant="outlined"
                color={task.status === 'open' ? 'warning' : task.status === 'done' ? 'success' : 'default'}
                label={translate(rk(`show.task_statuses.${task.status}`))}
              />
              {onClose && task.status === 'open' && (
                <Stack direction="row" spacing={0.5}>
                  <Button size="small" onClick={() => onClose(task.id, 'done')} data-testid="task-mark-done">
                    {translate(rk('show.task_done'))}
                  </Button>
                  <Button size="small" onClick={() => onClose(task.id, 'excepted')} data-testid="task-mark-except">
                    {translate(rk('show.task_except'))}
                  </Button>
                </Stack>
              )}
            </Stack>
          ))}
        </Stack>
      )}
    </Panel>
  );
};

const Approvals = ({ request, myId }: { request: RightsRequestDetail; myId: string | undefined }) => {
  const translate = useTranslate();
  const own = request.preparedBy !== null && request.preparedBy.id === myId && request.status === 'awaiting_approval';
  const decisions = Array.isArray(request.preparation?.decisions)
    ? (request.preparation.decisions as { category: string; action: string; retentionRuleCode?: string }[])
    : [];
  const rules = useRetentionRuleNames(decisions.map((d) => d.retentionRuleCode));
  return (
    <Panel title={translate(rk('show.approvals'))} testId="request-approvals">
      <Typography variant="body2" data-testid="request-prepared-by">
        {request.preparedBy
          ? translate(rk('show.prepared_by'), { name: request.preparedBy.name })
          : translate(rk('show.not_prepared'))}
      </Typography>
      <Typography variant="body2" data-testid="request-approved-by">
        {request.approvedBy
          ? translate(rk('show.approved_by'), { name: request.approvedBy.name })
          : translate(rk('show.not_approved'))}
      </Typography>
      {decisions.length > 0 && (
        <Box sx={{ mt: 1 }} data-testid="request-decisions">
          <Typography variant="subtitle2">{translate(rk('show.decisions'))}</Typography>
          <Typography variant="body2">
            {translate(rk('prepare.erase'))}:{' '}
            {decisions
              .filter((d) => d.action === 'erase')
              .map((d) => translate(rk(`erasure_categories.${d.category}`), { _: d.category }))
              .join(', ') || '—'}
          </Typography>
          {decisions
            .filter((d) => d.action === 'retain')
            .map((d) => (
              <Typography key={d.category} variant="body2" data-testid="request-decision-retain">
                {translate(rk('prepare.retain'))}:{' '}
                {translate(rk(`erasure_categories.${d.category}`), { _: d.category })} (
                {rules.label(d.retentionRuleCode)})
              </Typography>
            ))}
        </Box>
      )}
      {own && (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="request-own-work">
          {translate(rk('show.own_work'))}
        </Alert>
      )}
    </Panel>
  );
};

const Documents = ({ request }: { request: RightsRequestDetail }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const [error, setError] = useState<unknown>(null);
  // An export package is the person's whole file: the server asks for a fresh code first.
  const stepUp = useStepUp();
  // A letter by which one it is, so that two letters of one request are told apart.
  const documentLabel = (doc: RequestDocument): string =>
    doc.letterKind
      ? translate(rk('downloads.letter_of'), {
          kind: translate(rk(`downloads.letter_kinds.${doc.letterKind}`), { _: doc.letterKind }),
        })
      : translate(rk(`downloads.${doc.kind}`), { _: doc.fileName });
  return (
    <Panel title={translate(rk('show.downloads'))} testId="request-documents">
      {stepUp.dialog}
      <RequestProblem error={error} />
      {request.documents.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate(rk('show.no_documents'))}
        </Typography>
      ) : (
        <Stack spacing={0.5}>
          {request.documents.map((doc) => (
            <Stack key={doc.id} direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Button
                size="small"
                startIcon={<DownloadIcon />}
                onClick={() => {
                  setError(null);
                  void stepUp.run(() => requestApi.download(request.id, doc.id, doc.fileName), setError);
                }}
                data-testid="request-document"
                data-kind={doc.kind}
              >
                {documentLabel(doc)}
              </Button>
              <Typography variant="caption" color="text.secondary">
                {`${doc.fileName} · ${format(doc.createdAt, 'dateTime')}`}
              </Typography>
            </Stack>
          ))}
        </Stack>
      )}
    </Panel>
  );
};

/** The words an event carries for the reader: reasons of an extension, the note of a closing. */
const eventNote = (event: RequestEvent): string | null => {
  const detail = event.detail ?? {};
  for (const key of ['reasons', 'note']) {
    if (typeof detail[key] === 'string') return detail[key];
  }
  return null;
};

const Timeline = ({ request }: { request: RightsRequestDetail }) => {
  const translate = useTranslate();
  const { format } = useDates();
  return (
    <Panel title={translate(rk('show.timeline'))} testId="request-timeline">
      {request.events.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate(rk('show.no_events'))}
        </Typography>
      ) : (
        <Box component="ol" sx={{ m: 0, pl: 2.5, typography: 'body2' }}>
          {request.events.map((event) => (
            <li key={event.id} data-testid="request-event" data-kind={event.action}>
              <strong>{format(event.at, 'dateTime')}</strong> ·{' '}
              {translate(rk(`events.${event.action}`), { _: event.action })}
              {event.fromStatus && event.toStatus && event.toStatus !== event.fromStatus
                ? ` → ${translate(rk(`statuses.${event.toStatus}`), { _: event.toStatus })}`
                : ''}
              {event.actor ? ` · ${event.actor.name}` : ''}
              {eventNote(event) && (
                <Box component="span" sx={{ display: 'block', color: 'text.secondary', whiteSpace: 'pre-wrap' }}>
                  {eventNote(event)}
                </Box>
              )}
            </li>
          ))}
        </Box>
      )}
    </Panel>
  );
};

const AssignFields = ({
  request,
  onDone,
  onClose,
}: {
  request: RightsRequestDetail;
  onDone: () => void;
  onClose: () => void;
}) => {
  const assigneeId = useWatch<{ assigneeId?: string }>({ name: 'assigneeId' }) as string | undefined;
  return (
    <ActionDialog
      testId="request-assign"
      title={rk('show.assign')}
      submitLabel={rk('show.assign')}
      ready={typeof assigneeId === 'string' && assigneeId !== ''}
      send={() => requestApi.act(request.id, 'assign', { assigneeId })}
      onDone={onDone}
      onClose={onClose}
    >
      <StaffPickerInput source="assigneeId" label={rk('show.assign_to')} />
    </ActionDialog>
  );
};

/** The staff picker is a react-admin input, so it lives in a react-admin form (the dialog is a portal). */
const AssignDialog = (props: { request: RightsRequestDetail; onDone: () => void; onClose: () => void }) => (
  <Form defaultValues={{ assigneeId: props.request.assignee?.id ?? '' }}>
    <AssignFields {...props} />
  </Form>
);

const ActionButton = ({
  show,
  onClick,
  action,
  color = 'primary',
  variant = 'outlined',
  children,
}: {
  show: boolean | undefined;
  onClick: () => void;
  action: string;
  color?: 'primary' | 'error' | 'secondary' | 'success';
  variant?: 'outlined' | 'contained';
  children: ReactNode;
}) =>
  show ? (
    <Button variant={variant} color={color} onClick={onClick} data-testid={`action-${action}`}>
      {children}
    </Button>
  ) : null;

const RequestDetail = ({ id }: { id: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { identity } = useGetIdentity();
  const detail = useQuery({ queryKey: ['rights-requests', 'detail', id], queryFn: () => requestApi.detail(id) });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => {
    setDialog(null);
    setError(null);
    notify(rk('show.done'), { type: 'success' });
    // The list and the dashboard counts change with the request.
    void queryClient.invalidateQueries({ queryKey: ['rights-requests'] });
  };
  const direct = (action: string) => {
    setError(null);
    requestApi.act(id, action).then(refresh, setError);
  };

  if (detail.isPending) return <CircularProgress sx={{ m: 4 }} aria-label={translate('app.loading')} />;
  if (detail.isError) return <RequestProblem error={detail.error} />;
  const request = detail.data;
  const can = request.can ?? {};
  const close = () => setDialog(null);
  const common = { request, onDone: refresh, onClose: close };

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="request-show" data-status={request.status}>
      <Title title={request.reference} />
      <Header request={request} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ my: 2, flexWrap: 'wrap' }} data-testid="request-actions">
        <ActionButton show={can.assign} action="assign" onClick={() => setDialog({ kind: 'assign' })}>
          {translate(rk('show.assign'))}
        </ActionButton>
        <ActionButton show={can.start} action="start" variant="contained" onClick={() => direct('start')}>
          {translate(rk('actions.start'))}
        </ActionButton>
        <ActionButton
          show={can.prepare}
          action="prepare"
          variant="contained"
          onClick={() => setDialog({ kind: 'prepare' })}
        >
          {translate(rk('actions.prepare'))}
        </ActionButton>
        <ActionButton show={can.execute} action="execute" variant="contained" onClick={() => direct('execute')}>
          {translate(rk('actions.execute'))}
        </ActionButton>
        <ActionButton show={can.submit} action="submit" variant="contained" onClick={() => direct('submit')}>
          {translate(rk('actions.submit'))}
        </ActionButton>
        <ActionButton
          show={can.approve}
          action="approve"
          variant="contained"
          color="success"
          onClick={() => setDialog({ kind: 'approve' })}
        >
          {translate(rk('actions.approve'))}
        </ActionButton>
        <ActionButton show={can.extend} action="extend" onClick={() => setDialog({ kind: 'extend' })}>
          {translate(rk('actions.extend'))}
        </ActionButton>
        <ActionButton
          show={can.complete}
          action="complete"
          color="success"
          onClick={() => setDialog({ kind: 'complete' })}
        >
          {translate(rk('actions.complete'))}
        </ActionButton>
        <ActionButton
          show={can.complete}
          action="partial"
          color="secondary"
          onClick={() => setDialog({ kind: 'partial' })}
        >
          {translate(rk('actions.partial'))}
        </ActionButton>
        <ActionButton show={can.reject} action="reject" color="error" onClick={() => setDialog({ kind: 'reject' })}>
          {translate(rk('actions.reject'))}
        </ActionButton>
      </Stack>
      <RequestProblem error={error} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Clocks request={request} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Verification request={request} onVerify={can.verify ? () => setDialog({ kind: 'verify' }) : undefined} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Details request={request} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Approvals request={request} myId={identity?.id === undefined ? undefined : String(identity.id)} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Tasks
            request={request}
            onClose={can.updateTasks ? (taskId, status) => setDialog({ kind: 'task', taskId, status }) : undefined}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Documents request={request} />
        </Grid>
        <Grid size={12}>
          <Timeline request={request} />
        </Grid>
      </Grid>
      {dialog?.kind === 'verify' && <VerifyDialog {...common} />}
      {dialog?.kind === 'prepare' && <PrepareDialog {...common} />}
      {dialog?.kind === 'approve' && <ApproveDialog {...common} />}
      {dialog?.kind === 'reject' && <RejectDialog {...common} />}
      {dialog?.kind === 'extend' && <ExtendDialog {...common} />}
      {dialog?.kind === 'complete' && <CompleteDialog {...common} partial={false} />}
      {dialog?.kind === 'partial' && <CompleteDialog {...common} partial />}
      {dialog?.kind === 'assign' && <AssignDialog {...common} />}
      {dialog?.kind === 'task' && <TaskDialog {...common} taskId={dialog.taskId} status={dialog.status} />}
    </Box>
  );
};

const RightsRequestShowView = () => {
  const { id } = useParams<{ id: string }>();
  return id ? <RequestDetail id={id} /> : null;
};

export const RightsRequestShow = () => (
  <RequireAccess resource="rights-requests" action="show">
    <RightsRequestShowView />
  </RequireAccess>
);
