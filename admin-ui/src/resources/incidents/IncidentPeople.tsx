import { useEffect, useState, type FormEvent } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import {
  Alert,
  Button,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Panel } from '../../components/Panel';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { useDates } from '../../i18n/dates';
import { DATA_CATEGORIES } from '../registers/registerTypes';
import { FormDialog, useFormDialogState } from '../subjects/FormDialog';
import { incidentApi } from './incidentApi';
import { ik, useIncidentError, useLocalizedText } from './incidentFields';
import type { IncidentDetail, SelectPeople, SelectResult } from './incidentTypes';

type By = SelectPeople['by'];

/** The staff picker (a react-admin input) outside a react-admin form: its own small form state. */
const ActorPicker = ({ onChange }: { onChange: (id: string) => void }) => {
  const methods = useForm<{ actorId: string }>({ defaultValues: { actorId: '' } });
  const actorId = methods.watch('actorId');
  useEffect(() => onChange(typeof actorId === 'string' ? actorId : ''), [actorId, onChange]);
  return (
    <FormProvider {...methods}>
      <StaffPickerInput source="actorId" label={ik('people.actor')} helperText={ik('people.actor_help')} />
    </FormProvider>
  );
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const instant = (value: string) => (value ? new Date(value).toISOString() : '');

/** One of the three ways to select people; "preview" counts, "add" records them on the incident. */
const SelectDialog = ({
  incident,
  by,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  by: By;
  onClose: () => void;
  onDone: (result: SelectResult) => void;
}) => {
  const translate = useTranslate();
  const errorText = useIncidentError();
  const state = useFormDialogState();
  const [actorId, setActorId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [category, setCategory] = useState('');
  const [ids, setIds] = useState('');
  const [preview, setPreview] = useState<SelectResult | null>(null);
  const selection = (): SelectPeople | null => {
    if (by === 'access_log')
      return actorId.trim() && from && to
        ? { by, actorId: actorId.trim(), from: instant(from), to: instant(to) }
        : null;
    if (by === 'category') return category ? { by, category } : null;
    const subjectIds = [...new Set(ids.match(UUID) ?? [])];
    return subjectIds.length > 0 ? { by, subjectIds } : null;
  };
  const send = async (dryRun: boolean) => {
    const chosen = selection();
    if (!state.begin(chosen !== null) || chosen === null) return;
    try {
      const result = await incidentApi.selectPeople(incident.id, chosen, dryRun);
      if (dryRun) {
        setPreview(result);
        state.fail(null);
      } else onDone(result);
    } catch (caught) {
      state.fail(caught);
    }
  };
  const readFile = async (file: File | undefined) => setIds(file ? await file.text() : '');
  return (
    <FormDialog
      testId={`select-${by}-dialog`}
      title={ik(`people.by.${by}.title`)}
      intro={ik(`people.by.${by}.intro`)}
      error={state.error ? errorText(state.error) : null}
      onClose={onClose}
      onSubmit={async (event: FormEvent) => {
        event.preventDefault();
        await send(false);
      }}
      submitLabel={ik('people.add')}
      submitTestId="select-submit"
      submitDisabled={state.submitting}
    >
      {by === 'access_log' && (
        <>
          <ActorPicker onChange={setActorId} />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              type="datetime-local"
              label={translate(ik('people.from'))}
              value={from}
              onChange={(event) => setFrom(event.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'select-from' } }}
            />
            <TextField
              type="datetime-local"
              label={translate(ik('people.to'))}
              value={to}
              onChange={(event) => setTo(event.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'select-to' } }}
            />
          </Stack>
        </>
      )}
      {by === 'category' && (
        <TextField
          select
          label={translate(ik('fields.dataCategories'))}
          value={category}
          onChange={(event) => setCategory(event.target.value)}
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': 'select-category' } }}
        >
          {DATA_CATEGORIES.map((c) => (
            <MenuItem key={c} value={c}>
              {translate(`resources.registers.data_categories.${c}`)}
            </MenuItem>
          ))}
        </TextField>
      )}
      {by === 'ids' && (
        <>
          <Button component="label" size="small" sx={{ mb: 1 }}>
            {translate(ik('people.upload'))}
            <input
              type="file"
              hidden
              accept=".txt,.csv,text/plain,text/csv"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
          </Button>
          <TextField
            label={translate(ik('people.ids'))}
            value={ids}
            onChange={(event) => setIds(event.target.value)}
            multiline
            minRows={4}
            fullWidth
            helperText={translate(ik('people.ids_found'), { smart_count: new Set(ids.match(UUID) ?? []).size })}
            slotProps={{ htmlInput: { 'data-testid': 'select-ids' } }}
          />
        </>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
        <Button size="small" variant="outlined" onClick={() => void send(true)} data-testid="select-preview">
          {translate(ik('people.preview'))}
        </Button>
        {preview && (
          <Typography variant="body2" data-testid="select-preview-count" data-matched={preview.matched}>
            {translate(ik('people.preview_result'), {
              matched: preview.matched,
              already: preview.alreadyThere,
              unknown: preview.unknown,
            })}
          </Typography>
        )}
      </Stack>
    </FormDialog>
  );
};

/** Queues the notice to every person not yet notified, through the outbox. */
const NotifyDialog = ({
  incident,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  onClose: () => void;
  onDone: (queued: number) => void;
}) => {
  const translate = useTranslate();
  const text = useLocalizedText();
  const errorText = useIncidentError();
  const state = useFormDialogState();
  const notices = useQuery({
    queryKey: ['incident-notices', incident.id],
    queryFn: () => incidentApi.notices(incident.id),
  });
  const obligations = incident.obligations.filter((o) => o.recipient === 'subjects' && o.status === 'pending');
  const [code, setCode] = useState(obligations[0]?.code ?? '');
  const kind = incident.obligations.find((o) => o.code === code)?.noticeKind;
  const fitting = (notices.data ?? []).filter((n) => n.kind === kind);
  const [noticeId, setNoticeId] = useState('');
  const [channel, setChannel] = useState<'' | 'email' | 'sms'>('');
  const chosenNotice = noticeId || fitting[0]?.id || '';
  return (
    <FormDialog
      testId="notify-dialog"
      title={ik('people.notify_title')}
      intro={ik('people.notify_intro')}
      error={state.error ? errorText(state.error) : null}
      onClose={onClose}
      onSubmit={async (event: FormEvent) => {
        event.preventDefault();
        if (!state.begin(code !== '' && chosenNotice !== '')) return;
        try {
          const result = await incidentApi.notifyPeople(incident.id, {
            obligationCode: code,
            noticeId: chosenNotice,
            ...(channel ? { channel } : {}),
          });
          onDone(result.queued);
        } catch (caught) {
          state.fail(caught);
        }
      }}
      submitLabel={ik('people.notify')}
      submitTestId="notify-submit"
      submitDisabled={state.submitting}
    >
      <TextField
        select
        label={translate(ik('people.obligation'))}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        fullWidth
        helperText=" "
        slotProps={{ htmlInput: { 'data-testid': 'notify-obligation' } }}
      >
        {obligations.map((o) => (
          <MenuItem key={o.code} value={o.code}>
            {text(o.label)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={translate(ik('people.notice'))}
        value={chosenNotice}
        onChange={(event) => setNoticeId(event.target.value)}
        fullWidth
        error={state.touched && chosenNotice === ''}
        helperText={fitting.length === 0 ? translate(ik('people.no_notice')) : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'notify-notice' } }}
      >
        {fitting.map((n) => (
          <MenuItem key={n.id} value={n.id}>
            {translate(ik(`notice_kinds.${n.kind}`))} · {n.locale} · v{n.version}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={translate(ik('people.channel'))}
        value={channel}
        onChange={(event) => setChannel(event.target.value as '' | 'email' | 'sms')}
        fullWidth
      >
        <MenuItem value="">{translate(ik('people.channel_auto'))}</MenuItem>
        <MenuItem value="email">{translate(ik('people.channels.email'))}</MenuItem>
        <MenuItem value="sms">{translate(ik('people.channels.sms'))}</MenuItem>
      </TextField>
    </FormDialog>
  );
};

/** Affected people: always masked; selected by query; notified through the outbox. */
/** People shown a page at a time: an incident may touch thousands. */
const PEOPLE_PAGE = 50;

export const PeoplePanel = ({ incident, onChanged }: { incident: IncidentDetail; onChanged: () => void }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<By | 'notify' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const people = useQuery({
    queryKey: ['incident-affected', incident.id, page],
    queryFn: () => incidentApi.affected(incident.id, page * PEOPLE_PAGE, PEOPLE_PAGE),
  });
  const changed = (text: string) => {
    setOpen(null);
    setMessage(text);
    void queryClient.invalidateQueries({ queryKey: ['incident-affected', incident.id] });
    onChanged();
  };
  const writable = incident.can.selectPeople && incident.status !== 'closed';
  return (
    <Panel title={translate(ik('panels.people'))} testId="incident-people">
      <Typography
        variant="body2"
        sx={{ mb: 1 }}
        data-testid="incident-people-count"
        data-total={incident.affected.total}
      >
        {translate(ik('people.counts'), { total: incident.affected.total, notified: incident.affected.notified })}
      </Typography>
      {message && (
        <Alert severity="success" sx={{ mb: 1 }} onClose={() => setMessage(null)} data-testid="people-message">
          {message}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, mb: 1.5 }}>
        {writable &&
          (['access_log', 'category', 'ids'] as const).map((by) => (
            <Button
              key={by}
              size="small"
              variant="outlined"
              onClick={() => setOpen(by)}
              data-testid={`people-select-${by}`}
            >
              {translate(ik(`people.by.${by}.button`))}
            </Button>
          ))}
        {incident.can.notify && incident.status !== 'closed' && (
          <Button size="small" variant="contained" onClick={() => setOpen('notify')} data-testid="people-notify">
            {translate(ik('people.notify'))}
          </Button>
        )}
      </Stack>
      {people.error ? (
        <Alert severity="error">{translate(ik('people.load_failed'))}</Alert>
      ) : (
        <TableContainer>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate(ik('people.name'))}</TableCell>
                <TableCell>{translate(ik('people.contact'))}</TableCell>
                <TableCell>{translate(ik('people.source'))}</TableCell>
                <TableCell>{translate(ik('people.notification'))}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(people.data ?? []).map((row) => (
                <TableRow key={row.id} data-testid="affected-person" data-notified={row.notification !== null}>
                  <TableCell>{row.maskedName ?? '—'}</TableCell>
                  <TableCell>{row.maskedContact ?? '—'}</TableCell>
                  <TableCell>{translate(ik(`people.by.${row.source}.short`), { _: row.source })}</TableCell>
                  <TableCell>
                    {row.notification
                      ? `${translate(ik(`people.channels.${row.notification.channel}`), { _: row.notification.channel })} · ${row.notification.status} · v${row.notification.noticeVersion}${row.notification.sentAt ? ` · ${format(row.notification.sentAt, 'dateTime')}` : ''}`
                      : translate(ik('people.not_notified'))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {incident.affected.total > PEOPLE_PAGE && (
            <TablePagination
              component="div"
              count={incident.affected.total}
              page={page}
              onPageChange={(_, next) => setPage(next)}
              rowsPerPage={PEOPLE_PAGE}
              rowsPerPageOptions={[PEOPLE_PAGE]}
            />
          )}
        </TableContainer>
      )}
      {open !== null && open !== 'notify' && (
        <SelectDialog
          incident={incident}
          by={open}
          onClose={() => setOpen(null)}
          onDone={(result) =>
            changed(
              translate(ik('people.added'), {
                added: result.added,
                already: result.alreadyThere,
                unknown: result.unknown,
              }),
            )
          }
        />
      )}
      {open === 'notify' && (
        <NotifyDialog
          incident={incident}
          onClose={() => setOpen(null)}
          onDone={(queued) => changed(translate(ik('people.queued'), { smart_count: queued }))}
        />
      )}
    </Panel>
  );
};
