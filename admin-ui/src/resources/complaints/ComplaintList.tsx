import { Button, Stack, Typography, useMediaQuery, type Theme } from '@mui/material';
import InsightsOutlinedIcon from '@mui/icons-material/InsightsOutlined';
import {
  BooleanInput,
  CreateButton,
  DataTable,
  List,
  SelectInput,
  SimpleList,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { useDates } from '../../i18n/dates';
import { ck, SeverityChip, SeverityField, StatusChip, StatusField, TargetChip, TargetField } from './complaintFields';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES, COMPLAINT_STATUSES, type ComplaintRow } from './complaintTypes';
import { MONOSPACE } from '../../layout/theme';

const choices = (ids: readonly string[], group: string) => ids.map((id) => ({ id, name: ck(`${group}.${id}`) }));

const complaintFilters = [
  <SelectInput key="status" source="status" choices={choices(COMPLAINT_STATUSES, 'statuses')} alwaysOn />,
  <SelectInput key="severity" source="severity" choices={choices(COMPLAINT_SEVERITIES, 'severities')} alwaysOn />,
  <SelectInput key="category" source="category" choices={choices(COMPLAINT_CATEGORIES, 'categories')} />,
  <StaffPickerInput key="assigneeId" source="assigneeId" label={ck('fields.assignee')} />,
  <BooleanInput key="overdue" source="overdue" />,
];

type FieldProps = { source?: string; label?: string };

const CategoryField = (_props: FieldProps) => {
  const translate = useTranslate();
  const record = useRecordContext<ComplaintRow>();
  return record ? (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {translate(ck(`categories.${record.category}`))}
    </Typography>
  ) : null;
};

const ReceivedField = (_props: FieldProps) => {
  const { format } = useDates();
  const record = useRecordContext<ComplaintRow>();
  return record ? (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {format(record.receivedAt, 'dateTime')}
    </Typography>
  ) : null;
};

const PersonField = (_props: FieldProps) => {
  const translate = useTranslate();
  const record = useRecordContext<ComplaintRow>();
  if (!record) return null;
  return record.subject === null ? (
    <Typography variant="body2" color="text.secondary">
      {translate('app.none')}
    </Typography>
  ) : (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }} data-testid="complaint-person">
      {record.subject.name}
    </Typography>
  );
};

const AssigneeField = (_props: FieldProps) => {
  const translate = useTranslate();
  const record = useRecordContext<ComplaintRow>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {record.assignee?.displayName ?? translate(ck('unassigned'))}
    </Typography>
  );
};

const ReferenceField = (_props: FieldProps) => {
  const record = useRecordContext<ComplaintRow>();
  return record ? (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontFamily: MONOSPACE }} data-testid="complaint-reference">
      {record.reference}
    </Typography>
  ) : null;
};

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="complaints-empty">
      {translate(ck('none'))}
    </Typography>
  );
};

const Actions = () => {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <CreateButton />
      <Button component={RouterLink} to="/complaints-summary" size="small" startIcon={<InsightsOutlinedIcon />}>
        {translate(ck('menu.summary'))}
      </Button>
    </TopToolbar>
  );
};

const ComplaintListView = () => {
  const translate = useTranslate();
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  return (
    <List<ComplaintRow>
      filters={complaintFilters}
      sort={{ field: 'receivedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={false}
      actions={<Actions />}
    >
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5, maxWidth: 900 }}>
        {translate(ck('intro'))}
      </Typography>
      {isPhone ? (
        <SimpleList<ComplaintRow>
          linkType="show"
          primaryText={(record) => `${record.reference} · ${translate(ck(`categories.${record.category}`))}`}
          secondaryText={(record) => (
            <Stack direction="row" spacing={0.5} sx={{ mt: 0.5, flexWrap: 'wrap', rowGap: 0.5 }} component="span">
              <StatusChip status={record.status} />
              <SeverityChip severity={record.severity} />
              <TargetChip complaint={record} />
            </Stack>
          )}
          empty={<Empty />}
        />
      ) : (
        <DataTable<ComplaintRow>
          rowClick="show"
          bulkActionButtons={false}
          empty={<Empty />}
          size="small"
          sx={{ '& .RaDataTable-headerCell': { whiteSpace: 'nowrap' } }}
        >
          <DataTable.Col source="reference" field={ReferenceField} />
          <DataTable.Col source="receivedAt" field={ReceivedField} />
          <DataTable.Col source="category" field={CategoryField} disableSort />
          <DataTable.Col source="severity" field={SeverityField} />
          <DataTable.Col source="status" field={StatusField} disableSort />
          <DataTable.Col source="subject" field={PersonField} disableSort />
          <DataTable.Col source="assignee" field={AssigneeField} disableSort />
          <DataTable.Col source="targetOn" field={TargetField} />
        </DataTable>
      )}
    </List>
  );
};

export const ComplaintList = () => (
  <RequireAccess resource="complaints" action="list">
    <ComplaintListView />
  </RequireAccess>
);
