import { Box, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteInput,
  CheckboxGroupInput,
  Create,
  DateInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  required,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { useOrgCalendar } from '../../providers/calendar';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { SubjectPickerInput } from '../../components/pickers/SubjectPickerInput';
import { InputRow } from '../registers/registerInputs';
import { RECORD_CATEGORY_CODES } from './recordCategories';
import { HOLDS, HOLD_SOURCES, RT } from './retentionTypes';

const F = `resources.${HOLDS}.fields`;

/** A review date on or after the organisation's today (the server checks again). */
const notBefore = (today: string | undefined) => (value: unknown) =>
  today && typeof value === 'string' && value !== '' && value < today ? `${RT}.form.review_past` : undefined;

/** The review date: required, not in the past by the organisation's calendar. */
const ReviewInput = () => {
  const today = useOrgCalendar()?.today;
  return (
    <DateInput
      source="reviewOn"
      label={`${F}.reviewOn`}
      validate={[required(), notBefore(today)]}
      helperText={`${RT}.form.review_help`}
      slotProps={{ htmlInput: { min: today } }}
    />
  );
};

/** The incident, request or outside reference a hold comes from, by its kind. */
const SourceInputs = () => {
  const source = useWatch({ name: 'source' }) as string | undefined;
  if (source === 'incident') {
    return (
      <ReferenceInput source="incidentId" reference="incidents" sort={{ field: 'awareAt', order: 'DESC' }} perPage={50}>
        <AutocompleteInput
          label={`${F}.incidentId`}
          optionText={(incident: { reference: string; title: string }) => `${incident.reference} · ${incident.title}`}
          filterToQuery={(q: string) => (q ? { q } : {})}
          validate={required()}
          sx={{ minWidth: 360 }}
          helperText={false}
        />
      </ReferenceInput>
    );
  }
  if (source === 'rights_request') {
    return (
      <ReferenceInput
        source="rightsRequestId"
        reference="rights-requests"
        sort={{ field: 'receivedAt', order: 'DESC' }}
        perPage={100}
      >
        <AutocompleteInput
          label={`${F}.rightsRequestId`}
          optionText="reference"
          filterToQuery={() => ({})}
          validate={required()}
          sx={{ minWidth: 360 }}
          helperText={false}
        />
      </ReferenceInput>
    );
  }
  return (
    <TextInput
      source="sourceReference"
      label={`${F}.sourceReference`}
      helperText={`${RT}.form.source_reference_help`}
      validate={[required(), maxLength(200)]}
      sx={{ minWidth: 360 }}
    />
  );
};

/** A hold keeps categories, people, or both: at least one. */
const validateHold = (values: Record<string, unknown>) => {
  const categories = (values.categories as string[] | undefined) ?? [];
  const people = ((values.people as { id?: string }[] | undefined) ?? []).filter((p) => p?.id);
  return categories.length === 0 && people.length === 0 ? { categories: `${RT}.form.scope_required` } : {};
};

const toBody = (values: Record<string, unknown>) => {
  const source = values.source as string;
  const people = ((values.people as { id?: string }[] | undefined) ?? []).map((p) => p?.id).filter(Boolean);
  return {
    source,
    ...(source === 'incident' ? { incidentId: values.incidentId } : {}),
    ...(source === 'rights_request' ? { rightsRequestId: values.rightsRequestId } : {}),
    ...(source !== 'incident' && source !== 'rights_request' && values.sourceReference
      ? { sourceReference: String(values.sourceReference).trim() }
      : {}),
    reason: String(values.reason ?? '').trim(),
    ownerId: values.ownerId,
    reviewOn: values.reviewOn,
    categories: (values.categories as string[] | undefined) ?? [],
    subjectIds: [...new Set(people)],
  };
};

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mt: 1 }}>
      {translate(title)}
    </Typography>
  );
};

/** The DPO places a hold: where it comes from, why, who owns it, when to review it, and what it keeps. */
export const HoldCreate = () => (
  <RequireAccess resource={HOLDS} action="create">
    <Create title={`${RT}.holds.new`} transform={toBody} redirect="show">
      <SimpleForm
        validate={validateHold}
        defaultValues={{ source: 'litigation', categories: [], people: [] }}
        sx={{ maxWidth: 960 }}
      >
        <Section title={`${RT}.form.section_source`} />
        <InputRow>
          <SelectInput
            source="source"
            label={`${F}.source`}
            choices={HOLD_SOURCES.map((id) => ({ id, name: `${RT}.sources.${id}` }))}
            validate={required()}
            helperText={false}
          />
          <SourceInputs />
        </InputRow>
        <TextInput
          source="reason"
          label={`${F}.reason`}
          helperText={`${RT}.form.hold_reason_help`}
          validate={[
            required(`${RT}.form.reason_required`),
            minLength(3, `${RT}.form.reason_required`),
            maxLength(2000),
          ]}
          multiline
          minRows={2}
          fullWidth
        />
        <InputRow>
          <StaffPickerInput source="ownerId" label={`${F}.owner`} validate={required()} />
          <ReviewInput />
        </InputRow>
        <Section title={`${RT}.form.section_scope`} />
        <Box sx={{ width: '100%' }}>
          <CheckboxGroupInput
            source="categories"
            label={`${F}.categories`}
            choices={RECORD_CATEGORY_CODES.map((id) => ({ id, name: `${RT}.categories.${id}` }))}
            helperText={`${RT}.form.categories_help`}
          />
        </Box>
        <ArrayInput source="people" label={`${F}.people`} helperText={`${RT}.form.people_help`}>
          <SimpleFormIterator inline disableReordering>
            <SubjectPickerInput source="id" scope="people" label={`${F}.person`} />
          </SimpleFormIterator>
        </ArrayInput>
      </SimpleForm>
    </Create>
  </RequireAccess>
);
