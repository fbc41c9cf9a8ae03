import { Alert, CircularProgress, useMediaQuery, type Theme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  CreateButton,
  DataTable,
  List,
  NumberInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { http } from '../../providers/http';
import {
  H,
  HolidayDateField,
  HolidayKindField,
  HolidayNameField,
  HolidayStatusField,
  useFormatLocalDate,
} from './holidayFields';
import { HOLIDAY_KINDS, JURISDICTIONS, type CalendarAbout, type Holiday } from './holidayTypes';

const useChoices = () => {
  const translate = useTranslate();
  return {
    jurisdictions: JURISDICTIONS.map((id) => ({ id, name: translate(`${H}.jurisdictions.${id}`) })),
    kinds: HOLIDAY_KINDS.map((id) => ({ id, name: translate(`${H}.kinds.${id}`) })),
    statuses: (['active', 'ended'] as const).map((id) => ({ id, name: translate(`${H}.statuses.${id}`) })),
  };
};

const Actions = () => (
  <TopToolbar>
    {/* Shown only to whoever may create (react-admin asks canAccess): the DPO. */}
    <CreateButton />
  </TopToolbar>
);

/** The holidays of one jurisdiction and year; the DPO adds and edits them, everyone reads them. */
export const HolidayList = () => {
  const translate = useTranslate();
  const choices = useChoices();
  const [locale] = useLocaleState();
  const formatDay = useFormatLocalDate();
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  // The year to open on is the server's (organisation time zone), not the browser's.
  const about = useQuery({ queryKey: ['calendar', 'about'], queryFn: () => http.get<CalendarAbout>('/calendar') });
  if (about.isPending) return <CircularProgress size={24} aria-label={translate('app.loading')} sx={{ m: 2 }} />;
  const year = about.data ? Number(about.data.today.slice(0, 4)) : undefined;
  const filters = [
    <SelectInput
      key="jurisdiction"
      source="jurisdiction"
      choices={choices.jurisdictions}
      alwaysOn
      emptyText={`${H}.all`}
    />,
    <NumberInput key="year" source="year" min={1900} max={2999} alwaysOn sx={{ maxWidth: 120 }} />,
    <SelectInput key="kind" source="kind" choices={choices.kinds} alwaysOn emptyText={`${H}.all`} />,
    <SelectInput key="status" source="status" choices={choices.statuses} emptyText={`${H}.all`} />,
    <SearchInput key="q" source="q" alwaysOn />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={{ jurisdiction: 'KR', year, status: 'active' }}
      sort={{ field: 'date', order: 'ASC' }}
      perPage={50}
      actions={<Actions />}
      title={`${H}.title`}
    >
      {about.data && (
        <Alert severity="info" sx={{ m: 1 }} data-testid="holiday-intro">
          {translate(`${H}.intro`, { timeZone: about.data.timeZone })}
        </Alert>
      )}
      {isPhone ? (
        // At phone width (390 px): one line per holiday, its day and name, opening the same page.
        <SimpleList<Holiday>
          linkType="show"
          primaryText={(record) => formatDay(record.date)}
          secondaryText={(record) => (locale === 'ko' ? record.nameKo : record.nameEn)}
          tertiaryText={(record) => translate(`${H}.kinds.${record.kind}`, { _: record.kind })}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="date" field={HolidayDateField} />
          <DataTable.Col source="nameKo" label={`${H}.fields.name`} field={HolidayNameField} />
          <DataTable.Col source="kind" field={HolidayKindField} />
          <DataTable.Col source="jurisdiction" disableSort>
            <JurisdictionText />
          </DataTable.Col>
          <DataTable.Col source="status" disableSort field={HolidayStatusField} />
        </DataTable>
      )}
    </List>
  );
};

const JurisdictionText = () => {
  const record = useRecordContext<Holiday>();
  const translate = useTranslate();
  return record ? <>{translate(`${H}.jurisdictions.${record.jurisdiction}`)}</> : null;
};
