import { useMediaQuery, type Theme } from '@mui/material';
import {
  BooleanField,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import type { Staff } from '../../types';
import { DateTimeField, LockedUntilField, RoleField, StatusField, roleChoices, statusChoices } from './staffFields';

const SearchFilter = (props: { source: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  return <SearchInput {...props} placeholder={translate('app.staff.filters.q')} />;
};

const staffFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
];

const StaffListActions = () => (
  <TopToolbar>
    <FilterButton />
    {/* Hidden by react-admin unless the rules allow `create` on Staff. */}
    <CreateButton label="app.staff.invite" variant="contained" />
  </TopToolbar>
);

/** A phone gets one line per person instead of a table that would scroll sideways. */
const StaffSimpleList = () => {
  const translate = useTranslate();
  return (
    <SimpleList<Staff>
      linkType="show"
      primaryText={(record) => record.displayName}
      secondaryText={(record) => record.email}
      tertiaryText={(record) =>
        `${translate(`app.roles.${record.role}`, { _: record.role })}${
          record.status === 'disabled' ? ` · ${translate('app.status.disabled')}` : ''
        }`
      }
    />
  );
};

const StaffDataTable = () => (
  <DataTable<Staff> rowClick="show" bulkActionButtons={false}>
    <DataTable.Col source="displayName" />
    <DataTable.Col source="email" />
    <DataTable.Col source="role" field={RoleField} />
    <DataTable.Col source="status" field={StatusField} />
    <DataTable.Col source="mfaEnrolled" field={BooleanField} disableSort />
    <DataTable.Col source="lockedUntil" field={LockedUntilField} disableSort />
    <DataTable.Col source="lastSignInAt" field={DateTimeField} />
  </DataTable>
);

const StaffListView = () => {
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  return (
    <List<Staff>
      filters={staffFilters}
      actions={<StaffListActions />}
      sort={{ field: 'email', order: 'ASC' }}
      perPage={25}
    >
      {isPhone ? <StaffSimpleList /> : <StaffDataTable />}
    </List>
  );
};

export const StaffList = () => (
  <RequireAccess resource="staff" action="list">
    <StaffListView />
  </RequireAccess>
);
