import { Alert, Box, Checkbox, FormControlLabel, FormHelperText, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  maxLength,
  required,
  useGetOne,
  useInput,
  useTranslate,
} from 'react-admin';
import { FormSection } from '../registers/RegisterForm';
import { PolicyFilterInput } from '../registers/RegisterPages';
import { useRowLabel } from '../registers/RecordLabel';
import { useLocalized } from '../registers/registerFields';
import {
  CountryInput,
  DayInput,
  LocalizedTextInput,
  RetentionInput,
  enumChoices,
  InputRow,
} from '../registers/registerInputs';
import { PROCESSORS } from '../registers/registerResources';
import { CONTRACT_TERMS, PROCESSOR_STATUSES, type Processor } from '../registers/registerTypes';

const R = 'resources.registers';

/** One term of the contract as a checkbox, with the server's error under it. */
const TermCheckbox = ({ term }: { term: string }) => {
  const translate = useTranslate();
  const { field, fieldState } = useInput({ source: `contractTerms.${term}`, defaultValue: false });
  const message = fieldState.error?.message;
  return (
    <Box data-term={term}>
      <FormControlLabel
        control={
          <Checkbox
            checked={Boolean(field.value)}
            onChange={(event) => field.onChange(event.target.checked)}
            onBlur={field.onBlur}
            name={field.name}
            color={message ? 'error' : 'primary'}
          />
        }
        label={translate(`${R}.contract_terms.terms.${term}`)}
      />
      {message && (
        <FormHelperText error sx={{ mt: -0.75, ml: 4 }}>
          {translate(message, { _: message })}
        </FormHelperText>
      )}
    </Box>
  );
};

/** The PIPA Art. 26(1) checklist: a processor is active only once every term is ticked. */
const ContractTermsInput = () => {
  const translate = useTranslate();
  return (
    <Box
      component="fieldset"
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 2, py: 1, mb: 2, width: '100%' }}
      data-testid="contract-terms-input"
    >
      <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
        {translate(`${R}.contract_terms.title`)}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
        {translate(`${R}.contract_terms.help`)}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
        {CONTRACT_TERMS.map((term) => (
          <TermCheckbox key={term} term={term} />
        ))}
      </Box>
    </Box>
  );
};

/** Says whose sub-processor this is, once a parent is chosen. */
const ParentNotice = () => {
  const translate = useTranslate();
  const label = useRowLabel();
  const parentId = useWatch({ name: 'parentId' }) as string | null | undefined;
  const { data: parent } = useGetOne<Processor>(PROCESSORS, { id: parentId ?? '' }, { enabled: Boolean(parentId) });
  if (!parentId || !parent) return null;
  return (
    <Alert severity="info" sx={{ mb: 2, width: '100%' }} data-testid="sub-processor-notice">
      {translate(`${R}.form.sub_processor_intro`, { name: label(PROCESSORS, parent) })}
    </Alert>
  );
};

/** The other processors of the chosen policy, as possible parents (the server refuses cycles). */
const ParentInput = () => {
  const localized = useLocalized();
  const policyId = useWatch({ name: 'policyId' }) as string | undefined;
  return (
    <ReferenceInput
      source="parentId"
      reference={PROCESSORS}
      filter={policyId ? { policyId } : {}}
      sort={{ field: 'position', order: 'ASC' }}
      perPage={100}
    >
      <SelectInput
        optionText={(row: Processor) => localized(row.recipient)}
        emptyText="resources.registers.none_linked"
        parse={(value: string) => (value ? value : null)}
        sx={{ minWidth: 280 }}
      />
    </ReferenceInput>
  );
};

const statusChoices = enumChoices('status', PROCESSOR_STATUSES);

/** The processor form's inputs, shared by create and edit. */
export const ProcessorInputs = () => (
  <>
    <ParentNotice />
    <InputRow>
      <PolicyFilterInput source="policyId" validate={required()} />
      <ParentInput />
    </InputRow>
    <FormSection title={`${R}.form.texts`}>
      <LocalizedTextInput source="recipient" />
      <LocalizedTextInput source="task" multiline />
      <LocalizedTextInput source="items" multiline />
      <LocalizedTextInput source="protectionMeasures" multiline />
      <RetentionInput />
      <InputRow>
        <CountryInput source="country" allowEmpty />
        <TextInput source="contact" validate={maxLength(300)} sx={{ flex: 1 }} />
      </InputRow>
    </FormSection>
    <FormSection title={`${R}.form.contract`}>
      <ContractTermsInput />
      <InputRow>
        <DayInput source="dpaSignedOn" />
        <DayInput source="dpaExpiresOn" />
        <DayInput source="lastInspectionOn" />
        <DayInput source="nextInspectionDue" />
      </InputRow>
    </FormSection>
    <FormSection title={`${R}.form.state`}>
      <RadioButtonGroupInput source="status" choices={statusChoices} validate={required()} />
    </FormSection>
  </>
);

/** An empty processor: every text in both languages, no term ticked, a draft. */
export const emptyProcessor = {
  parentId: null,
  recipient: { ko: '', en: '' },
  contact: '',
  task: { ko: '', en: '' },
  items: { ko: '', en: '' },
  protectionMeasures: { ko: '', en: '' },
  retention: { kind: 'until_contract_end', text: { ko: '', en: '' } },
  country: null,
  contractTerms: Object.fromEntries(CONTRACT_TERMS.map((term) => [term, false])),
  dpaSignedOn: null,
  dpaExpiresOn: null,
  lastInspectionOn: null,
  nextInspectionDue: null,
  status: 'draft',
};
