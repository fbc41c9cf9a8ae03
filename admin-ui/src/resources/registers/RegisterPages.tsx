import type { ReactElement, ReactNode } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography, useMediaQuery, type Theme } from '@mui/material';
import HistoryIcon from '@mui/icons-material/History';
import { useLocation } from 'react-router-dom';
import {
  Create,
  CreateButton,
  DataTable,
  Edit,
  EditButton,
  Labeled,
  List,
  ListButton,
  ReferenceInput,
  SearchInput,
  SelectInput,
  Show,
  SimpleList,
  TabbedShowLayout,
  TopToolbar,
  useListContext,
  useRecordContext,
  useResourceContext,
  useStore,
  useTranslate,
  type Identifier,
  type RaRecord,
  type SortPayload,
  type Validator,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { useOrgCalendar } from '../../providers/calendar';
import { RecordLabel, useRowLabel } from './RecordLabel';
import { RegisterExportButton } from './RegisterExportButton';
import { RegisterForm } from './RegisterForm';
import { RegisterHistory } from './RegisterHistory';
import { useFormatDay, useLocalized } from './registerFields';
import { POLICIES, exportPath } from './registerResources';
import type { RegisterPolicy } from './registerTypes';

const R = 'resources.registers';

/** The day a register list shows ('' for today), kept per register while the person navigates. */
export const useAsOf = (resource: string) => useStore<string>(`${resource}.asOf`, '');

/** The `asOf` of a show page, from its URL (`…/show?asOf=2026-10-01`). */
const useAsOfParam = (): string => new URLSearchParams(useLocation().search).get('asOf') ?? '';

/** A date picker: the register as it stood at the end of that day; empty for today. */
const AsOfPicker = ({ resource }: { resource: string }) => {
  const translate = useTranslate();
  const [asOf, setAsOf] = useAsOf(resource);
  const today = useOrgCalendar()?.today;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField
        type="date"
        size="small"
        label={translate(`${R}.as_of.label`)}
        title={translate(`${R}.as_of.help`)}
        value={asOf}
        onChange={(event) => setAsOf(event.target.value)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today, 'data-testid': 'as-of' } }}
        sx={{ width: 170 }}
      />
      {asOf && (
        <Button size="small" onClick={() => setAsOf('')}>
          {translate(`${R}.as_of.clear`)}
        </Button>
      )}
    </Stack>
  );
};

/** Choose one privacy policy's rows; their names in the UI language. */
export const PolicyFilterInput = ({
  validate,
  ...props
}: {
  source: string;
  alwaysOn?: boolean;
  validate?: Validator | Validator[];
}) => {
  const localized = useLocalized();
  return (
    <ReferenceInput {...props} reference={POLICIES} sort={{ field: 'code', order: 'ASC' }}>
      <SelectInput
        optionText={(policy: RegisterPolicy) => localized(policy.name) || policy.code}
        validate={validate}
        sx={{ minWidth: 220 }}
      />
    </ReferenceInput>
  );
};

const SearchFilter = (props: { source: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  return <SearchInput {...props} placeholder={translate('ra.action.search')} />;
};

/** The filters every policy-fed register has: policy and a text search. */
export const registerFilters = (extra: ReactElement[] = []) => [
  <PolicyFilterInput key="policyId" source="policyId" alwaysOn />,
  <SearchFilter key="q" source="q" alwaysOn />,
  ...extra,
];

const ListActions = ({ resource }: { resource: string }) => {
  const [asOf] = useAsOf(resource);
  const { filterValues } = useListContext();
  return (
    <TopToolbar sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
      <AsOfPicker resource={resource} />
      <RegisterExportButton
        path={exportPath(resource)}
        formats={['csv', 'xlsx', 'json']}
        query={{
          policyId: typeof filterValues.policyId === 'string' ? filterValues.policyId : undefined,
          asOf: asOf || undefined,
        }}
        help={`${R}.export.scope`}
        testId="register-export"
      />
      {/* Hidden by react-admin unless the rules allow `create` here; never in a view of the past. */}
      {!asOf && <CreateButton variant="contained" />}
    </TopToolbar>
  );
};

/** The register's purpose in one paragraph, above its list. */
const Intro = ({ text }: { text: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5, pb: 0.5, maxWidth: 960 }}>
      {translate(text)}
    </Typography>
  );
};

const AsOfBanner = ({ resource }: { resource: string }) => {
  const translate = useTranslate();
  const format = useFormatDay();
  const [asOf, setAsOf] = useAsOf(resource);
  if (!asOf) return null;
  return (
    <Alert
      severity="info"
      icon={<HistoryIcon />}
      sx={{ mx: 2, my: 1 }}
      data-testid="as-of-banner"
      action={
        <Button color="inherit" size="small" onClick={() => setAsOf('')}>
          {translate(`${R}.as_of.clear`)}
        </Button>
      }
    >
      {translate(`${R}.as_of.banner`, { date: format(asOf) })}
    </Alert>
  );
};

/** Where a row click goes: the row, or in a view of the past the row as it stood that day. */
export const useRowClick = () => {
  const resource = useResourceContext() ?? '';
  const [asOf] = useAsOf(resource);
  return asOf
    ? (id: Identifier) => `/${resource}/${encodeURIComponent(String(id))}/show?asOf=${encodeURIComponent(asOf)}`
    : ('show' as const);
};

/** The table of a register's list: a row click opens the row (as it stood, in a view of the past). */
export const RegisterTable = ({ children }: { children: ReactNode }) => {
  const rowClick = useRowClick();
  const resource = useResourceContext() ?? '';
  const rowLabel = useRowLabel();
  const translate = useTranslate();
  // At phone width (390 px) a table of six columns cannot be read: one line per row, its name and
  // status, opening the same page.
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  if (isPhone) {
    return (
      <SimpleList<RaRecord & { status?: string }>
        linkType={typeof rowClick === 'function' ? (record) => rowClick(record.id) : rowClick}
        primaryText={(record) => rowLabel(resource, { ...record, id: String(record.id) })}
        secondaryText={(record) =>
          record.status ? translate(`resources.registers.status.${record.status}`, { _: record.status }) : ''
        }
      />
    );
  }
  return (
    <DataTable
      rowClick={rowClick}
      bulkActionButtons={false}
      // The status header is one short word (상태), which the table would break a letter per line.
      sx={{ '& td': { verticalAlign: 'top' }, '& th.column-status': { whiteSpace: 'nowrap' } }}
    >
      {children}
    </DataTable>
  );
};

/** A register's list: intro, policy and search filters, a date to look back to, export and create. */
export const RegisterList = ({
  intro,
  filters,
  sort = { field: 'position', order: 'ASC' },
  children,
}: {
  intro: string;
  filters: ReactElement[];
  sort?: SortPayload;
  children: ReactNode;
}) => {
  const resource = useResourceContext() ?? '';
  const [asOf] = useAsOf(resource);
  return (
    <RequireAccess resource={resource} action="list">
      <List
        filters={filters}
        actions={<ListActions resource={resource} />}
        queryOptions={{ meta: asOf ? { asOf } : undefined }}
        sort={sort}
        perPage={25}
        empty={false}
      >
        <Intro text={intro} />
        <AsOfBanner resource={resource} />
        {children}
      </List>
    </RequireAccess>
  );
};

/** "Processor · Amazon Web Services". */
export const RegisterTitle = () => {
  const translate = useTranslate();
  const resource = useResourceContext() ?? '';
  const record = useRecordContext();
  return (
    <span>
      {translate(`resources.${resource}.name`, { smart_count: 1 })}
      {record ? ' · ' : ''}
      {record ? <RecordLabel /> : null}
    </span>
  );
};

const RowAsOfBanner = ({ asOf }: { asOf: string }) => {
  const translate = useTranslate();
  const format = useFormatDay();
  const record = useRecordContext<{ version?: number }>();
  if (!asOf || !record) return null;
  return (
    <Alert severity="info" icon={<HistoryIcon />} sx={{ m: 2, mb: 0 }} data-testid="as-of-row-banner">
      {translate(`${R}.as_of.row_banner`, { date: format(asOf), version: record.version ?? '' })}
    </Alert>
  );
};

const ShowActions = ({ asOf, extra }: { asOf: string; extra?: ReactNode }) => (
  <TopToolbar sx={{ flexWrap: 'wrap' }}>
    <ListButton />
    {!asOf && extra}
    {/* Hidden by react-admin unless the rules allow `update` on this row. */}
    {!asOf && <EditButton variant="contained" />}
  </TopToolbar>
);

/** A row with two tabs: its details, and its history of versions with their differences. */
export const RegisterShow = ({ children, actions }: { children: ReactNode; actions?: ReactNode }) => {
  const resource = useResourceContext() ?? '';
  const asOf = useAsOfParam();
  return (
    <RequireAccess resource={resource} action="show">
      <Show
        actions={<ShowActions asOf={asOf} extra={actions} />}
        queryOptions={{ meta: asOf ? { asOf } : undefined }}
        title={<RegisterTitle />}
      >
        <RowAsOfBanner asOf={asOf} />
        <TabbedShowLayout syncWithLocation={false}>
          <TabbedShowLayout.Tab label={`${R}.show_tabs.details`}>{children}</TabbedShowLayout.Tab>
          <TabbedShowLayout.Tab label={`${R}.show_tabs.history`} data-testid="tab-history">
            <RegisterHistory />
          </TabbedShowLayout.Tab>
        </TabbedShowLayout>
      </Show>
    </RequireAccess>
  );
};

/** The facts of a row in a responsive grid; `wide` ones take the whole line. */
export const DetailsGrid = ({ children }: { children: ReactNode }) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(3, 1fr)' },
      columnGap: 3,
      rowGap: 2,
      width: '100%',
      '& .RaLabeled-label': { mb: 0.5 },
    }}
  >
    {children}
  </Box>
);

/** One labelled fact of a row; `label` defaults to the field's label for `source`. */
export const Detail = ({
  source,
  label,
  wide,
  children,
}: {
  source?: string;
  label?: string;
  wide?: boolean;
  children: ReactNode;
}) => {
  const resource = useResourceContext() ?? '';
  return (
    <Box sx={wide ? { gridColumn: '1 / -1' } : undefined} data-testid={source ? `detail-${source}` : undefined}>
      <Labeled label={label ?? `resources.${resource}.fields.${source}`} fullWidth>
        <Box component="span" sx={{ typography: 'body2', display: 'block' }}>
          {children}
        </Box>
      </Labeled>
    </Box>
  );
};

export const RegisterCreate = ({
  children,
  defaultValues,
}: {
  children: ReactNode;
  defaultValues?: Record<string, unknown>;
}) => {
  const resource = useResourceContext() ?? '';
  return (
    <RequireAccess resource={resource} action="create">
      <Create redirect={false}>
        <RegisterForm defaultValues={defaultValues}>{children}</RegisterForm>
      </Create>
    </RequireAccess>
  );
};

export const RegisterEdit = ({ children }: { children: ReactNode }) => {
  const resource = useResourceContext() ?? '';
  return (
    <RequireAccess resource={resource} action="edit">
      <Edit mutationMode="pessimistic" title={<RegisterTitle />}>
        <RegisterForm>{children}</RegisterForm>
      </Edit>
    </RequireAccess>
  );
};
