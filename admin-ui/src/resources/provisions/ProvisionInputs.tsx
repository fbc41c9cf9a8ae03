import { RadioButtonGroupInput, SelectInput, required } from 'react-admin';
import { FormSection } from '../registers/RegisterForm';
import { PolicyFilterInput } from '../registers/RegisterPages';
import { LocalizedTextInput, RetentionInput, enumChoices } from '../registers/registerInputs';
import { PROVISION_BASES, ROW_STATUSES } from '../registers/registerTypes';

const R = 'resources.registers';

/** The third-party provision form's inputs (PIPA Art. 17(2)), shared by create and edit. */
export const ProvisionInputs = () => (
  <>
    <PolicyFilterInput source="policyId" validate={required()} />
    <FormSection title={`${R}.form.texts`}>
      <LocalizedTextInput source="recipient" />
      <LocalizedTextInput source="purpose" multiline />
      <LocalizedTextInput source="items" multiline />
      <RetentionInput />
      <LocalizedTextInput source="refusal" multiline />
    </FormSection>
    <FormSection title={`${R}.form.basis`}>
      <SelectInput
        source="legalBasis"
        choices={enumChoices('provision_bases', PROVISION_BASES)}
        validate={required()}
        sx={{ minWidth: 320 }}
      />
    </FormSection>
    <FormSection title={`${R}.form.state`}>
      <RadioButtonGroupInput source="status" choices={enumChoices('status', ROW_STATUSES)} validate={required()} />
    </FormSection>
  </>
);

export const emptyProvision = {
  recipient: { ko: '', en: '' },
  purpose: { ko: '', en: '' },
  items: { ko: '', en: '' },
  retention: { kind: 'until_purpose', text: { ko: '', en: '' } },
  legalBasis: 'consent',
  refusal: { ko: '', en: '' },
  status: 'active',
};
