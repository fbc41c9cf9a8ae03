import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Form,
  Labeled,
  Link,
  Show,
  TabbedShowLayout,
  TopToolbar,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SubjectPickerInput } from '../../components/pickers/SubjectPickerInput';
import { http } from '../../providers/http';
import { FormDialog, useFormDialogState } from '../subjects/FormDialog';
import { DayText, InstantText, Muted, StatusChip, useRetentionError, useRetentionLabel } from './retentionFields';
import { ReviewField, ScopeField, SourceField } from './HoldList';
import { HOLDS, RT, staffName, type HoldEvent, type HoldSubject, type LegalHold } from './retentionTypes';
import { MONOSPACE } from '../../layout/theme';

const F = `resources.${HOLDS}.fields`;
const holdPath = (id: string, rest = '') => `/${HOLDS}/${encodeURIComponent(id)}${rest}`;

const Field = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Labeled label={translate(label)} sx={{ mb: 1.5 }}>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Labeled>
  );
};

/** Release: the hold stops keeping anything from the next destruction run; the reason is kept. */
const ReleaseDialog = ({ hold, onClose }: { hold: LegalHold; onClose: () => void }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const errorMessage = useRetentionError();
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const { touched, error, submitting, begin, fail } = useFormDialogState();
  const missing = reason.trim().length < 3;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!begin(!missing)) return;
    try {
      await http.post(holdPath(hold.id, '/release'), { reason: reason.trim() });
      await queryClient.invalidateQueries({ queryKey: [HOLDS] });
      notify(`${RT}.holds.released_done`, { type: 'success' });
      refresh();
      onClose();
    } catch (caught) {
      fail(caught);
    }
  };
  return (
    <FormDialog
      testId="hold-release-dialog"
      title={`${RT}.holds.release_title`}
      intro={`${RT}.holds.release_intro`}
      error={error ? errorMessage(error) : null}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={`${RT}.holds.release`}
      submitTestId="hold-release-submit"
      submitColor="warning"
      submitDisabled={submitting}
    >
      <TextField
        name="reason"
        label={translate(`${RT}.holds.release_reason`)}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={touched && missing}
        helperText={translate(touched && missing ? `${RT}.form.reason_required` : `${RT}.holds.release_reason_help`)}
        multiline
        minRows={2}
        fullWidth
        required
        autoFocus
        margin="dense"
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
    </FormDialog>
  );
};

const HoldActions = () => {
  const record = useRecordContext<LegalHold>();
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: HOLDS, action: 'update' });
  const [open, setOpen] = useState(false);
  return (
    <TopToolbar>
      {record && canAccess && record.status === 'active' && (
        <Button
          variant="outlined"
          color="warning"
          startIcon={<LockOpenIcon />}
          onClick={() => setOpen(true)}
          data-testid="hold-release"
        >
          {translate(`${RT}.holds.release`)}
        </Button>
      )}
      {record && open && <ReleaseDialog hold={record} onClose={() => setOpen(false)} />}
    </TopToolbar>
  );
};

const HoldDetails = () => {
  const record = useRecordContext<LegalHold>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack spacing={1} sx={{ maxWidth: 1000 }} data-testid="hold-details">
      {record.reviewDue && record.status === 'active' && (
        <Alert severity="error" data-testid="hold-review-due">
          {translate(`${RT}.holds.review_due_long`)}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 4 }}>
        <Field label={`${F}.status`}>
          <StatusChip value={record.status} />
        </Field>
        <Field label={`${F}.source`}>
          {record.incidentId ? (
            <Link to={`/incidents/${record.incidentId}/show`}>
              <SourceField />
            </Link>
          ) : record.rightsRequestId ? (
            <Link to={`/rights-requests/${record.rightsRequestId}/show`}>
              <SourceField />
            </Link>
          ) : (
            <SourceField />
          )}
        </Field>
        <Field label={`${F}.reason`}>
          <Box sx={{ whiteSpace: 'pre-line' }}>{record.reason}</Box>
        </Field>
        <Field label={`${F}.scope`}>
          <ScopeField />
        </Field>
        <Field label={`${F}.owner`}>{record.owner?.name}</Field>
        <Field label={`${F}.reviewOn`}>
          <ReviewField />
        </Field>
        <Field label={`${F}.createdAt`}>
          <InstantText at={record.createdAt} />
          {staffName(record.createdBy) ? ` · ${staffName(record.createdBy)}` : ''}
        </Field>
        {record.status === 'released' && (
          <Field label={`${F}.releasedAt`}>
            <InstantText at={record.releasedAt} />
            {staffName(record.releasedBy) ? ` · ${staffName(record.releasedBy)}` : ''}
            <Box sx={{ whiteSpace: 'pre-line', mt: 0.5 }}>{record.releaseReason}</Box>
          </Field>
        )}
      </Box>
    </Stack>
  );
};

/** Adds a person to an active hold (DPO). */
const AddPerson = ({ hold }: { hold: LegalHold }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const errorMessage = useRetentionError();
  const translate = useTranslate();
  const submit = async (values: Record<string, unknown>) => {
    if (!values.subjectId) return;
    try {
      await http.post(holdPath(hold.id, '/subjects'), { subjectIds: [values.subjectId] });
      await queryClient.invalidateQueries({ queryKey: [HOLDS] });
      notify(`${RT}.holds.person_added`, { type: 'success' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };
  return (
    <Form onSubmit={submit} record={{}} resetOptions={{ keepValues: false }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <SubjectPickerInput source="subjectId" scope="people" label={`${RT}.holds.add_person`} />
        <Button type="submit" variant="outlined" data-testid="hold-add-person">
          {translate(`${RT}.holds.add`)}
        </Button>
      </Stack>
    </Form>
  );
};

const HoldPeople = () => {
  const record = useRecordContext<LegalHold>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const errorMessage = useRetentionError();
  const { canAccess: canChange } = useCanAccess({ resource: HOLDS, action: 'update' });
  const people = useQuery({
    queryKey: [HOLDS, 'subjects', record?.id, record?.subjectCount],
    queryFn: () => http.get<HoldSubject[]>(holdPath(record!.id, '/subjects')),
    enabled: Boolean(record?.id),
  });
  if (!record) return null;
  const active = record.status === 'active';
  const remove = async (subjectId: string) => {
    try {
      await http.delete(holdPath(record.id, `/subjects/${encodeURIComponent(subjectId)}`));
      await queryClient.invalidateQueries({ queryKey: [HOLDS] });
      notify(`${RT}.holds.person_removed`, { type: 'success' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    }
  };
  return (
    <Stack spacing={2} sx={{ maxWidth: 800 }} data-testid="hold-people">
      <Typography variant="body2" color="text.secondary">
        {translate(`${RT}.holds.people_intro`)}
      </Typography>
      {canChange && active && <AddPerson hold={record} />}
      {people.isPending ? (
        <CircularProgress size={24} aria-label={translate('app.loading')} />
      ) : people.isError ? (
        <ProblemAlert error={people.error} />
      ) : (people.data ?? []).length === 0 ? (
        <Muted>{translate(`${RT}.holds.no_people`)}</Muted>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${F}.person`)}</TableCell>
              <TableCell>{translate(`${F}.addedAt`)}</TableCell>
              {canChange && active && <TableCell />}
            </TableRow>
          </TableHead>
          <TableBody>
            {(people.data ?? []).map((person) => (
              <TableRow key={person.subjectId} data-testid="hold-person">
                <TableCell>
                  {person.maskedName ?? person.name ?? translate(`${RT}.holds.person_no_name`)}
                  <Typography variant="caption" component="div" color="text.secondary" sx={{ fontFamily: MONOSPACE }}>
                    {person.subjectId}
                  </Typography>
                </TableCell>
                <TableCell>
                  <InstantText at={person.addedAt} />
                </TableCell>
                {canChange && active && (
                  <TableCell align="right">
                    <IconButton
                      size="small"
                      aria-label={translate(`${RT}.holds.remove_person`)}
                      onClick={() => void remove(person.subjectId)}
                    >
                      <DeleteOutlineIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
};

/** One event's detail in words: what changed, how many people, the review date; never raw JSON. */
const EventDetail = ({ event, hold }: { event: HoldEvent; hold: LegalHold }) => {
  const translate = useTranslate();
  const label = useRetentionLabel();
  const detail = event.detail ?? {};
  const parts: ReactNode[] = [];
  if (typeof detail.source === 'string') parts.push(label('sources', detail.source));
  const categories = Array.isArray(detail.categories)
    ? (detail.categories as string[])
    : Array.isArray((detail.categories as { to?: unknown } | undefined)?.to)
      ? ((detail.categories as { to: string[] }).to ?? [])
      : null;
  if (categories && categories.length > 0) parts.push(categories.map((c) => label('categories', c)).join(', '));
  if (typeof detail.people === 'number' && detail.people > 0)
    parts.push(translate(`${RT}.holds.people_count`, { smart_count: detail.people }));
  if (typeof detail.subjectId === 'string') parts.push(<code key="subject">{detail.subjectId}</code>);
  const reviewOn =
    typeof detail.reviewOn === 'string' ? detail.reviewOn : (detail.reviewOn as { to?: string } | undefined)?.to;
  if (typeof reviewOn === 'string')
    parts.push(
      <span key="review">
        {translate(`${F}.reviewOn`)}: <DayText day={reviewOn} />
      </span>,
    );
  if (Array.isArray(detail.changed) && detail.changed.length > 0)
    parts.push(
      translate(`${RT}.holds.changed`, {
        fields: (detail.changed as string[])
          .map((f) => translate(`${F}.${f === 'ownerId' ? 'owner' : f}`, { _: f }))
          .join(', '),
      }),
    );
  if (event.kind === 'released' && hold.releaseReason) parts.push(hold.releaseReason);
  return (
    <Box sx={{ whiteSpace: 'pre-line' }}>
      {parts.length === 0 ? '—' : parts.map((part, i) => <div key={i}>{part}</div>)}
    </Box>
  );
};

const HoldEvents = () => {
  const record = useRecordContext<LegalHold>();
  const translate = useTranslate();
  const events = useQuery({
    queryKey: [HOLDS, 'events', record?.id, record?.version, record?.subjectCount],
    queryFn: () => http.get<HoldEvent[]>(holdPath(record!.id, '/events')),
    enabled: Boolean(record?.id),
  });
  if (events.isPending) return <CircularProgress size={24} aria-label={translate('app.loading')} />;
  if (events.isError) return <ProblemAlert error={events.error} />;
  return (
    <Table size="small" sx={{ maxWidth: 1000 }} data-testid="hold-events">
      <TableHead>
        <TableRow>
          <TableCell>{translate(`${RT}.holds.event_time`)}</TableCell>
          <TableCell>{translate(`${RT}.holds.event_kind`)}</TableCell>
          <TableCell>{translate(`${RT}.holds.event_by`)}</TableCell>
          <TableCell>{translate(`${RT}.holds.event_detail`)}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {(events.data ?? []).map((event) => (
          <TableRow key={event.id} data-testid="hold-event" data-kind={event.kind}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>
              <InstantText at={event.at} />
            </TableCell>
            <TableCell>{translate(`${RT}.event_kinds.${event.kind}`, { _: event.kind })}</TableCell>
            <TableCell>{event.staff?.name ?? translate(`${RT}.holds.system`)}</TableCell>
            <TableCell>
              <EventDetail event={event} hold={record!} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const HoldTitle = () => {
  const record = useRecordContext<LegalHold>();
  const translate = useTranslate();
  return (
    <>
      {translate(`resources.${HOLDS}.name`, { smart_count: 1 })}
      {record ? ` ${record.reference}` : ''}
    </>
  );
};

export const HoldShow = () => (
  <RequireAccess resource={HOLDS} action="show">
    <Show title={<HoldTitle />} actions={<HoldActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={`${RT}.tabs.hold`}>
          <HoldDetails />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={`${RT}.tabs.people`} path="people" data-testid="tab-people">
          <HoldPeople />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={`${RT}.tabs.events`} path="events" data-testid="tab-events">
          <HoldEvents />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  </RequireAccess>
);
