import { Alert, AlertTitle, Box, Button, Typography, useMediaQuery, type Theme } from '@mui/material';
import VerifiedUserOutlinedIcon from '@mui/icons-material/VerifiedUserOutlined';
import {
  DataTable,
  DateTimeInput,
  FilterButton,
  InfiniteList,
  InfinitePagination,
  Link,
  SelectInput,
  SimpleList,
  TextInput,
  TopToolbar,
  useInfinitePaginationContext,
  useListContext,
  useTranslate,
} from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { KeyboardRowsBody } from '../../components/KeyboardRows';
import { RequireAccess } from '../../components/RequireAccess';
import { AccessLogExportButton } from './AccessLogExportButton';
import { fieldErrorKey, isApiError } from '../../providers/http';
import type { AuditEvent } from '../../types';
import {
  ActionField,
  ActorField,
  LogTimeField,
  OutcomeField,
  ResourceField,
  SubjectField,
  SummaryField,
  actionChoices,
  outcomeChoices,
  useEventSummary,
  useFormatLogTime,
  useResourceName,
} from './accessLogFields';
import { LogNamesProvider } from './logNames';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { SubjectPickerInput } from '../../components/pickers/SubjectPickerInput';

const accessLogFilters = [
  <SelectInput key="action" source="action" choices={actionChoices} alwaysOn />,
  <SelectInput key="outcome" source="outcome" choices={outcomeChoices} alwaysOn />,
  <DateTimeInput key="from" source="from" alwaysOn />,
  <DateTimeInput key="to" source="to" alwaysOn />,
  <StaffPickerInput key="actorId" source="actorId" label="app.access_log.actor_filter" alwaysOn />,
  // Only people the access log names: security and the auditor may not search people at large.
  <SubjectPickerInput
    key="subjectId"
    source="subjectId"
    scope="access-log"
    prefix="subject:"
    label="app.access_log.subject_filter"
    alwaysOn
  />,
  <TextInput key="resource" source="resource" />,
];

const AccessLogListActions = () => {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <FilterButton />
      <AccessLogExportButton />
      <Button component={Link} to="/integrity" size="small" startIcon={<VerifiedUserOutlinedIcon />}>
        {translate('app.access_log.open_integrity')}
      </Button>
    </TopToolbar>
  );
};

/**
 * The server checks the filters (dates, a 366-day range, ids); a refusal names the field,
 * so say which filter is wrong instead of a generic error.
 */
const ListProblem = () => {
  const translate = useTranslate();
  const { error } = useListContext();
  if (isApiError(error) && error.errors.length > 0) {
    return (
      <Alert severity="error" role="alert" sx={{ m: 2 }} data-testid="access-log-filter-problems">
        <AlertTitle>{translate('app.access_log.filter_problem')}</AlertTitle>
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {error.errors.map((fieldError) => {
            const name = fieldError.field.replace(/^filter\./, '');
            return (
              <li key={`${fieldError.field}:${fieldError.code}`}>
                <strong>{translate(`resources.access-log.fields.${name}`, { _: name })}</strong>:{' '}
                {translate(fieldErrorKey(fieldError))}
              </li>
            );
          })}
        </Box>
      </Alert>
    );
  }
  return (
    <Box sx={{ m: 2 }}>
      <ProblemAlert error={error} />
    </Box>
  );
};

/** Loads older events on scrolling, and says so when there are none left. */
const AccessLogPagination = () => {
  const translate = useTranslate();
  const { hasNextPage } = useInfinitePaginationContext();
  const { data, isPending, error } = useListContext();
  return (
    <>
      <InfinitePagination />
      {!isPending && !error && !hasNextPage && data && data.length > 0 && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ textAlign: 'center', pb: 2 }}
          data-testid="access-log-end"
        >
          {translate('app.access_log.end')}
        </Typography>
      )}
    </>
  );
};

const NoEvents = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
      {translate('app.access_log.no_events')}
    </Typography>
  );
};

const AccessLogDataTable = () => (
  <DataTable<AuditEvent>
    rowClick="show"
    body={KeyboardRowsBody}
    bulkActionButtons={false}
    empty={<NoEvents />}
    size="small"
    sx={{ '& .RaDataTable-headerCell': { whiteSpace: 'nowrap' } }}
  >
    <DataTable.Col source="seq" disableSort />
    <DataTable.Col source="time" field={LogTimeField} disableSort />
    <DataTable.Col source="actor" field={ActorField} disableSort />
    <DataTable.Col source="action" field={ActionField} disableSort />
    <DataTable.Col source="resource" field={ResourceField} disableSort />
    <DataTable.Col source="subjectId" field={SubjectField} disableSort />
    <DataTable.Col source="outcome" field={OutcomeField} disableSort />
    <DataTable.Col source="summary" field={SummaryField} disableSort />
  </DataTable>
);

const AccessLogSimpleList = () => {
  const translate = useTranslate();
  const format = useFormatLogTime();
  const summarize = useEventSummary();
  const resourceName = useResourceName();
  return (
    <SimpleList<AuditEvent>
      linkType="show"
      empty={<NoEvents />}
      primaryText={(record) =>
        `#${record.seq} ${translate(`app.access_log.actions.${record.action}`, { _: record.action })} · ${resourceName(record.resource)}`
      }
      secondaryText={(record) => summarize(record) || translate('app.none')}
      tertiaryText={(record) => format(record.time)}
    />
  );
};

const AccessLogListView = () => {
  const translate = useTranslate();
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  return (
    <InfiniteList<AuditEvent>
      filters={accessLogFilters}
      actions={<AccessLogListActions />}
      pagination={<AccessLogPagination />}
      error={<ListProblem />}
      // The list shows its own error, naming the filter the server refused.
      queryOptions={{ onError: () => undefined }}
      perPage={50}
      // Subject ids typed into a filter are personal data: keep them out of localStorage.
      storeKey={false}
      empty={false}
    >
      <Typography variant="caption" component="p" color="text.secondary" sx={{ px: 2, pt: 1 }}>
        {translate('app.access_log.newest_first')}
      </Typography>
      <LogNamesProvider>{isPhone ? <AccessLogSimpleList /> : <AccessLogDataTable />}</LogNamesProvider>
    </InfiniteList>
  );
};

export const AccessLogList = () => (
  <RequireAccess resource="access-log" action="list">
    <AccessLogListView />
  </RequireAccess>
);
