import { Chip } from '@mui/material';
import { DataTable, DateInput, SelectInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { SubjectPickerInput } from '../../components/pickers/SubjectPickerInput';
import { ShortId } from '../access-log/accessLogFields';
import { LogNamesProvider, useLogNames } from '../access-log/logNames';
import { RegisterList, RegisterTable } from '../registers/RegisterPages';
import { DayField, EnumField } from '../registers/registerFields';
import { enumChoices } from '../registers/registerInputs';
import { DISCLOSURE_BASIS_TYPES, type LegalDisclosure } from '../registers/registerTypes';

const R = 'resources.registers';

const filters = [
  <SelectInput
    key="basisType"
    source="basisType"
    choices={enumChoices('basis_types', DISCLOSURE_BASIS_TYPES)}
    alwaysOn
  />,
  <DateInput key="from" source="from" alwaysOn />,
  <DateInput key="to" source="to" alwaysOn />,
  // Everyone a disclosure names is in the access log (saving one is recorded): the auditor can use it too.
  <SubjectPickerInput key="subjectId" source="subjectId" scope="access-log" />,
  <TextInput key="q" source="q" />,
];

/** Whether the subject sees this disclosure in their access-request export. */
export const ShareField = (_props: { source?: string }) => {
  const record = useRecordContext<LegalDisclosure>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant={record.shareWithSubject ? 'filled' : 'outlined'}
      color={record.shareWithSubject ? 'info' : 'default'}
      label={translate(`${R}.share.${record.shareWithSubject ? 'yes' : 'no'}`)}
    />
  );
};

/** The person by masked name (resolved for the page at once), linking to nothing: their id until known. */
export const SubjectField = (_props: { source?: string }) => {
  const record = useRecordContext<LegalDisclosure>();
  const known = useLogNames().subjects.get(record?.subjectId ?? '');
  if (!record) return null;
  return known ? (
    <span data-testid="disclosure-subject-name">{known.maskedName}</span>
  ) : (
    <ShortId value={record.subjectId} />
  );
};

const namesOf = (d: LegalDisclosure) => ({ staff: [], subjects: [d.subjectId] });

const DisclosureTable = () => (
  <RegisterTable>
    <DataTable.Col source="disclosedOn" field={DayField} />
    <DataTable.Col source="authority" disableSort />
    <DataTable.Col source="basisType" disableSort>
      <EnumField source="basisType" group="basis_types" />
    </DataTable.Col>
    <DataTable.Col source="legalBasis" disableSort />
    <DataTable.Col source="subjectId" disableSort field={SubjectField} />
    <DataTable.Col source="approvedBy" disableSort />
    <DataTable.Col source="shareWithSubject" label="resources.registers.share.column" disableSort field={ShareField} />
  </RegisterTable>
);

export const DisclosureList = () => (
  <RegisterList
    intro="resources.registers.intro.disclosures"
    filters={filters}
    sort={{ field: 'disclosedOn', order: 'DESC' }}
  >
    <LogNamesProvider of={namesOf}>
      <DisclosureTable />
    </LogNamesProvider>
  </RegisterList>
);
