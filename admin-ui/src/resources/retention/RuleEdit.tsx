import { useState } from 'react';
import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  BooleanInput,
  Edit,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  maxLength,
  minLength,
  required,
  useNotify,
  useRecordContext,
  useRedirect,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { RequireAccess } from '../../components/RequireAccess';
import { KEEP_TYPED_VALUES, StaleVersionAlert } from '../../components/StaleVersionAlert';
import { isApiError, request, type ApiError } from '../../providers/http';
import { InputRow, LocalizedTextInput } from '../registers/registerInputs';
import { formErrors } from '../registers/registerProblems';
import { registerFieldErrorKey } from '../registers/registerProblems';
import { parsePeriod } from '../registers/registerValues';
import { Localized, usePeriodText, useRetentionError } from './retentionFields';
import { RECORD_CATEGORIES, RECORD_CATEGORY_CODES } from './recordCategories';
import { RT, RULES, type RetentionRuleRecord } from './retentionTypes';

const F = `resources.${RULES}.fields`;

/** "P5Y" style, and more than nothing: the server checks again (a negative or zero period is refused). */
const isoPeriod = (value: unknown) =>
  value === null || value === undefined || value === '' || parsePeriod(String(value)) !== null
    ? undefined
    : `${RT}.form.period_invalid`;

/** The period in words under its input, so "P1Y" is read as "1 year" before saving. */
const PeriodHelp = ({ source }: { source: string }) => {
  const value = useWatch({ name: source }) as string | undefined;
  const period = usePeriodText();
  const translate = useTranslate();
  const words = value && parsePeriod(value) ? period(value) : '';
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="p"
      sx={{ mt: 0.25, mb: 1, ml: 1.75 }}
      data-testid={`period-words-${source}`}
    >
      {words ? translate(`${RT}.form.period_reads`, { words }) : translate(`${RT}.form.period_help`)}
    </Typography>
  );
};

/** Trigger and action choices follow the category (the server's catalogue). */
const CategoryInputs = () => {
  const category = useWatch({ name: 'category' }) as string | null;
  const action = useWatch({ name: 'action' }) as string | null;
  const spec = category ? RECORD_CATEGORIES[category] : undefined;
  return (
    <>
      <InputRow>
        <SelectInput
          source="category"
          label={`${F}.category`}
          choices={RECORD_CATEGORY_CODES.map((code) => ({ id: code, name: `${RT}.categories.${code}` }))}
          emptyText={`${RT}.rules.not_acted_on`}

          parse={(value: string) => (value === '' ? null : value)}
          helperText={`${RT}.form.category_help`}
        />
        <SelectInput
          source="trigger"
          label={`${F}.trigger`}
          choices={(spec?.triggers ?? []).map((id) => ({ id, name: `${RT}.triggers.${id}` }))}
          disabled={!spec}
          parse={(value: string) => (value === '' ? null : value)}
          validate={spec ? required() : undefined}
          helperText={false}
        />
        <SelectInput
          source="action"
          label={`${F}.action`}
          choices={(spec?.actions ?? []).map((id) => ({ id, name: `${RT}.actions.${id}` }))}
          disabled={!spec}
          parse={(value: string) => (value === '' ? null : value)}
          validate={spec ? required() : undefined}
          helperText={false}
        />
      </InputRow>
      <InputRow>
        <Box>
          <TextInput
            source="retention.period"
            label={`${F}.period`}
            validate={isoPeriod}
            helperText={false}
            parse={(value: string) => value.trim().toUpperCase()}
          />
          <PeriodHelp source="retention.period" />
        </Box>
        {action === 'separate' && (
          <Box>
            <TextInput
              source="noticePeriod"
              label={`${F}.noticePeriod`}
              validate={isoPeriod}
              helperText={false}
              parse={(value: string) => value.trim().toUpperCase()}
            />
            <PeriodHelp source="noticePeriod" />
          </Box>
        )}
        <TextInput
          source="retention.law"
          label={`${F}.legalBasis`}
          helperText={`${RT}.form.law_help`}
          validate={maxLength(500)}
        />
      </InputRow>
    </>
  );
};

const FieldProblems = ({ error }: { error: ApiError }) => {
  const translate = useTranslate();
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2, width: '100%' }} data-testid="rule-field-problems">
      <AlertTitle>{translate(`${RT}.form.problems`)}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {error.errors.map((fieldError) => (
          <li key={`${fieldError.field}:${fieldError.code}`}>
            <strong>{translate(`${RT}.history.fields.${fieldError.field}`, { _: fieldError.field })}</strong>:{' '}
            {translate(registerFieldErrorKey(fieldError))}
          </li>
        ))}
      </Box>
    </Alert>
  );
};

/** The body PATCH /api/retention/rules/:id takes: the rule's fields, the version edited and why. */
const ruleBody = (values: Record<string, unknown>, record: RetentionRuleRecord) => {
  const retention = { ...(values.retention as Record<string, unknown>) };
  delete retention.display;
  for (const key of ['period', 'law'] as const)
    if (retention[key] === '' || retention[key] === null) delete retention[key];
  return {
    name: values.name,
    retention,
    category: values.category ?? null,
    trigger: values.category ? (values.trigger ?? null) : null,
    action: values.category ? (values.action ?? null) : null,
    noticePeriod: values.action === 'separate' ? values.noticePeriod || null : null,
    enabled: Boolean(values.enabled),
    version: record.version,
    reason: String(values.reason ?? '').trim(),
  };
};

const RuleForm = () => {
  const record = useRecordContext<RetentionRuleRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const errorMessage = useRetentionError();
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  if (!record) return null;

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    setConflict(null);
    try {
      const saved = (
        await request<RetentionRuleRecord>(`/${RULES}/${encodeURIComponent(record.id)}`, {
          method: 'PATCH',
          body: ruleBody(values, record),
        })
      ).body;
      await queryClient.invalidateQueries({ queryKey: [RULES] });
      notify(`${RT}.form.saved`, { type: 'success', messageArgs: { version: saved?.version ?? record.version + 1 } });
      refresh();
      redirect('show', RULES, record.id);
      return undefined;
    } catch (error) {
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
        setConflict(record.version);
        return undefined;
      }
      if (isApiError(error) && error.errors.length > 0) {
        setProblem(error);
        return formErrors(error.errors);
      }
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
  };

  return (
    <SimpleForm
      onSubmit={submit}
      resetOptions={KEEP_TYPED_VALUES}
      toolbar={
        <Toolbar>
          <SaveButton data-testid="rule-save" />
        </Toolbar>
      }
      sx={{ maxWidth: 1000 }}
    >
      {problem && <FieldProblems error={problem} />}
      <Typography variant="caption" color="text.secondary" data-testid="editing-version">
        {translate(`${RT}.form.editing_version`, { version: record.version })}
      </Typography>
      <LocalizedTextInput source="name" label={`${F}.name`} />
      <CategoryInputs />
      <BooleanInput source="enabled" label={`${F}.enabled`} helperText={`${RT}.form.enabled_help`} />
      <Box
        sx={{ width: '100%', p: 2, mt: 1, borderRadius: 1, bgcolor: 'action.hover', border: 1, borderColor: 'divider' }}
        data-testid="rule-reason"
      >
        <TextInput
          source="reason"
          label={`${RT}.form.reason`}
          helperText={`${RT}.form.reason_help`}
          validate={[required(`${RT}.form.reason_required`), minLength(1), maxLength(1000)]}
          defaultValue=""
          multiline
          minRows={2}
          fullWidth
        />
      </Box>
      {conflict !== null && <StaleVersionAlert version={conflict} onReloaded={() => setConflict(null)} />}
    </SimpleForm>
  );
};

const EditTitle = () => {
  const record = useRecordContext<RetentionRuleRecord>();
  const translate = useTranslate();
  return (
    <>
      {translate(`${RT}.form.edit_title`)}
      {record ? (
        <>
          : <Localized text={record.name} />
        </>
      ) : null}
    </>
  );
};

/** The DPO changes a rule: every save is a new version with the reason, and who approved it. */
export const RuleEdit = () => (
  <RequireAccess resource={RULES} action="edit">
    <Edit mutationMode="pessimistic" title={<EditTitle />} redirect="show">
      <RuleForm />
    </Edit>
  </RequireAccess>
);
