import {
  AutocompleteArrayInput,
  BooleanInput,
  CheckboxGroupInput,
  DateTimeInput,
  NumberInput,
  ReferenceArrayInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
  maxValue,
  minValue,
  required,
} from 'react-admin';
import { Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { enumChoices } from '../registers/registerInputs';
import { PROCESSORS } from '../registers/registerResources';
import { useLocalized } from '../registers/registerFields';
import { DATA_CATEGORIES, type LocalizedText } from '../registers/registerTypes';
import { ik } from './incidentFields';
import { INCIDENT_REGIMES, INCIDENT_VECTORS, RISK_LEVELS } from './incidentTypes';

/** The server's bound (contract §4): more than the population of the services, an absurd count. */
const MAX_AFFECTED = 100_000_000;
const countRules = [minValue(0), maxValue(MAX_AFFECTED)];

const choices = (group: string, values: readonly string[]) => values.map((id) => ({ id, name: ik(`${group}.${id}`) }));

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="overline" component="h3" color="text.secondary" sx={{ mt: 1 }}>
      {translate(title)}
    </Typography>
  );
};

/** The facts of an incident, for the create form and the facts editor alike. */
export const FactsInputs = () => {
  const localized = useLocalized();
  return (
    <Stack sx={{ width: '100%', maxWidth: 880 }}>
      <Section title={ik('form.what')} />
      <TextInput source="title" label={ik('fields.title')} validate={required()} fullWidth />
      <TextInput source="description" label={ik('fields.description')} multiline minRows={2} fullWidth />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <DateTimeInput source="detectedAt" label={ik('fields.detectedAt')} validate={required()} />
        <DateTimeInput
          source="awareAt"
          label={ik('fields.awareAt')}
          validate={required()}
          helperText={ik('form.aware_help')}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextInput source="reporter" label={ik('fields.reporter')} validate={required()} sx={{ minWidth: 260 }} />
        <SelectInput
          source="vector"
          label={ik('fields.vector')}
          choices={choices('vectors', INCIDENT_VECTORS)}
          validate={required()}
          sx={{ minWidth: 220 }}
        />
        <SelectInput
          source="riskLevel"
          label={ik('fields.riskLevel')}
          choices={choices('risks', RISK_LEVELS)}
          validate={required()}
          sx={{ minWidth: 160 }}
        />
      </Stack>
      <StaffPickerInput source="ownerId" label={ik('fields.owner')} />
      <Section title={ik('form.where')} />
      <AutocompleteArrayInput
        source="systems"
        label={ik('fields.systems')}
        choices={[]}
        onCreate={(text?: string) => (text ? { id: text, name: text } : undefined)}
        helperText={ik('form.systems_help')}
        fullWidth
      />
      <ReferenceArrayInput
        source="processorIds"
        reference={PROCESSORS}
        perPage={200}
        // The registers sort by their own fields, not by id.
        sort={{ field: 'position', order: 'ASC' }}
      >
        <AutocompleteArrayInput
          label={ik('fields.processors')}
          optionText={(row: { recipient: LocalizedText }) => localized(row.recipient)}
          fullWidth
        />
      </ReferenceArrayInput>
      <SelectArrayInput
        source="dataCategories"
        label={ik('fields.dataCategories')}
        choices={enumChoices('data_categories', DATA_CATEGORIES)}
        sx={{ minWidth: 320 }}
      />
      <CheckboxGroupInput
        source="regimes"
        label={ik('fields.regimes')}
        choices={choices('regimes', INCIDENT_REGIMES)}
      />
      <Section title={ik('form.who')} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <NumberInput
          source="affectedEstimated"
          label={ik('fields.affectedEstimated')}
          validate={[required(), ...countRules]}
          step={1}
        />
        <NumberInput source="affectedConfirmed" label={ik('fields.affectedConfirmed')} validate={countRules} step={1} />
        <NumberInput
          source="usLargestStateCount"
          label={ik('fields.usLargestStateCount')}
          validate={countRules}
          step={1}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <BooleanInput source="sensitiveData" label={ik('fields.sensitiveData')} />
        <BooleanInput source="uniqueIdentifiers" label={ik('fields.uniqueIdentifiers')} />
        <BooleanInput source="dataEncrypted" label={ik('fields.dataEncrypted')} />
      </Stack>
    </Stack>
  );
};

const FACT_FIELDS = [
  'title',
  'description',
  'reporter',
  'vector',
  'systems',
  'processorIds',
  'dataCategories',
  'regimes',
  'affectedEstimated',
  'affectedConfirmed',
  'usLargestStateCount',
  'sensitiveData',
  'uniqueIdentifiers',
  'dataEncrypted',
  'riskLevel',
  'ownerId',
] as const;

const instant = (value: unknown): string | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const date = new Date(value as string | Date);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** The form's values as the API takes them: ISO instants, no empty strings, counts as numbers or null. */
export const factsBody = (values: Record<string, unknown>): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  for (const field of FACT_FIELDS) {
    const value = values[field];
    if (value === undefined) continue;
    body[field] = value === '' ? null : value;
  }
  body.detectedAt = instant(values.detectedAt);
  body.awareAt = instant(values.awareAt);
  if (typeof body.description === 'string') body.description = body.description.trim() || null;
  return body;
};
