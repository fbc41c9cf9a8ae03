import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  TextField,
} from '@mui/material';
import { Form, useTranslate } from 'react-admin';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { FormDialog, useFormDialogState } from '../subjects/FormDialog';
import { complaintApi } from './complaintApi';
import { ck, useComplaintError } from './complaintFields';
import { ESCALATION_BODIES, type ComplaintDetail, type EscalationBody } from './complaintTypes';

interface DialogProps {
  complaint: ComplaintDetail;
  onClose: () => void;
  onDone: () => void;
}

/** Resolve: the resolution text is required (the server refuses without it too). */
export const ResolveDialog = ({ complaint, onClose, onDone }: DialogProps) => {
  const translate = useTranslate();
  const errorText = useComplaintError();
  const state = useFormDialogState();
  const [resolution, setResolution] = useState('');
  const missing = resolution.trim().length < 3;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!state.begin(!missing)) return;
    try {
      await complaintApi.resolve(complaint.id, resolution.trim());
      onDone();
    } catch (caught) {
      state.fail(caught);
    }
  };
  return (
    <FormDialog
      testId="resolve-dialog"
      title={ck('resolve.title')}
      intro={ck('resolve.intro')}
      error={state.error ? errorText(state.error) : null}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={ck('resolve.submit')}
      submitTestId="resolve-submit"
      submitDisabled={state.submitting}
    >
      <TextField
        label={translate(ck('fields.resolution'))}
        value={resolution}
        onChange={(event) => setResolution(event.target.value)}
        multiline
        minRows={4}
        fullWidth
        required
        autoFocus
        error={state.touched && missing}
        helperText={state.touched && missing ? translate('ra.validation.required') : ' '}
        slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': 'resolution-input' } }}
      />
    </FormDialog>
  );
};

/** An escalation to an outside body, recorded once and never changed. */
export const EscalateDialog = ({ complaint, onClose, onDone }: DialogProps) => {
  const translate = useTranslate();
  const errorText = useComplaintError();
  const state = useFormDialogState();
  const [body, setBody] = useState<EscalationBody | ''>('');
  const [authority, setAuthority] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const needsAuthority = body === 'eu_supervisory_authority';
  const invalid = body === '' || (needsAuthority && authority.trim().length < 2);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (body === '' || !state.begin(!invalid)) return;
    try {
      await complaintApi.escalate(complaint.id, {
        body,
        ...(needsAuthority ? { authority: authority.trim() } : {}),
        ...(reference.trim() !== '' ? { reference: reference.trim() } : {}),
        ...(note.trim() !== '' ? { note: note.trim() } : {}),
      });
      onDone();
    } catch (caught) {
      state.fail(caught);
    }
  };
  return (
    <FormDialog
      testId="escalate-dialog"
      title={ck('escalate.title')}
      intro={ck('escalate.intro')}
      error={state.error ? errorText(state.error) : null}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={ck('escalate.submit')}
      submitTestId="escalate-submit"
      submitDisabled={state.submitting}
    >
      <TextField
        select
        label={translate('resources.complaints.panels.escalations')}
        value={body}
        onChange={(event) => setBody(event.target.value as EscalationBody)}
        fullWidth
        required
        error={state.touched && body === ''}
        helperText={state.touched && body === '' ? translate('ra.validation.required') : ' '}
        slotProps={{ htmlInput: { 'data-testid': 'escalation-body' } }}
      >
        {ESCALATION_BODIES.map((b) => (
          <MenuItem key={b} value={b} data-testid={`escalation-body-${b}`}>
            {translate(ck(`bodies.${b}`))}
          </MenuItem>
        ))}
      </TextField>
      {needsAuthority && (
        <TextField
          label={translate(ck('escalate.authority'))}
          value={authority}
          onChange={(event) => setAuthority(event.target.value)}
          fullWidth
          required
          error={state.touched && authority.trim().length < 2}
          helperText=" "
          slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'escalation-authority' } }}
        />
      )}
      <TextField
        label={translate(ck('escalate.reference'))}
        value={reference}
        onChange={(event) => setReference(event.target.value)}
        fullWidth
        helperText=" "
        slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'escalation-reference' } }}
      />
      <TextField
        label={translate(ck('escalate.note'))}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        fullWidth
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'escalation-note' } }}
      />
    </FormDialog>
  );
};

/** Gives the complaint to a DPO (the picker searches staff; the server accepts only an active DPO). */
export const AssignDialog = ({ complaint, onClose, onDone }: DialogProps) => {
  const translate = useTranslate();
  const errorText = useComplaintError();
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: Record<string, unknown>) => {
    const value = values.assigneeId;
    try {
      setError(null);
      await complaintApi.assign(complaint.id, typeof value === 'string' && value !== '' ? value : null);
      onDone();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="assign-dialog">
      {/* The staff picker is a react-admin input, so this dialog is a react-admin form. */}
      <Form record={{ assigneeId: complaint.assignee?.id ?? null }} onSubmit={submit}>
        <DialogTitle>{translate(ck('assign.title'))}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(ck('assign.intro'))}</DialogContentText>
          {error !== null && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="problem-alert">
              {errorText(error)}
            </Alert>
          )}
          <StaffPickerInput source="assigneeId" label={ck('fields.assignee')} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" data-testid="assign-submit">
            {translate(ck('assign.submit'))}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};
