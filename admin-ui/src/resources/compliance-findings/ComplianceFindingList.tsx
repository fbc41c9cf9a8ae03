import type { MouseEvent } from 'react';
import { Chip, Tooltip, Typography, useMediaQuery, type Theme } from '@mui/material';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import {
  DataTable,
  List,
  Link,
  SelectInput,
  SimpleList,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { useDates } from '../../i18n/dates';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { FINDING_KINDS, FINDING_STATUSES, type ComplianceFinding } from '../subjects/types';
import { serviceChoices } from '../subjects/subjectFields';
import { DeadlineField, fk, OwnerField, StatusField } from './findingFields';

const kindChoices = FINDING_KINDS.map((id) => ({ id, name: fk(`kinds.${id}`) }));
const statusChoices = FINDING_STATUSES.map((id) => ({ id, name: fk(`statuses.${id}`) }));

const findingFilters = [
  <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn sx={{ minWidth: 280 }} />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <StaffPickerInput key="ownerId" source="ownerId" label={fk('fields.owner')} alwaysOn />,
  <SelectInput key="service" source="service" choices={serviceChoices} />,
];

const profilePath = (record: ComplianceFinding) => `/subjects/${encodeURIComponent(record.subjectId)}/show`;
const workPath = (record: ComplianceFinding) => `/compliance-findings/${encodeURIComponent(record.id)}`;

const KindField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<ComplianceFinding>();
  if (!record) return null;
  return (
    <Tooltip title={translate(fk(`explain.${record.kind}`), { _: '' })}>
      <Chip
        size="small"
        color="warning"
        icon={<WarningAmberIcon />}
        label={translate(fk(`kinds.${record.kind}`), { _: record.kind })}
        data-testid="finding-kind"
      />
    </Tooltip>
  );
};

const PersonField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<ComplianceFinding>();
  if (!record) return null;
  return (
    <Link
      to={profilePath(record)}
      onClick={(event: MouseEvent) => event.stopPropagation()}
      sx={{ whiteSpace: 'nowrap' }}
      data-testid="finding-person"
    >
      {record.subjectName}
    </Link>
  );
};

const ServiceField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<ComplianceFinding>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {translate(`resources.subjects.services.${record.service}`, { _: record.service })}
    </Typography>
  );
};

const SinceField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const record = useRecordContext<ComplianceFinding>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {record.since ? format(record.since, 'dateTime') : translate('app.none')}
    </Typography>
  );
};

const NoFindings = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="findings-empty">
      {translate(fk('none'))}
    </Typography>
  );
};

const Intro = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5, maxWidth: 900 }}>
      {translate(fk('intro'))}
    </Typography>
  );
};

const ComplianceFindingListView = () => {
  const translate = useTranslate();
  // The DPO opens the work on a finding; others go to the person.
  const { canAccess: canWork } = useCanAccess({ resource: 'compliance-findings', action: 'edit' });
  const open = (record: ComplianceFinding) => (canWork ? workPath(record) : profilePath(record));
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  return (
    <List<ComplianceFinding>
      filters={findingFilters}
      // The API has one order (newest first); an empty field sends no sort.
      sort={{ field: '', order: 'DESC' }}
      perPage={25}
      exporter={false}
      empty={false}
    >
      <Intro />
      {isPhone ? (
        <SimpleList<ComplianceFinding>
          rowClick={(_id, _resource, record) => open(record as ComplianceFinding)}
          primaryText={(record) => translate(fk(`kinds.${record.kind}`), { _: record.kind })}
          secondaryText={(record) => record.subjectName}
          tertiaryText={(record) => translate(fk(`statuses.${record.status}`))}
          empty={<NoFindings />}
        />
      ) : (
        <DataTable<ComplianceFinding>
          rowClick={(_id, _resource, record) => open(record as ComplianceFinding)}
          bulkActionButtons={false}
          empty={<NoFindings />}
          size="small"
          sx={{ '& .RaDataTable-headerCell': { whiteSpace: 'nowrap' } }}
        >
          <DataTable.Col source="kind" field={KindField} disableSort />
          <DataTable.Col source="subjectName" field={PersonField} disableSort />
          <DataTable.Col source="service" field={ServiceField} disableSort />
          <DataTable.Col source="since" field={SinceField} disableSort />
          <DataTable.Col source="status" field={StatusField} disableSort />
          <DataTable.Col source="owner" label={fk('fields.owner')} field={OwnerField} disableSort />
          <DataTable.Col source="deadline" label={fk('fields.deadline')} field={DeadlineField} disableSort />
        </DataTable>
      )}
    </List>
  );
};

export const ComplianceFindingList = () => (
  <RequireAccess resource="compliance-findings" action="list">
    <ComplianceFindingListView />
  </RequireAccess>
);
