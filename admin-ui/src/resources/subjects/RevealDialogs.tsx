import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Checkbox,
  Chip,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { useStepUp } from '../../components/StepUpDialog';
import { isApiError } from '../../providers/http';
import { subjectApi } from './subjectApi';
import { FormDialog, useFormDialogState } from './FormDialog';
import { sk, useEnumLabel, useFieldErrorMessage, useFormatDateTime, useSubjectErrorMessage } from './subjectFields';
import type { PhiReveal, PhiSelection, RevealableField, RevealedValues, SubjectProfile } from './types';

/** What a PHI reveal dialog was opened for (its title). */
export type PhiTarget = 'records' | 'sensitive' | 'topics' | 'interest';

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
  onRevealed: (values: RevealedValues) => void;
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
 * Reveals the chosen PHI rows (records, sensitive data, booking topics, the counseling interest):
 * a purpose, an optional case, an explicit yes for psychotherapy notes among the chosen records,
 * then the server's step-up (the step-up dialog asks for a TOTP code and the request is sent again).
 */
export const PhiRevealDialog = ({
  profile,
  target,
  selection,
  onClose,
  onRevealed,
}: {
  profile: SubjectProfile;
  target: PhiTarget;
  selection: PhiSelection;
  onClose: () => void;
  onRevealed: (result: PhiReveal) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const format = useFormatDateTime();
  const enumLabel = useEnumLabel();
  const errorMessage = useSubjectErrorMessage();
  const fieldMessage = useFieldErrorMessage();
  const stepUp = useStepUp();
  const [purpose, setPurpose] = useState('');
  const [caseId, setCaseId] = useState('');
  const [psychotherapyConfirmed, setPsychotherapyConfirmed] = useState(false);
  const { touched, error, submitting, begin, fail } = useFormDialogState();

  const chosenRecords = (profile.records ?? []).filter((r) => selection.recordIds?.includes(r.id));
  const psychotherapyCount = chosenRecords.filter((r) => r.psychotherapyNotes).length;
  const caseInvalid = caseId.trim() !== '' && !CASE_ID.test(caseId.trim());
  const confirmMissing = psychotherapyCount > 0 && !psychotherapyConfirmed;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!begin(purpose.trim().length >= MIN_PURPOSE_LENGTH && !caseInvalid && !confirmMissing)) return;
    const input = {
      purpose: purpose.trim(),
      ...(caseId.trim() ? { caseId: caseId.trim() } : {}),
      ...selection,
      ...(psychotherapyCount > 0 ? { psychotherapyNotes: true } : {}),
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
  const confirmError = serverFieldError(error, 'psychotherapyNotes');
  const generalError = error && !purposeError && !caseError && !confirmError ? errorMessage(error) : null;

  return (
    <>
      <FormDialog
        testId="phi-reveal-dialog"
        title={sk(`phi.title_${target}`)}
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
        {chosenRecords.length > 0 && (
          <Box data-testid="phi-chosen-records">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate(sk('phi.chosen_records'), { smart_count: chosenRecords.length })}
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {chosenRecords.map((r) => (
                <li key={r.id}>
                  <Typography variant="body2" component="span">
                    {enumLabel('phi.record_kinds', r.kind)} · {format(r.sessionAt)}
                  </Typography>
                  {r.psychotherapyNotes && (
                    <Chip
                      size="small"
                      color="secondary"
                      sx={{ ml: 1 }}
                      label={translate(sk('phi.psychotherapy_notes'))}
                    />
                  )}
                </li>
              ))}
            </Box>
          </Box>
        )}
        {psychotherapyCount > 0 && (
          <Box>
            <FormControlLabel
              control={
                <Checkbox
                  name="psychotherapyNotes"
                  checked={psychotherapyConfirmed}
                  onChange={(event) => setPsychotherapyConfirmed(event.target.checked)}
                  data-testid="confirm-psychotherapy-notes"
                />
              }
              label={translate(sk('phi.confirm_psychotherapy'), { smart_count: psychotherapyCount })}
            />
            <FormHelperText error={Boolean(confirmError) || (touched && confirmMissing)}>
              {confirmError
                ? fieldMessage(confirmError)
                : translate(
                    sk(
                      touched && confirmMissing
                        ? 'phi.confirm_psychotherapy_required'
                        : 'phi.confirm_psychotherapy_help',
                    ),
                  )}
            </FormHelperText>
          </Box>
        )}
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
