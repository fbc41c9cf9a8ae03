import { useEffect, useState } from 'react';
import { FormHelperText } from '@mui/material';
import { useFormContext, useWatch } from 'react-hook-form';
import {
  AutocompleteArrayInput,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  maxLength,
  required,
  useGetOne,
  useTranslate,
} from 'react-admin';
import { FormSection } from '../registers/RegisterForm';
import { PolicyFilterInput } from '../registers/RegisterPages';
import { useLocalized } from '../registers/registerFields';
import { LocalizedTextInput, RetentionInput, enumChoices, InputRow } from '../registers/registerInputs';
import { PROCESSORS, PROVISIONS, RETENTION_RULES, TRANSFERS } from '../registers/registerResources';
import {
  ACTIVITY_BASES,
  ART9_CONDITIONS,
  DATA_CATEGORIES,
  ROW_STATUSES,
  SPECIAL_CATEGORIES,
  SUBJECT_CATEGORIES,
  type LocalizedText,
  type RetentionRule,
} from '../registers/registerTypes';

const R = 'resources.registers';

/** Rows of another register of the same policy (an activity may only link its own policy's rows). */
const LinkedRowsInput = ({ source, reference }: { source: string; reference: string }) => {
  const localized = useLocalized();
  const policyId = useWatch({ name: 'policyId' }) as string | undefined;
  return (
    <ReferenceArrayInput
      source={source}
      reference={reference}
      filter={policyId ? { policyId } : {}}
      sort={{ field: 'position', order: 'ASC' }}
      perPage={200}
    >
      <AutocompleteArrayInput
        optionText={(row: { recipient: LocalizedText }) => localized(row.recipient)}
        sx={{ minWidth: 320, flex: 1 }}
      />
    </ReferenceArrayInput>
  );
};

/** The GDPR Art. 9 condition; the server requires one once a special category is chosen. */
const Art9Input = () => {
  const translate = useTranslate();
  const categories = (useWatch({ name: 'dataCategories' }) as string[] | undefined) ?? [];
  const needed = categories.some((category) => SPECIAL_CATEGORIES.includes(category));
  return (
    <SelectInput
      source="art9Condition"
      choices={enumChoices('art9', ART9_CONDITIONS)}
      emptyText={`${R}.art9.none`}
      parse={(value: string) => (value ? value : null)}
      validate={needed ? required() : undefined}
      helperText={needed ? translate(`${R}.art9.needed`) : false}
      sx={{ minWidth: 320 }}
    />
  );
};

/** Picking a retention rule copies its retention, so the activity and the rule agree. */
const RetentionRuleInput = () => {
  const translate = useTranslate();
  const localized = useLocalized();
  const { setValue } = useFormContext();
  const ruleId = useWatch({ name: 'retentionRuleId' }) as string | null | undefined;
  // Only a rule the person picks here is copied, never the one the row was loaded with.
  const [picked, setPicked] = useState<string | null>(null);
  const { data: rule } = useGetOne<RetentionRule>(RETENTION_RULES, { id: ruleId ?? '' }, { enabled: Boolean(ruleId) });
  const copied = Boolean(rule && picked && picked === ruleId && rule.id === ruleId);
  useEffect(() => {
    if (copied && rule) setValue('retention', rule.retention, { shouldDirty: true });
  }, [copied, rule, setValue]);
  return (
    <>
      <ReferenceInput
        source="retentionRuleId"
        reference={RETENTION_RULES}
        sort={{ field: 'code', order: 'ASC' }}
        perPage={100}
      >
        <SelectInput
          optionText={(row: RetentionRule) => localized(row.name) || row.code}
          emptyText={`${R}.none_linked`}
          parse={(value: string) => (value ? value : null)}
          onChange={(event: { target?: { value?: string } }) => setPicked(event?.target?.value || null)}
          sx={{ minWidth: 320 }}
          helperText={false}
        />
      </ReferenceInput>
      {copied && rule && (
        <FormHelperText sx={{ mt: -1, mb: 1 }}>
          {translate(`${R}.form.rule_applied`, { name: localized(rule.name) })}
        </FormHelperText>
      )}
    </>
  );
};

/** The processing activity form's inputs (GDPR Art. 30(1)), shared by create and edit. */
export const ActivityInputs = () => (
  <>
    <PolicyFilterInput source="policyId" validate={required()} />
    <FormSection title={`${R}.form.texts`}>
      <LocalizedTextInput source="section" />
      <LocalizedTextInput source="name" />
      <LocalizedTextInput source="purpose" multiline />
      <LocalizedTextInput source="items" multiline />
    </FormSection>
    <FormSection title={`${R}.form.basis`}>
      <InputRow>
        <SelectInput
          source="legalBasis"
          choices={enumChoices('activity_bases', ACTIVITY_BASES)}
          validate={required()}
          sx={{ minWidth: 280 }}
        />
        <Art9Input />
      </InputRow>
      <AutocompleteArrayInput
        source="subjectCategories"
        choices={enumChoices('subject_categories', SUBJECT_CATEGORIES)}
        validate={required()}
        fullWidth
      />
      <AutocompleteArrayInput
        source="dataCategories"
        choices={enumChoices('data_categories', DATA_CATEGORIES)}
        validate={required()}
        fullWidth
      />
    </FormSection>
    <FormSection title={`${R}.form.links`}>
      <LinkedRowsInput source="processorIds" reference={PROCESSORS} />
      <LinkedRowsInput source="provisionIds" reference={PROVISIONS} />
      <LinkedRowsInput source="transferIds" reference={TRANSFERS} />
    </FormSection>
    <FormSection title={`${R}.form.keeping`}>
      <RetentionRuleInput />
      <RetentionInput />
      <LocalizedTextInput source="securityMeasures" multiline />
      <InputRow>
        <TextInput source="controllerContact" validate={[required(), maxLength(300)]} sx={{ flex: 1 }} />
        <TextInput source="dpoContact" validate={[required(), maxLength(300)]} sx={{ flex: 1 }} />
      </InputRow>
    </FormSection>
    <FormSection title={`${R}.form.state`}>
      <RadioButtonGroupInput source="status" choices={enumChoices('status', ROW_STATUSES)} validate={required()} />
    </FormSection>
  </>
);

export const emptyActivity = {
  section: { ko: '', en: '' },
  name: { ko: '', en: '' },
  purpose: { ko: '', en: '' },
  items: { ko: '', en: '' },
  legalBasis: 'consent',
  art9Condition: null,
  subjectCategories: [],
  dataCategories: [],
  processorIds: [],
  provisionIds: [],
  transferIds: [],
  retention: { kind: 'until_purpose', text: { ko: '', en: '' } },
  retentionRuleId: null,
  securityMeasures: { ko: '', en: '' },
  controllerContact: '',
  dpoContact: '',
  status: 'active',
};
