import { Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { DataTable, List, useRecordContext, useTranslate } from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { LocalizedTextField, RetentionText } from '../registers/registerFields';
import { Dash, Intro, LabelField, Muted, usePeriodText } from './retentionFields';
import { RT, RULES, type RetentionRuleRecord } from './retentionTypes';

/** "5 years" and, for a dormancy rule, "notice 30 days before". */
export const PeriodField = (_props: { label?: string }) => {
  const record = useRecordContext<RetentionRuleRecord>();
  const translate = useTranslate();
  const period = usePeriodText();
  if (!record) return null;
  const text = period(record.retention?.period);
  if (!text) return <RetentionText retention={record.retention} />;
  return (
    <Typography variant="body2" component="span">
      {text}
      {record.noticePeriod && (
        <Typography variant="caption" component="div" color="text.secondary">
          {translate(`${RT}.rules.notice_before`, { period: period(record.noticePeriod) })}
        </Typography>
      )}
    </Typography>
  );
};

export const LegalBasisField = (_props: { label?: string }) => {
  const record = useRecordContext<RetentionRuleRecord>();
  const law = record?.retention?.law;
  return law ? <>{law}</> : <Dash />;
};

const EnabledField = (_props: { label?: string }) => {
  const record = useRecordContext<RetentionRuleRecord>();
  const translate = useTranslate();
  if (!record?.category) return <Muted>{translate(`${RT}.rules.not_acted_on`)}</Muted>;
  return record.enabled ? (
    <CheckCircleIcon color="success" fontSize="small" titleAccess={translate(`${RT}.rules.enabled_yes`)} />
  ) : (
    <Muted>{translate(`${RT}.rules.enabled_no`)}</Muted>
  );
};

/** The retention rules: what each category of records is kept for, from when, and what then happens. */
export const RuleList = () => (
  <RequireAccess resource={RULES} action="list">
    <List sort={{ field: 'category', order: 'ASC' }} perPage={50} empty={false} exporter={false}>
      <Intro text={`${RT}.rules.intro`} />
      <DataTable<RetentionRuleRecord> rowClick="show" bulkActionButtons={false} data-testid="rule-list">
        <DataTable.Col source="name" disableSort label={`resources.${RULES}.fields.name`}>
          <LocalizedTextField source="name" />
        </DataTable.Col>
        <DataTable.Col source="category" label={`resources.${RULES}.fields.category`}>
          <LabelField source="category" group="categories" />
        </DataTable.Col>
        <DataTable.Col source="trigger" disableSort label={`resources.${RULES}.fields.trigger`}>
          <LabelField source="trigger" group="triggers" />
        </DataTable.Col>
        <DataTable.Col source="action" disableSort label={`resources.${RULES}.fields.action`}>
          <LabelField source="action" group="actions" />
        </DataTable.Col>
        <DataTable.Col source="period" disableSort label={`resources.${RULES}.fields.period`}>
          <PeriodField />
        </DataTable.Col>
        <DataTable.Col source="legalBasis" disableSort label={`resources.${RULES}.fields.legalBasis`}>
          <LegalBasisField />
        </DataTable.Col>
        <DataTable.Col source="enabled" disableSort label={`resources.${RULES}.fields.enabled`}>
          <EnabledField />
        </DataTable.Col>
        <DataTable.Col source="version" disableSort label={`resources.${RULES}.fields.version`} />
      </DataTable>
    </List>
  </RequireAccess>
);
