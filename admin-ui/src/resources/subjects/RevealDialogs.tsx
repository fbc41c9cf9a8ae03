import { useState, type FormEvent } from 'react';
import { Alert, Checkbox, FormControlLabel, FormGroup, FormLabel, TextField } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { useStepUp } from '../../components/StepUpDialog';
import { isApiError } from '../../providers/http';
import { subjectApi } from './subjectApi';
import { FormDialog, useFormDialogState } from './FormDialog';
import { sk, useFieldErrorMessage, useSubjectErrorMessage } from './subjectFields';
import type { PhiReveal, RevealableField, SubjectProfile } from './types';

/** The server wants a purpose of 10 to 500 characters for every reveal. */
export const MIN_PURPOSE_LENGTH = 10;
const MAX_PURPOSE_LENGTH = 500;
/** What the server accepts as a case reference (e.g. RR-2026-0042, complaint#17). */
const CASE_ID = /^[\w.:#/-]{1,100}$/;

/** The label key of a revealable field. */
const fieldLabel = (field: RevealableField) => sk(`fields.${field}`);

const serverFieldError = (error: unknown, field: string) =>
  isApiError(error) ? error.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`)) : undefined;

const PurposeField = ({
  value,
  onChange,
  touched,
  help,
  serverError,
}: {
  value: string;
  onChange: (value: string) => void;
  touched: boolean;
  help: string;
  serverError?: string;
}) => {
  const translate = useTranslate();
  const length = value.trim().length;
  const tooShort = touched && length < MIN_PURPOSE_LENGTH;
  return (
    <TextField
      name="purpose"
      label={translate(sk('reveal.purpose'))}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={tooShort || Boolean(serverError)}
      helperText={
        serverError ??
        (tooShort
          ? translate(sk('reveal.purpose_required'), { min: MIN_PURPOSE_LENGTH, count: length })
          : translate(help, { min: MIN_PURPOSE_LENGTH }))
      }
      multiline
      minRows={2}
      fullWidth
      required
      autoFocus
      margin="normal"
      slotProps={{ htmlInput: { maxLength: MAX_PURPOSE_LENGTH } }}
    />
  );
};

/**
 * Asks for the purpose of revealing contact fields, then hands the plaintext to `onRevealed`
 * (the profile keeps it in component state only).
 */
export const RevealDialog = ({
  profile,
  initialField,
  available,
  onClose,
  onRevealed,
}: {
  profile: SubjectProfile;
  initialField: RevealableField;
  /** Fields that can still be revealed in this view. */
  available: RevealableField[];
  onClose: () => void;
  onRevealed: (values: Partial<Record<RevealableField, string | null>>) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorMessage = useSubjectErrorMessage();
  const fieldMessage = useFieldErrorMessage();
  const [fields, setFields] = useState<RevealableField[]>([initialField]);
  const [purpose, setPurpose] = useState('');
  const { touched, error, submitting, begin, fail } = useFormDialogState();

  const toggle = (field: RevealableField, on: boolean) =>
    setFields((current) => (on ? [...current, field] : current.filter((f) => f !== field)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!begin(purpose.trim().length >= MIN_PURPOSE_LENGTH && fields.length > 0)) return;
    try {
      const values = await subjectApi.reveal(profile.id, { fields, purpose: purpose.trim() });
      onRevealed(values);
      notify(sk('reveal.done'), { type: 'success' });
      onClose();
    } catch (caught) {
      fail(caught);
    }
  };

  const purposeError = serverFieldError(error, 'purpose');
  const fieldsError = serverFieldError(error, 'fields');
  const generalError = error && !purposeError && !fieldsError ? errorMessage(error) : null;

  return (
    <FormDialog
      testId="reveal-dialog"
      title={sk('reveal.title')}
      intro={sk('reveal.intro')}
      error={generalError}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={sk('reveal.submit')}
      submitTestId="reveal-submit"
      submitDisabled={submitting || fields.length === 0}
    >
      <FormLabel component="legend" sx={{ typography: 'body2' }} error={Boolean(fieldsError)}>
        {translate(sk('reveal.fields'))}
      </FormLabel>
      <FormGroup row>
        {available.map((field) => (
          <FormControlLabel
            key={field}
            control={
              <Checkbox
                checked={fields.includes(field)}
                onChange={(event) => toggle(field, event.target.checked)}
                name={`reveal-${field}`}
              />
            }
            label={translate(fieldLabel(field))}
          />
        ))}
      </FormGroup>
      {fieldsError && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {fieldMessage(fieldsError)}
        </Alert>
      )}
      <PurposeField
        value={purpose}
        onChange={setPurpose}
        touched={touched}
        help={sk('reveal.purpose_help')}
        serverError={purposeError ? fieldMessage(purposeError) : undefined}
      />
    </FormDialog>
  );
};

/**
 * Reveals counseling records or sensitive data: a purpose, an optional case, then the server's
 * step-up (the step-up dialog asks for a TOTP code and the request is sent again).
 */
export const PhiRevealDialog = ({
  profile,
  target,
  onClose,
  onRevealed,
}: {
  profile: SubjectProfile;
  target: 'records' | 'sensitive';
  onClose: () => void;
  onRevealed: (result: PhiReveal) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorMessage = useSubjectErrorMessage();
  const fieldMessage = useFieldErrorMessage();
  const stepUp = useStepUp();
  const [purpose, setPurpose] = useState('');
  const [caseId, setCaseId] = useState('');
  const { touched, error, submitting, begin, fail } = useFormDialogState();

  const caseInvalid = caseId.trim() !== '' && !CASE_ID.test(caseId.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!begin(purpose.trim().length >= MIN_PURPOSE_LENGTH && !caseInvalid)) return;
    const input = {
      purpose: purpose.trim(),
      ...(caseId.trim() ? { caseId: caseId.trim() } : {}),
      ...(target === 'records'
        ? { recordIds: (profile.records ?? []).map((r) => r.id) }
        : { sensitiveDataIds: (profile.sensitiveData ?? []).map((s) => s.id) }),
    };
    await stepUp.run(
      async () => {
        const result = await subjectApi.revealPhi(profile.id, input);
        onRevealed(result);
        notify(sk('phi.done'), { type: 'success' });
        onClose();
      },
      // null: the step-up dialog was cancelled; stay here without an error.
      fail,
    );
  };

  const purposeError = serverFieldError(error, 'purpose');
  const caseError = serverFieldError(error, 'caseId');
  const generalError = error && !purposeError && !caseError ? errorMessage(error) : null;

  return (
    <>
      <FormDialog
        testId="phi-reveal-dialog"
        title={sk(target === 'records' ? 'phi.title_records' : 'phi.title_sensitive')}
        intro={sk('phi.intro')}
        gap={1}
        error={generalError}
        onClose={onClose}
        onSubmit={submit}
        submitLabel={sk('phi.submit')}
        submitTestId="phi-submit"
        submitColor="warning"
        submitDisabled={submitting}
      >
        <PurposeField
          value={purpose}
          onChange={setPurpose}
          touched={touched}
          help={sk('phi.purpose_help')}
          serverError={purposeError ? fieldMessage(purposeError) : undefined}
        />
        <TextField
          name="caseId"
          label={translate(sk('phi.case_id'))}
          value={caseId}
          onChange={(event) => setCaseId(event.target.value)}
          error={Boolean(caseError) || (touched && caseInvalid)}
          helperText={
            caseError
              ? fieldMessage(caseError)
              : translate(sk(touched && caseInvalid ? 'phi.case_id_invalid' : 'phi.case_id_help'))
          }
          fullWidth
          margin="normal"
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
      </FormDialog>
      {stepUp.dialog}
    </>
  );
};
