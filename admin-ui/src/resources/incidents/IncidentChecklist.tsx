import { useRef, useState, type ChangeEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from '@mui/material';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import { DateTimeInput, Form, TextInput, useNotify, useTranslate } from 'react-admin';
import { Panel } from '../../components/Panel';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { useDates } from '../../i18n/dates';
import { incidentApi } from './incidentApi';
import { ClockChip, ik, useIncidentError, useLocalizedText } from './incidentFields';
import { INCIDENT_PHASES, type IncidentDetail, type TaskView } from './incidentTypes';

/** The server's limit on one piece of evidence. */
const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

const toBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};

const TaskEditDialog = ({
  incident,
  task,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  task: TaskView;
  onClose: () => void;
  onDone: () => void;
}) => {
  const translate = useTranslate();
  const errorText = useIncidentError();
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: Record<string, unknown>) => {
    try {
      const due = values.dueAt ? new Date(values.dueAt as string).toISOString() : undefined;
      await incidentApi.updateTask(incident.id, task.id, {
        assigneeId: typeof values.assigneeId === 'string' && values.assigneeId !== '' ? values.assigneeId : null,
        ...(due ? { dueAt: due } : {}),
        note: typeof values.note === 'string' ? values.note : '',
        version: task.version,
      });
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="task-edit-dialog">
      <Form
        record={{ assigneeId: task.assignee?.id ?? null, dueAt: task.dueAt, note: task.note ?? '' }}
        onSubmit={submit}
      >
        <DialogTitle>{translate(ik('tasks.edit_title'))}</DialogTitle>
        <DialogContent>
          {error !== null && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="problem-alert">
              {errorText(error)}
            </Alert>
          )}
          <StaffPickerInput source="assigneeId" label={ik('fields.assignee')} />
          <DateTimeInput source="dueAt" label={ik('fields.dueAt')} />
          <TextInput source="note" label={ik('fields.note')} multiline minRows={3} fullWidth />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" data-testid="task-edit-submit">
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};

const TaskRow = ({
  incident,
  task,
  onChanged,
}: {
  incident: IncidentDetail;
  task: TaskView;
  onChanged: () => void;
}) => {
  const translate = useTranslate();
  const text = useLocalizedText();
  const notify = useNotify();
  const errorText = useIncidentError();
  const { format } = useDates();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const writable = incident.can.update && incident.status !== 'closed';
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      onChanged();
    } catch (caught) {
      notify(errorText(caught), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const upload = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_EVIDENCE_BYTES) {
      notify(ik('tasks.too_large'), { type: 'error' });
      return;
    }
    void run(async () =>
      incidentApi.uploadEvidence(incident.id, task.id, {
        fileName: file.name,
        mediaType: file.type || 'application/octet-stream',
        contentBase64: await toBase64(file),
      }),
    );
  };
  const done = task.completedAt !== null;
  return (
    <Box
      data-testid="incident-task"
      data-key={task.templateKey ?? ''}
      data-done={done}
      sx={{ display: 'flex', gap: 1, py: 1, borderBottom: 1, borderColor: 'divider' }}
    >
      <Checkbox
        checked={done}
        disabled={!writable || busy}
        onChange={(event) =>
          void run(() =>
            incidentApi.updateTask(incident.id, task.id, { completed: event.target.checked, version: task.version }),
          )
        }
        slotProps={{ input: { 'aria-label': text(task.title), 'data-testid': 'task-complete' } as object }}
        sx={{ alignSelf: 'flex-start', mt: -0.5 }}
      />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
          <Typography variant="body2" sx={{ fontWeight: 600, textDecoration: done ? 'line-through' : 'none' }}>
            {text(task.title)}
          </Typography>
          {!done && <ClockChip clock={task.clock} testId="task-clock" />}
        </Stack>
        {task.description && (
          <Typography variant="body2" color="text.secondary">
            {text(task.description)}
          </Typography>
        )}
        <Typography variant="caption" color="text.secondary" component="div">
          {task.assignee?.name ?? translate(ik('tasks.unassigned'))}
          {task.dueAt ? ` · ${translate(ik('obligations.due'), { at: format(task.dueAt, 'dateTime') })}` : ''}
          {done
            ? ` · ${translate(ik('tasks.completed'), { at: format(task.completedAt, 'dateTime'), name: task.completedBy?.name ?? '' })}`
            : ''}
        </Typography>
        {task.note && (
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {task.note}
          </Typography>
        )}
        {task.evidence.map((file) => (
          <Button
            key={file.id}
            size="small"
            startIcon={<AttachFileIcon />}
            // Only those who work the incident open its evidence (the auditor sees the file's name).
            disabled={!incident.can.update}
            onClick={() => void run(() => incidentApi.downloadEvidence(incident.id, task.id, file.id, file.fileName))}
            sx={{ textTransform: 'none' }}
          >
            {file.fileName}
          </Button>
        ))}
        {writable && (
          <Stack direction="row" spacing={1}>
            <Button size="small" onClick={() => setEditing(true)} data-testid="task-edit">
              {translate(ik('tasks.edit'))}
            </Button>
            <Button size="small" onClick={() => fileInput.current?.click()} disabled={busy}>
              {translate(ik('tasks.attach'))}
            </Button>
            <input ref={fileInput} type="file" hidden onChange={upload} data-testid="task-evidence-input" />
          </Stack>
        )}
      </Box>
      {editing && (
        <TaskEditDialog
          incident={incident}
          task={task}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
    </Box>
  );
};

/** The checklist in the four NIST SP 800-61 phases. */
export const ChecklistPanel = ({ incident, onChanged }: { incident: IncidentDetail; onChanged: () => void }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={2}>
      {INCIDENT_PHASES.map((phase) => {
        const tasks = incident.tasks.filter((task) => task.phase === phase).sort((a, b) => a.position - b.position);
        const open = tasks.filter((task) => task.completedAt === null).length;
        return (
          <Panel
            key={phase}
            title={`${translate(ik(`phases.${phase}`))} · ${tasks.length - open}/${tasks.length}`}
            testId={`incident-phase-${phase}`}
          >
            {tasks.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {translate(ik('tasks.none'))}
              </Typography>
            ) : (
              tasks.map((task) => <TaskRow key={task.id} incident={incident} task={task} onChanged={onChanged} />)
            )}
          </Panel>
        );
      })}
    </Stack>
  );
};
