import { useState } from 'react';
import {
  Button as MuiButton,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EditButton,
  Labeled,
  Show,
  SimpleShowLayout,
  TopToolbar,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSystemHistory } from '../../components/systemHistory';
import { http } from '../../providers/http';
import { useFormatDateTime } from '../staff/staffFields';
import {
  H,
  HolidayDateField,
  HolidayKindField,
  HolidayNameField,
  HolidayStatusField,
  useFormatLocalDate,
  useHolidayErrorMessage,
} from './holidayFields';
import { HOLIDAYS, type Holiday, type HolidayHistoryEntry } from './holidayTypes';

/** Ends a holiday (it stops counting) with a reason; only for whoever may delete it: the DPO. */
const EndButton = () => {
  const record = useRecordContext<Holiday>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const message = useHolidayErrorMessage();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { canAccess } = useCanAccess({ resource: HOLIDAYS, action: 'delete', record });
  if (!record || !canAccess || record.status === 'ended') return null;
  const submit = async () => {
    setBusy(true);
    try {
      await http.post(`/${HOLIDAYS}/${encodeURIComponent(record.id)}/end`, { reason, version: record.version });
      notify(`${H}.ended`, { type: 'success' });
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: [HOLIDAYS, 'history', record.id] });
      refresh();
    } catch (error) {
      notify(message(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <MuiButton color="error" size="small" onClick={() => setOpen(true)} data-testid="holiday-end">
        {translate(`${H}.end`)}
      </MuiButton>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate(`${H}.end_title`)}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            {translate(`${H}.end_help`)}
          </Typography>
          <MuiTextField
            label={translate(`${H}.fields.reason`)}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            multiline
            fullWidth
            autoFocus
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton color="error" disabled={busy || reason.trim().length < 3} onClick={() => void submit()}>
            {translate(`${H}.end`)}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};

const Actions = () => {
  const record = useRecordContext<Holiday>();
  return (
    <TopToolbar>
      {record?.status === 'active' && <EditButton />}
      <EndButton />
    </TopToolbar>
  );
};

const DiffValue = ({ field, value }: { field: string; value: unknown }) => {
  const translate = useTranslate();
  const formatDate = useFormatLocalDate();
  if (value === null || value === undefined) return <>—</>;
  if (field === 'date') return <>{formatDate(String(value))}</>;
  if (field === 'kind') return <>{translate(`${H}.kinds.${String(value)}`)}</>;
  if (field === 'status') return <>{translate(`${H}.statuses.${String(value)}`)}</>;
  return <>{String(value)}</>;
};

/** Every version, newest first: what changed, who, when and why. */
const HolidayHistory = () => {
  const record = useRecordContext<Holiday>();
  const translate = useTranslate();
  const format = useFormatDateTime('full');
  const system = useSystemHistory();
  const history = useQuery({
    queryKey: [HOLIDAYS, 'history', record?.id],
    queryFn: () => http.get<HolidayHistoryEntry[]>(`/${HOLIDAYS}/${encodeURIComponent(String(record!.id))}/history`),
    enabled: Boolean(record?.id),
  });
  if (!record) return null;
  if (history.isPending) return <CircularProgress size={24} aria-label={translate('app.loading')} />;
  if (history.isError) return <ProblemAlert error={history.error} />;
  return (
    <Stack spacing={1.5} data-testid="holiday-history" sx={{ width: '100%' }}>
      <Typography variant="h6" component="h2">
        {translate(`${H}.history`)}
      </Typography>
      {(history.data ?? []).map((entry) => (
        <Card variant="outlined" key={entry.version} data-testid="history-entry" data-version={entry.version}>
          <CardContent sx={{ '&:last-child': { pb: 2 } }}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
              <Typography variant="subtitle2" component="h3">
                {translate(`${H}.version`, { version: entry.version })}
              </Typography>
              <Chip size="small" label={translate(`${H}.operations.${entry.operation}`)} />
              <Typography variant="body2" color="text.secondary">
                {format(entry.changedAt)} · {system.author(entry.author.displayName, entry.author.id === null)}
              </Typography>
            </Stack>
            <Typography variant="body2" sx={{ mt: 1, borderLeft: 3, borderColor: 'primary.light', pl: 1.5 }}>
              {system.reason(entry.reason, entry.author.id === null)}
            </Typography>
            {entry.operation !== 'seed' && entry.operation !== 'create' && (
              <Stack component="ul" sx={{ m: 0, mt: 1, pl: 2.5 }}>
                {entry.diff.map((change) => (
                  <Typography component="li" variant="body2" key={change.field}>
                    {translate(`${H}.fields.${change.field}`)}: <DiffValue field={change.field} value={change.before} />{' '}
                    → <DiffValue field={change.field} value={change.after} />
                  </Typography>
                ))}
              </Stack>
            )}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
};

export const HolidayShow = () => (
  <Show actions={<Actions />} title={`${H}.show_title`}>
    <SimpleShowLayout>
      <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
        <Labeled source="date">
          <HolidayDateField />
        </Labeled>
        <Labeled source="nameKo" label={`${H}.fields.name`}>
          <HolidayNameField />
        </Labeled>
        <Labeled source="kind">
          <HolidayKindField />
        </Labeled>
        <Labeled source="status">
          <HolidayStatusField />
        </Labeled>
      </Stack>
      <HolidayHistory />
    </SimpleShowLayout>
  </Show>
);
