import { DataTable, SelectInput } from 'react-admin';
import { RegisterList, RegisterTable, registerFilters } from '../registers/RegisterPages';
import { EnumField, LocalizedTextField, RetentionField, StatusField } from '../registers/registerFields';
import { enumChoices } from '../registers/registerInputs';
import { ROW_STATUSES } from '../registers/registerTypes';

const filters = registerFilters([
  <SelectInput key="status" source="status" choices={enumChoices('status', ROW_STATUSES)} alwaysOn />,
]);

const ProvisionTable = () => (
  <RegisterTable>
    <DataTable.Col source="recipient">
      <LocalizedTextField source="recipient" />
    </DataTable.Col>
    <DataTable.Col source="purpose" disableSort>
      <LocalizedTextField source="purpose" lines={2} />
    </DataTable.Col>
    <DataTable.Col source="items" disableSort>
      <LocalizedTextField source="items" lines={2} />
    </DataTable.Col>
    <DataTable.Col source="retention" disableSort field={RetentionField} />
    <DataTable.Col source="legalBasis" disableSort>
      <EnumField source="legalBasis" group="provision_bases" />
    </DataTable.Col>
    <DataTable.Col source="status" field={StatusField} />
  </RegisterTable>
);

export const ProvisionList = () => (
  <RegisterList intro="resources.registers.intro.provisions" filters={filters}>
    <ProvisionTable />
  </RegisterList>
);
