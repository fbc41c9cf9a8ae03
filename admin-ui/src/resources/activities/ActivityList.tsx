import { Box, Typography } from '@mui/material';
import { DataTable, SelectInput, useRecordContext } from 'react-admin';
import { RegisterList, RegisterTable, registerFilters } from '../registers/RegisterPages';
import {
  EnumChipsField,
  EnumField,
  LocalizedTextField,
  RetentionField,
  StatusField,
  useLocalized,
} from '../registers/registerFields';
import { enumChoices } from '../registers/registerInputs';
import { ROW_STATUSES, type Activity } from '../registers/registerTypes';

const filters = registerFilters([
  <SelectInput key="status" source="status" choices={enumChoices('status', ROW_STATUSES)} alwaysOn />,
]);

/** The activity's name, under the section of the policy's table it sits in. */
const NameField = (_props: { source?: string }) => {
  const record = useRecordContext<Activity>();
  const localized = useLocalized();
  if (!record) return null;
  const section = localized(record.section);
  return (
    <Box>
      {section && (
        <Typography variant="caption" color="text.secondary" component="div">
          {section}
        </Typography>
      )}
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {localized(record.name)}
      </Typography>
    </Box>
  );
};

const ActivityTable = () => (
  <RegisterTable>
    <DataTable.Col source="name" field={NameField} />
    <DataTable.Col source="purpose" disableSort>
      <LocalizedTextField source="purpose" lines={2} />
    </DataTable.Col>
    <DataTable.Col source="legalBasis" disableSort>
      <EnumField source="legalBasis" group="activity_bases" />
    </DataTable.Col>
    <DataTable.Col source="dataCategories" disableSort>
      <EnumChipsField source="dataCategories" group="data_categories" />
    </DataTable.Col>
    <DataTable.Col source="retention" disableSort field={RetentionField} />
    <DataTable.Col source="status" field={StatusField} />
  </RegisterTable>
);

export const ActivityList = () => (
  <RegisterList intro="resources.registers.intro.activities" filters={filters}>
    <ActivityTable />
  </RegisterList>
);
