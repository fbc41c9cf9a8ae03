import { Box, Chip, Typography } from '@mui/material';
import {
  CreateButton,
  DataTable,
  List,
  SelectInput,
  TopToolbar,
  BooleanInput,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { DayText, Intro, StatusField, useRetentionLabel } from './retentionFields';
import { HOLDS, HOLD_SOURCES, RT, type LegalHold } from './retentionTypes';

const F = `resources.${HOLDS}.fields`;

/** The review date, red with "review due" once it has come (the server decides, by the org's day). */
export const ReviewField = (_props: { label?: string }) => {
  const record = useRecordContext<LegalHold>();
  const translate = useTranslate();
  if (!record) return null;
  const due = record.reviewDue && record.status === 'active';
  return (
    <Box
      sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
      data-testid="hold-review"
      data-due={due}
    >
      <Typography variant="body2" component="span" sx={due ? { color: 'error.main', fontWeight: 600 } : undefined}>
        <DayText day={record.reviewOn} />
      </Typography>
      {due && <Chip size="small" color="error" label={translate(`${RT}.holds.review_due`)} />}
    </Box>
  );
};

/** What a hold keeps: the categories by name, and how many people. */
export const ScopeField = (_props: { label?: string }) => {
  const record = useRecordContext<LegalHold>();
  const translate = useTranslate();
  const label = useRetentionLabel();
  if (!record) return null;
  const parts = [
    ...record.categories.map((category) => label('categories', category)),
    ...(record.subjectCount > 0 ? [translate(`${RT}.holds.people_count`, { smart_count: record.subjectCount })] : []),
  ];
  return <>{parts.join(' · ') || '—'}</>;
};

/** Where a hold comes from: the kind, and the incident, request or outside reference. */
export const SourceField = (_props: { label?: string }) => {
  const record = useRecordContext<LegalHold>();
  const label = useRetentionLabel();
  if (!record) return null;
  const reference = record.incidentReference ?? record.sourceReference ?? null;
  return (
    <>
      {label('sources', record.source)}
      {reference && (
        <Typography variant="caption" component="div" color="text.secondary">
          {reference}
        </Typography>
      )}
    </>
  );
};

const ListActions = () => {
  const { canAccess } = useCanAccess({ resource: HOLDS, action: 'create' });
  return <TopToolbar>{canAccess && <CreateButton variant="contained" label={`${RT}.holds.new`} />}</TopToolbar>;
};

const filters = [
  <SelectInput
    key="status"
    source="status"
    label={`${F}.status`}
    choices={['active', 'released'].map((id) => ({ id, name: `${RT}.statuses.${id}` }))}
    alwaysOn
  />,
  <SelectInput
    key="source"
    source="source"
    label={`${F}.source`}
    choices={HOLD_SOURCES.map((id) => ({ id, name: `${RT}.sources.${id}` }))}
    alwaysOn
  />,
  <BooleanInput key="reviewDue" source="reviewDue" label={`${RT}.holds.review_due_only`} alwaysOn />,
];

/** Legal holds: what destruction must skip, for whom, why, and when to look at it again. */
export const HoldList = () => (
  <RequireAccess resource={HOLDS} action="list">
    <List
      actions={<ListActions />}
      filters={filters}
      filterDefaultValues={{ status: 'active' }}
      sort={{ field: 'reviewOn', order: 'ASC' }}
      perPage={25}
      empty={false}
      exporter={false}
    >
      <Intro text={`${RT}.holds.intro`} />
      <DataTable<LegalHold>
        rowClick="show"
        bulkActionButtons={false}
        data-testid="hold-list"
        rowSx={(record) =>
          record.reviewDue && record.status === 'active' ? { bgcolor: 'rgba(211, 47, 47, 0.06)' } : {}
        }
      >
        <DataTable.Col source="reference" label={`${F}.reference`} />
        <DataTable.Col source="source" disableSort label={`${F}.source`}>
          <SourceField />
        </DataTable.Col>
        <DataTable.Col source="reason" disableSort label={`${F}.reason`} sx={{ maxWidth: 320 }} />
        <DataTable.Col source="scope" disableSort label={`${F}.scope`}>
          <ScopeField />
        </DataTable.Col>
        <DataTable.Col source="owner.name" disableSort label={`${F}.owner`} />
        <DataTable.Col source="reviewOn" label={`${F}.reviewOn`}>
          <ReviewField />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort label={`${F}.status`}>
          <StatusField source="status" />
        </DataTable.Col>
      </DataTable>
    </List>
  </RequireAccess>
);
