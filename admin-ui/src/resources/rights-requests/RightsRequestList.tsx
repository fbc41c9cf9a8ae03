import { Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  SelectInput,
  SimpleList,
  TopToolbar,
  useCanAccess,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import {
  DeadlineChip,
  ExtendedMarker,
  ReceivedField,
  RequestAssigneeField,
  RequestDeadlineField,
  RequestPersonField,
  RequestStatusField,
  RequestTypeField,
  rk,
} from './requestFields';
import { shownName } from './requestLabels';
import { DUE_FILTERS, REQUEST_STATUSES, REQUEST_TYPES, type RightsRequestRow } from './requestTypes';

const dueChoices = DUE_FILTERS.map((id) => ({ id, name: rk(`due_filter.${id}`) }));
const statusChoices = REQUEST_STATUSES.map((id) => ({ id, name: rk(`statuses.${id}`) }));
const typeChoices = REQUEST_TYPES.map((id) => ({ id, name: rk(`types.${id}`) }));

const baseFilters = [
  <SelectInput key="due" source="due" label={rk('fields.due')} choices={dueChoices} alwaysOn />,
  <SelectInput key="status" source="status" label={rk('fields.status')} choices={statusChoices} alwaysOn />,
  <SelectInput key="type" source="type" label={rk('fields.type')} choices={typeChoices} />,
];
// Only whoever assigns requests filters by assignee: the staff picker reads the staff names (GET /names).
const assigneeFilter = <StaffPickerInput key="assigneeId" source="assigneeId" label={rk('fields.assignee')} />;

const Actions = () => {
  const { canAccess: canCreate } = useCanAccess({ resource: 'rights-requests', action: 'create' });
  return (
    <TopToolbar>
      <FilterButton />
      {canCreate && <CreateButton label={rk('new')} data-testid="request-create" />}
    </TopToolbar>
  );
};

const NoRequests = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="requests-empty">
      {translate(rk('none'))}
    </Typography>
  );
};

const Intro = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5, maxWidth: 900 }}>
      {translate(rk('intro'))}
    </Typography>
  );
};

const showPath = (id: unknown) => `/rights-requests/${encodeURIComponent(String(id))}/show`;

const RightsRequestListView = () => {
  const translate = useTranslate();
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const { canAccess: canAssign } = useCanAccess({ resource: 'rights-requests', action: 'assign' });
  return (
    <List<RightsRequestRow>
      filters={canAssign ? [...baseFilters, assigneeFilter] : baseFilters}
      actions={<Actions />}
      // The nearest deadline first: what must be answered soonest.
      sort={{ field: 'dueOn', order: 'ASC' }}
      perPage={25}
      exporter={false}
      empty={false}
    >
      <Intro />
      {isPhone ? (
        <SimpleList<RightsRequestRow>
          rowClick={(id) => showPath(id)}
          primaryText={(record) => `${record.reference} · ${translate(rk(`types.${record.type}`))}`}
          secondaryText={(record) =>
            `${shownName(record.subject.name) ?? translate(rk('erased_person'))} · ${translate(rk(`statuses.${record.status}`))}`
          }
          tertiaryText={(record) => (
            <Stack direction="row" spacing={0.5} component="span">
              <DeadlineChip daysLeft={record.daysLeft} state={record.deadlineState} dueOn={record.dueOn} />
              {record.extended && <ExtendedMarker />}
            </Stack>
          )}
          empty={<NoRequests />}
        />
      ) : (
        <DataTable<RightsRequestRow>
          rowClick={(id) => showPath(id)}
          bulkActionButtons={false}
          empty={<NoRequests />}
          size="small"
          sx={{ '& .RaDataTable-headerCell': { whiteSpace: 'nowrap' } }}
        >
          <DataTable.Col source="reference" label={rk('fields.reference')} />
          <DataTable.Col source="type" label={rk('fields.type')} field={RequestTypeField} disableSort />
          <DataTable.Col source="subject" label={rk('fields.subject')} field={RequestPersonField} disableSort />
          <DataTable.Col source="status" label={rk('fields.status')} field={RequestStatusField} disableSort />
          <DataTable.Col source="dueOn" label={rk('fields.dueOn')} field={RequestDeadlineField} />
          <DataTable.Col source="assignee" label={rk('fields.assignee')} field={RequestAssigneeField} disableSort />
          <DataTable.Col source="receivedAt" label={rk('fields.receivedAt')} field={ReceivedField} />
        </DataTable>
      )}
    </List>
  );
};

export const RightsRequestList = () => (
  <RequireAccess resource="rights-requests" action="list">
    <RightsRequestListView />
  </RequireAccess>
);
