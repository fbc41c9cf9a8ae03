import {
  BooleanInput,
  DateInput,
  SelectInput,
  TextInput,
  maxLength,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { SubjectPickerInput } from '../../components/pickers/SubjectPickerInput';
import { FormSection } from '../registers/RegisterForm';
import { enumChoices, InputRow } from '../registers/registerInputs';
import { useOrgCalendar } from '../../providers/calendar';
import { DISCLOSURE_BASIS_TYPES, type LegalDisclosure } from '../registers/registerTypes';

const R = 'resources.registers';

/** The legal disclosure form's inputs, shared by create and edit. */
export const DisclosureInputs = () => {
  const translate = useTranslate();
  const today = useOrgCalendar()?.today;
  const record = useRecordContext<LegalDisclosure>();
  // Rows from before the picker name their approver in free text: show it until one is chosen.
  const typedApprover = record?.approvedBy && !record.approvedById ? record.approvedBy : null;
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
        {/* Anyone on the platform (the DPO may search people): a disclosure may name someone the access log does not yet. */}
        <SubjectPickerInput
          source="subjectId"
          scope="people"
          validate={required()}
          helperText={translate(`${R}.form.subject_help`)}
        />
        <TextInput source="items" validate={[required(), maxLength(2000)]} multiline minRows={2} fullWidth />
        <InputRow>
          <DateInput source="disclosedOn" validate={required()} slotProps={{ htmlInput: { max: today } }} />
          <StaffPickerInput
            source="approvedById"
            label="resources.legal-disclosures.fields.approvedBy"
            validate={required()}
            helperText={typedApprover ? translate(`${R}.form.approver_typed`, { name: typedApprover }) : undefined}
          />
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
  approvedById: '',
  shareWithSubject: false,
  notes: '',
};
