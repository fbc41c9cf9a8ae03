import { useState } from 'react';
import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import {
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
  useCreate,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
  useUpdate,
  type RaRecord,
} from 'react-admin';
import { useErrorMessage } from '../../components/ProblemAlert';
import { KEEP_TYPED_VALUES, StaleVersionAlert } from '../../components/StaleVersionAlert';
import { isApiError, type ProblemFieldError } from '../../providers/http';
import { TemplateTaskInputs } from './TemplateTaskInputs';
import {
  INCIDENT_TEMPLATES,
  T,
  VECTORS,
  formPathOf,
  toFormValues,
  toWriteBody,
  type IncidentTemplate,
  type TemplateFormValues,
} from './incidentTemplateTypes';

const RULE_CODES = new Set([
  'TEMPLATE_CYCLE',
  'TEMPLATE_UNKNOWN_PHASE',
  'TEMPLATE_UNKNOWN_DEPENDENCY',
  'TEMPLATE_DUPLICATE_KEY',
  'TEMPLATE_OFFSET_OUT_OF_RANGE',
  'TEMPLATE_EMPTY',
  'TEMPLATE_TASK_INVALID',
  'INCIDENT_TEMPLATE_KEY_TAKEN',
  'INCIDENT_TEMPLATE_ARCHIVED',
]);

/** The tasks named in a cycle message ("… in a circle: a → b → a"), to repeat in either language. */
const cycleOf = (message: string) => message.split(': ').slice(1).join(': ');

const FormToolbar = () => (
  <Toolbar>
    <SaveButton data-testid="incident-template-save" />
  </Toolbar>
);

/**
 * The template editor: name, description and vector, then the tasks in the four phases, and the
 * change note. Saving makes a new version; a rule the server refuses comes back next to the task
 * that broke it (the server's `tasks.5.dependsOn` is the form's detection-phase task 3), and a
 * stale version keeps what was typed.
 */
export const TemplateForm = () => {
  const record = useRecordContext<IncidentTemplate>();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const errorMessage = useErrorMessage();
  const [create] = useCreate();
  const [update] = useUpdate();
  const [problems, setProblems] = useState<{ code: string; errors: ProblemFieldError[] } | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const editing = record?.id !== undefined;

  const fieldMessage = (error: ProblemFieldError) =>
    error.code === 'TEMPLATE_CYCLE'
      ? translate(`${T}.problems.TEMPLATE_CYCLE_TASKS`, { tasks: cycleOf(error.message) })
      : RULE_CODES.has(error.code)
        ? translate(`${T}.problems.${error.code}`)
        : translate('app.problem.FIELD_INVALID');

  const submit = async (values: Record<string, unknown>) => {
    setProblems(null);
    setConflict(null);
    const { body, paths } = toWriteBody(values as unknown as TemplateFormValues);
    try {
      const saved = editing
        ? ((await update(
            INCIDENT_TEMPLATES,
            { id: record.id, data: { ...body, version: record.version }, previousData: record },
            { returnPromise: true },
          )) as RaRecord & IncidentTemplate)
        : ((await create(
            INCIDENT_TEMPLATES,
            { data: { ...body, key: values.key } },
            { returnPromise: true },
          )) as RaRecord & IncidentTemplate);
      notify(`${T}.saved`, { type: 'success', messageArgs: { version: saved.currentVersion } });
      redirect('edit', INCIDENT_TEMPLATES, saved.id);
      return undefined;
    } catch (error) {
      if (isApiError(error) && error.code === 'INCIDENT_TEMPLATE_VERSION_CONFLICT') {
        setConflict(record?.version ?? 0);
        return undefined;
      }
      if (isApiError(error) && error.errors.length > 0) {
        setProblems({ code: error.code, errors: error.errors });
        const byPath: Record<string, string> = {};
        for (const fieldError of error.errors) byPath[formPathOf(fieldError.field, paths)] ??= fieldMessage(fieldError);
        return byPath;
      }
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
  };

  return (
    <SimpleForm
      onSubmit={submit}
      defaultValues={toFormValues(record)}
      resetOptions={KEEP_TYPED_VALUES}
      toolbar={<FormToolbar />}
      sx={{ maxWidth: 1200 }}
    >
      {editing && (
        <Typography variant="caption" color="text.secondary" data-testid="editing-version">
          {translate(`${T}.editing_version`, { version: record.currentVersion, key: record.key })}
        </Typography>
      )}
      {!editing && (
        <TextInput source="key" label={`${T}.fields.key`} validate={required()} helperText={`${T}.key_help`} />
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, gap: 1, width: '100%' }}>
        <TextInput source="name.ko" label={`${T}.fields.nameKo`} validate={required()} />
        <TextInput source="name.en" label={`${T}.fields.nameEn`} validate={required()} />
        <SelectInput
          source="suggestedVector"
          label={`${T}.fields.suggestedVector`}
          choices={VECTORS.map((id) => ({ id, name: `${T}.vectors.${id}` }))}
          emptyText={`${T}.vectors.none`}
        />
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 1, width: '100%' }}>
        <TextInput source="description.ko" label={`${T}.fields.descriptionKo`} multiline />
        <TextInput source="description.en" label={`${T}.fields.descriptionEn`} multiline />
      </Box>
      {problems && (
        <Alert severity="error" sx={{ width: '100%', mb: 2 }} data-testid="template-problems" role="alert">
          <AlertTitle>{translate(`${T}.problems.title`)}</AlertTitle>
          {translate(
            RULE_CODES.has(problems.code) ? `${T}.problems.${problems.code}` : 'app.problem.VALIDATION_FAILED',
          )}
        </Alert>
      )}
      <TemplateTaskInputs />
      <TextInput
        source="note"
        label={`${T}.fields.note`}
        validate={required()}
        helperText={`${T}.note_help`}
        fullWidth
        multiline
      />
      {conflict !== null && <StaleVersionAlert version={conflict} onReloaded={() => setConflict(null)} />}
    </SimpleForm>
  );
};
