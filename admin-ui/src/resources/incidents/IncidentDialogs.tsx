import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import { Form, useTranslate } from 'react-admin';
import { isApiError } from '../../providers/http';
import { FormDialog, useFormDialogState } from '../subjects/FormDialog';
import { incidentApi } from './incidentApi';
import { ik, useIncidentError } from './incidentFields';
import { FactsInputs, factsBody } from './IncidentInputs';
import { EU_RISKS, type EuRisk, type IncidentDetail } from './incidentTypes';

export interface DialogProps {
  incident: IncidentDetail;
  onClose: () => void;
  onDone: () => void;
}

/** A multi-line text field of a dialog, required when `required`, with the server's field error. */
export const DialogText = ({
  name,
  label,
  value,
  onChange,
  required,
  touched,
  serverError,
  minRows = 3,
}: {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  touched: boolean;
  serverError?: boolean;
  minRows?: number;
}) => {
  const translate = useTranslate();
  const missing = required === true && value.trim() === '';
  return (
    <TextField
      label={translate(label)}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      multiline
      minRows={minRows}
      fullWidth
      required={required}
      error={(touched && missing) || serverError === true}
      helperText={touched && missing ? translate('ra.validation.required') : ' '}
      slotProps={{ htmlInput: { maxLength: 4000, 'data-testid': `field-${name}` } }}
    />
  );
};

/** The fields a 422 named, so that each shows next to its input. */
export const problemFields = (error: unknown): Set<string> =>
  new Set(isApiError(error) ? error.errors.map((e) => e.field.replace(/^content\./, '')) : []);

/** Closing: the post-incident review and the three breach-register fields (GDPR Art. 33(5)). */
export const CloseDialog = ({ incident, onClose, onDone }: DialogProps) => {
  const errorText = useIncidentError();
  const state = useFormDialogState();
  const [values, setValues] = useState({
    lessonsLearned: incident.lessonsLearned ?? '',
    registerFacts: incident.registerFacts ?? '',
    registerEffects: incident.registerEffects ?? '',
    registerRemedialAction: incident.registerRemedialAction ?? '',
  });
  const fields = Object.keys(values) as (keyof typeof values)[];
  const serverFields = problemFields(state.error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!state.begin(fields.every((f) => values[f].trim() !== ''))) return;
    try {
      await incidentApi.close(incident.id, {
        lessonsLearned: values.lessonsLearned.trim(),
        registerFacts: values.registerFacts.trim(),
        registerEffects: values.registerEffects.trim(),
        registerRemedialAction: values.registerRemedialAction.trim(),
        version: incident.version,
      });
      onDone();
    } catch (caught) {
      state.fail(caught);
    }
  };
  return (
    <FormDialog
      testId="incident-close-dialog"
      title={ik('close.title')}
      intro={ik('close.intro')}
      error={state.error ? errorText(state.error) : null}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={ik('close.submit')}
      submitTestId="incident-close-submit"
      submitDisabled={state.submitting}
    >
      {fields.map((field) => (
        <DialogText
          key={field}
          name={field}
          label={ik(`fields.${field}`)}
          value={values[field]}
          onChange={(value) => setValues((v) => ({ ...v, [field]: value }))}
          required
          touched={state.touched}
          serverError={serverFields.has(field)}
        />
      ))}
    </FormDialog>
  );
};

/** The DPO's EU risk assessment (GDPR Art. 33(1)): "unlikely" withdraws the authority report. */
export const AssessDialog = ({ incident, onClose, onDone }: DialogProps) => {
  const translate = useTranslate();
  const errorText = useIncidentError();
  const state = useFormDialogState();
  const [euRisk, setEuRisk] = useState<EuRisk>(incident.euRisk);
  const [reasons, setReasons] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!state.begin(reasons.trim() !== '')) return;
    try {
      await incidentApi.assess(incident.id, euRisk, reasons.trim());
      onDone();
    } catch (caught) {
      state.fail(caught);
    }
  };
  return (
    <FormDialog
      testId="incident-assess-dialog"
      title={ik('assess.title')}
      intro={ik('assess.intro')}
      error={state.error ? errorText(state.error) : null}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={ik('assess.submit')}
      submitTestId="incident-assess-submit"
      submitDisabled={state.submitting}
    >
      <TextField
        select
        label={translate(ik('fields.euRisk'))}
        value={euRisk}
        onChange={(event) => setEuRisk(event.target.value as EuRisk)}
        fullWidth
        helperText=" "
        slotProps={{ htmlInput: { 'data-testid': 'field-euRisk' } }}
      >
        {EU_RISKS.map((risk) => (
          <MenuItem key={risk} value={risk}>
            {translate(ik(`eu_risks.${risk}`))}
          </MenuItem>
        ))}
      </TextField>
      <DialogText
        name="reasons"
        label={ik('fields.reasons')}
        value={reasons}
        onChange={setReasons}
        required
        touched={state.touched}
      />
    </FormDialog>
  );
};

/** Editing the facts: a new version of the incident; the server recomputes the obligations. */
export const EditFactsDialog = ({ incident, onClose, onDone }: DialogProps) => {
  const translate = useTranslate();
  const errorText = useIncidentError();
  const [error, setError] = useState<unknown>(null);
  const submit = async (values: Record<string, unknown>) => {
    try {
      setError(null);
      await incidentApi.updateFacts(incident.id, { ...factsBody(values), version: incident.version });
      onDone();
      return undefined;
    } catch (caught) {
      setError(caught);
      return isApiError(caught) ? Object.fromEntries(caught.errors.map((e) => [e.field, e.message])) : undefined;
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="incident-edit-dialog">
      <Form record={{ ...incident, ownerId: incident.owner?.id ?? null }} onSubmit={submit}>
        <DialogTitle>{translate(ik('edit.title'))}</DialogTitle>
        <DialogContent>
          {error !== null && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="problem-alert">
              {errorText(error)}
            </Alert>
          )}
          <FactsInputs />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" data-testid="incident-edit-submit">
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Form>
    </Dialog>
  );
};

/** A plain confirm-with-text dialog (a reason, a note), for the small actions. */
export const ReasonDialog = ({
  testId,
  title,
  intro,
  label,
  submitLabel,
  onClose,
  onSubmit,
  extra,
  required = true,
}: {
  testId: string;
  title: string;
  intro: string;
  label: string;
  submitLabel: string;
  onClose: () => void;
  onSubmit: (text: string) => Promise<void>;
  extra?: ReactNode;
  required?: boolean;
}) => {
  const errorText = useIncidentError();
  const state = useFormDialogState();
  const [text, setText] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!state.begin(!required || text.trim() !== '')) return;
    try {
      await onSubmit(text.trim());
    } catch (caught) {
      state.fail(caught);
    }
  };
  return (
    <FormDialog
      testId={testId}
      title={title}
      intro={intro}
      error={state.error ? errorText(state.error) : null}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={submitLabel}
      submitTestId={`${testId}-submit`}
      submitDisabled={state.submitting}
    >
      {extra}
      <DialogText
        name="reason"
        label={label}
        value={text}
        onChange={setText}
        required={required}
        touched={state.touched}
        serverError={problemFields(state.error).size > 0}
      />
    </FormDialog>
  );
};
