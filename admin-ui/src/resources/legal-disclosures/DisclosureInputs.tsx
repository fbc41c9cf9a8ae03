import { BooleanInput, DateInput, SelectInput, TextInput, maxLength, required, useTranslate } from 'react-admin';
import { FormSection } from '../registers/RegisterForm';
import { enumChoices, InputRow } from '../registers/registerInputs';
import { useOrgCalendar } from '../../providers/calendar';
import { DISCLOSURE_BASIS_TYPES } from '../registers/registerTypes';

const R = 'resources.registers';

/** The legal disclosure form's inputs, shared by create and edit. */
export const DisclosureInputs = () => {
  const translate = useTranslate();
  const today = useOrgCalendar()?.today;
  return (
    <>
      <FormSection title={`${R}.form.basis`}>
        <InputRow>
          <TextInput source="authority" validate={[required(), maxLength(300)]} sx={{ flex: 1 }} />
          <SelectInput
            source="basisType"
            choices={enumChoices('basis_types', DISCLOSURE_BASIS_TYPES)}
            validate={required()}
            sx={{ minWidth: 320 }}
          />
        </InputRow>
        <InputRow>
          <TextInput source="legalBasis" validate={[required(), maxLength(500)]} sx={{ flex: 1 }} />
          <TextInput source="requestReference" validate={maxLength(200)} sx={{ flex: 1 }} />
        </InputRow>
      </FormSection>
      <FormSection title={`${R}.form.disclosed`}>
        <TextInput
          source="subjectId"
          validate={required()}
          helperText={translate(`${R}.form.subject_help`)}
          sx={{ minWidth: 380 }}
        />
        <TextInput source="items" validate={[required(), maxLength(2000)]} multiline minRows={2} fullWidth />
        <InputRow>
          <DateInput source="disclosedOn" validate={required()} slotProps={{ htmlInput: { max: today } }} />
          <TextInput source="approvedBy" validate={[required(), maxLength(200)]} sx={{ flex: 1 }} />
        </InputRow>
        <BooleanInput source="shareWithSubject" />
        <TextInput source="notes" validate={maxLength(2000)} multiline minRows={2} fullWidth />
      </FormSection>
    </>
  );
};

export const emptyDisclosure = {
  subjectId: '',
  authority: '',
  basisType: 'court_order',
  legalBasis: '',
  requestReference: '',
  items: '',
  disclosedOn: '',
  approvedBy: '',
  shareWithSubject: false,
  notes: '',
};
