import { useFormContext, useWatch } from 'react-hook-form';
import { BooleanInput, SelectInput, TextInput, maxLength, required, useTranslate } from 'react-admin';
import { FormSection } from '../registers/RegisterForm';
import { PolicyFilterInput } from '../registers/RegisterPages';
import { CountryInput, LocalizedTextInput, RetentionInput, enumChoices, InputRow } from '../registers/registerInputs';
import { DEROGATIONS, GDPR_MECHANISMS, PIPA_BASES } from '../registers/registerTypes';

const R = 'resources.registers';

/** The Art. 49 derogation: only with that mechanism (the server refuses it otherwise), and then required. */
const DerogationInput = () => {
  const translate = useTranslate();
  const mechanism = useWatch({ name: 'gdprMechanism' }) as string | null | undefined;
  if (mechanism !== 'derogation') return null;
  return (
    <SelectInput
      source="derogation"
      choices={enumChoices('derogations', DEROGATIONS)}
      validate={required()}
      helperText={translate(`${R}.form.derogation_help`)}
      sx={{ minWidth: 320 }}
    />
  );
};

/** The GDPR mechanism; choosing another one than a derogation drops the derogation. */
const MechanismInput = () => {
  const { setValue } = useFormContext();
  return (
    <SelectInput
      source="gdprMechanism"
      choices={enumChoices('gdpr_mechanisms', GDPR_MECHANISMS)}
      emptyText={`${R}.gdpr_mechanisms.not_assessed`}
      parse={(value: string) => (value ? value : null)}
      onChange={(event: { target?: { value?: string } }) => {
        if (event?.target?.value !== 'derogation') setValue('derogation', null, { shouldDirty: true });
      }}
      sx={{ minWidth: 320 }}
    />
  );
};

/** The international transfer form's inputs (PIPA Art. 28-8, GDPR Art. 44-49), shared by create and edit. */
export const TransferInputs = () => (
  <>
    <PolicyFilterInput source="policyId" validate={required()} />
    <FormSection title={`${R}.form.texts`}>
      <LocalizedTextInput source="recipient" />
      <InputRow>
        <CountryInput source="country" />
        <TextInput source="contact" validate={maxLength(300)} sx={{ flex: 1 }} />
      </InputRow>
      <LocalizedTextInput source="items" multiline />
      <LocalizedTextInput source="purpose" multiline />
      <RetentionInput />
      <LocalizedTextInput source="timingMethod" multiline />
      <LocalizedTextInput source="refusal" multiline />
    </FormSection>
    <FormSection title={`${R}.form.basis`}>
      <InputRow>
        <SelectInput
          source="pipaBasis"
          choices={enumChoices('pipa_bases', PIPA_BASES)}
          validate={required()}
          sx={{ minWidth: 320 }}
        />
        <MechanismInput />
        <DerogationInput />
      </InputRow>
    </FormSection>
    <FormSection title={`${R}.form.state`}>
      <BooleanInput source="inUse" />
      <BooleanInput source="suspended" />
    </FormSection>
  </>
);

export const emptyTransfer = {
  recipient: { ko: '', en: '' },
  contact: '',
  country: '',
  items: { ko: '', en: '' },
  purpose: { ko: '', en: '' },
  retention: { kind: 'until_purpose', text: { ko: '', en: '' } },
  timingMethod: { ko: '', en: '' },
  pipaBasis: null,
  gdprMechanism: null,
  derogation: null,
  refusal: { ko: '', en: '' },
  suspended: false,
  inUse: true,
};
