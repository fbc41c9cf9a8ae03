import { Button } from '@mui/material';
import EventNoteOutlinedIcon from '@mui/icons-material/EventNoteOutlined';
import {
  DataTable,
  DateInput,
  Link,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { LocalizedTextField } from '../registers/registerFields';
import { DayField, Intro, LabelField, StatusField } from './retentionFields';
import { QUEUE, QUEUE_STATUSES, RT, RULES, type QueueItem } from './retentionTypes';

const F = `resources.${QUEUE}.fields`;

const filters = [
  <SelectInput
    key="status"
    source="status"
    label={`${F}.status`}
    choices={QUEUE_STATUSES.map((id) => ({ id, name: `${RT}.statuses.${id}` }))}
    alwaysOn
  />,
  <ReferenceInput
    key="ruleId"
    source="ruleId"
    reference={RULES}
    sort={{ field: 'code', order: 'ASC' }}
    perPage={100}
    alwaysOn
  >
    <SelectInput label={`${F}.rule`} optionText={<LocalizedTextField source="name" />} />
  </ReferenceInput>,
  <DateInput key="dueBy" source="dueBy" label={`${F}.dueBy`} alwaysOn />,
];

/** The person by id only: the queue never shows who they are (the subject screens do, audited). */
const SubjectIdField = (_props: { label?: string }) => {
  const record = useRecordContext<QueueItem>();
  return record ? <code style={{ fontSize: '0.8rem' }}>{record.subjectId}</code> : null;
};

const RecordsField = (_props: { label?: string }) => {
  const record = useRecordContext<QueueItem>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.status === 'destroyed' && record.destroyedCount !== null && record.destroyedCount !== undefined)
    return (
      <>{translate(`${RT}.queue.destroyed_of`, { destroyed: record.destroyedCount, count: record.recordCount })}</>
    );
  return <>{record.recordCount}</>;
};

const Actions = () => {
  const translate = useTranslate();
  return (
    <TopToolbar>
      <Button component={Link} to="/retention/preview" size="small" startIcon={<EventNoteOutlinedIcon />}>
        {translate(`${RT}.preview.title`)}
      </Button>
    </TopToolbar>
  );
};

/** The destruction queue the daily scan builds: one item per person and rule, due on a day, maybe held. */
export const QueueList = () => (
  <RequireAccess resource={QUEUE} action="list">
    <List
      actions={<Actions />}
      filters={filters}
      filterDefaultValues={{ status: 'pending' }}
      sort={{ field: 'dueOn', order: 'ASC' }}
      perPage={50}
      empty={false}
      exporter={false}
    >
      <Intro text={`${RT}.queue.intro`} />
      <DataTable<QueueItem> bulkActionButtons={false} rowClick={false} data-testid="queue-list">
        <DataTable.Col source="dueOn" label={`${F}.dueOn`}>
          <DayField source="dueOn" />
        </DataTable.Col>
        <DataTable.Col source="ruleId" disableSort label={`${F}.rule`}>
          <ReferenceField source="ruleId" reference={RULES} link="show">
            <LocalizedTextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="action" disableSort label={`${F}.action`}>
          <LabelField source="action" group="actions" />
        </DataTable.Col>
        <DataTable.Col source="subjectId" disableSort label={`${F}.subjectId`}>
          <SubjectIdField />
        </DataTable.Col>
        <DataTable.Col source="recordCount" disableSort label={`${F}.recordCount`}>
          <RecordsField />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort label={`${F}.status`}>
          <StatusField source="status" />
        </DataTable.Col>
      </DataTable>
    </List>
  </RequireAccess>
);
