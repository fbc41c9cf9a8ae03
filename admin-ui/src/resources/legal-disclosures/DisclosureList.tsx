import { Chip } from '@mui/material';
import { DataTable, DateInput, SelectInput, TextInput, useRecordContext, useTranslate } from 'react-admin';
import { ShortId } from '../access-log/accessLogFields';
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
  <TextInput key="subjectId" source="subjectId" />,
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

const SubjectField = (_props: { source?: string }) => {
  const record = useRecordContext<LegalDisclosure>();
  return record ? <ShortId value={record.subjectId} /> : null;
};

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
    <DisclosureTable />
  </RegisterList>
);
