import { BooleanField, BooleanInput, DataTable, List, SimpleList, useLocaleState, useTranslate } from 'react-admin';
import { useIsPhone } from '../../components/usePhone';
import { T, type IncidentTemplate } from './incidentTemplateTypes';

/** The incident response plan: one checklist per kind of incident, with its current version. */
export const IncidentTemplateList = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const isPhone = useIsPhone();
  const name = (r: IncidentTemplate) => (locale === 'ko' ? r.name.ko : r.name.en);
  const vector = (r: IncidentTemplate) => (r.suggestedVector ? translate(`${T}.vectors.${r.suggestedVector}`) : '');
  return (
    <List
      filters={[<BooleanInput key="archived" source="archived" label={`${T}.fields.archived`} />]}
      filterDefaultValues={{ archived: false }}
      sort={{ field: 'key', order: 'ASC' }}
      perPage={50}
      title={`${T}.title`}
    >
      {isPhone ? (
        <SimpleList<IncidentTemplate>
          linkType="edit"
          primaryText={name}
          secondaryText={(r) => `${vector(r)} · ${translate(`${T}.task_count`, { smart_count: r.taskCount })}`}
          tertiaryText={(r) => `v${r.currentVersion}`}
        />
      ) : (
        <DataTable rowClick="edit" bulkActionButtons={false}>
          <DataTable.Col source="name" label={`${T}.fields.name`} render={name} />
          <DataTable.Col source="key" label={`${T}.fields.key`} />
          <DataTable.Col source="suggestedVector" label={`${T}.fields.suggestedVector`} disableSort render={vector} />
          <DataTable.Col source="taskCount" label={`${T}.fields.taskCount`} disableSort />
          <DataTable.Col source="currentVersion" label={`${T}.fields.currentVersion`} disableSort />
          <DataTable.Col source="archived" label={`${T}.fields.archived`} disableSort>
            <BooleanField source="archived" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
};
