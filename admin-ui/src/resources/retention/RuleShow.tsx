import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  EditButton,
  Labeled,
  Show,
  TabbedShowLayout,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { useSystemHistory } from '../../components/systemHistory';
import { VersionReason } from '../../components/VersionReason';
import { ProblemAlert } from '../../components/ProblemAlert';
import { http } from '../../providers/http';
import { BilingualText, RetentionText } from '../registers/registerFields';
import { Dash, InstantText, Localized, Muted, usePeriodText, useRetentionLabel } from './retentionFields';
import { LegalBasisField, PeriodField } from './RuleList';
import { ruleChanges, type RuleChange } from './ruleHistory';
import { RT, RULES, type RetentionRuleRecord, type RuleVersion } from './retentionTypes';

const RuleTitle = () => {
  const record = useRecordContext<RetentionRuleRecord>();
  const translate = useTranslate();
  return (
    <>
      {translate(`resources.${RULES}.name`, { smart_count: 1 })}
      {record ? (
        <>
          : <Localized text={record.name} />
        </>
      ) : null}
    </>
  );
};

const RuleActions = () => {
  const { canAccess } = useCanAccess({ resource: RULES, action: 'edit' });
  return <TopToolbar>{canAccess && <EditButton variant="contained" />}</TopToolbar>;
};

const Field = ({ label, children }: { label: string; children: React.ReactNode }) => {
  const translate = useTranslate();
  return (
    <Labeled label={translate(label)} sx={{ mb: 1.5 }}>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Labeled>
  );
};

const RuleDetails = () => {
  const record = useRecordContext<RetentionRuleRecord>();
  const label = useRetentionLabel();
  const translate = useTranslate();
  if (!record) return null;
  const F = `resources.${RULES}.fields`;
  return (
    <Box
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 4, maxWidth: 1000 }}
      data-testid="rule-details"
    >
      <Field label={`${F}.name`}>
        <BilingualText text={record.name} />
      </Field>
      <Field label={`${F}.code`}>
        <code>{record.code}</code>
      </Field>
      <Field label={`${F}.category`}>
        {record.category ? (
          label('categories', record.category)
        ) : (
          <Muted>{translate(`${RT}.rules.not_acted_on_long`)}</Muted>
        )}
      </Field>
      <Field label={`${F}.enabled`}>{translate(`${RT}.rules.${record.enabled ? 'enabled_yes' : 'enabled_no'}`)}</Field>
      <Field label={`${F}.trigger`}>{record.trigger ? label('triggers', record.trigger) : <Dash />}</Field>
      <Field label={`${F}.action`}>{record.action ? label('actions', record.action) : <Dash />}</Field>
      <Field label={`${F}.period`}>
        <PeriodField />
      </Field>
      <Field label={`${F}.legalBasis`}>
        <LegalBasisField />
      </Field>
      <Field label={`${RT}.rules.policy_wording`}>
        <RetentionText retention={record.retention} />
      </Field>
      <Field label={`${F}.approvedBy`}>
        {record.approvedBy ? (
          <>
            {record.approvedBy.name} · <InstantText at={record.approvedAt} />
          </>
        ) : (
          <Muted>{translate(`${RT}.rules.seeded`)}</Muted>
        )}
      </Field>
      <Field label={`${F}.version`}>{record.version}</Field>
      <Field label={`${F}.source`}>{record.source}</Field>
    </Box>
  );
};

/** One value of a change in words: a category's name, "5 years", "Yes". */
const ChangeValue = ({ change, side }: { change: RuleChange; side: 'before' | 'after' }) => {
  const value = change[side];
  const label = useRetentionLabel();
  const period = usePeriodText();
  const translate = useTranslate();
  if (value === null || value === undefined || value === '') return <Dash />;
  switch (change.field) {
    case 'category':
      return <>{label('categories', String(value))}</>;
    case 'trigger':
      return <>{label('triggers', String(value))}</>;
    case 'action':
      return <>{label('actions', String(value))}</>;
    case 'retention.period':
    case 'noticePeriod':
      return <>{period(String(value))}</>;
    case 'retention.kind':
      return <>{translate(`resources.registers.retention.kinds.${String(value)}`, { _: String(value) })}</>;
    case 'retention.after':
      return <>{translate(`resources.registers.retention.events.${String(value)}`, { _: String(value) })}</>;
    case 'enabled':
      return <>{translate(`${RT}.rules.${value ? 'enabled_yes' : 'enabled_no'}`)}</>;
    case 'name.ko':
    case 'name.en':
    case 'retention.law':
    case 'retention.text.ko':
    case 'retention.text.en':
      return <Box sx={{ whiteSpace: 'pre-line' }}>{String(value)}</Box>;
  }
};

const VersionCard = ({ entry, changes, current }: { entry: RuleVersion; changes: RuleChange[]; current: boolean }) => {
  const translate = useTranslate();
  const system = useSystemHistory();
  const first = changes.every((change) => change.before === undefined);
  return (
    <Card variant="outlined" data-testid="rule-version" data-version={entry.version}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {translate(`${RT}.history.version`, { version: entry.version })}
          </Typography>
          {current && (
            <Chip size="small" color="primary" variant="outlined" label={translate(`${RT}.history.current`)} />
          )}
          <Typography variant="body2" color="text.secondary">
            <InstantText at={entry.createdAt} /> ·{' '}
            {entry.changedBy
              ? translate(`${RT}.history.by`, { name: entry.changedBy.name })
              : translate(`${RT}.history.by_seed`)}
          </Typography>
        </Stack>
        <VersionReason
          label={translate(`${RT}.history.reason`)}
          reason={system.reason(entry.reason, entry.changedBy === null)}
          testId="version-reason"
        />
        {changes.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate(`${RT}.history.no_changes`)}
          </Typography>
        ) : (
          <Table size="small" sx={{ '& td': { verticalAlign: 'top' }, maxWidth: 900 }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: '28%' }}>{translate(`${RT}.history.field`)}</TableCell>
                {!first && <TableCell>{translate(`${RT}.history.before`)}</TableCell>}
                <TableCell>{translate(first ? `${RT}.history.value` : `${RT}.history.after`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {changes.map((change) => (
                <TableRow key={change.field} data-testid="version-change" data-field={change.field}>
                  <TableCell sx={{ fontWeight: 500 }}>{translate(`${RT}.history.fields.${change.field}`)}</TableCell>
                  {!first && (
                    <TableCell sx={{ bgcolor: 'rgba(211, 47, 47, 0.05)' }}>
                      <ChangeValue change={change} side="before" />
                    </TableCell>
                  )}
                  <TableCell sx={{ bgcolor: 'rgba(46, 125, 50, 0.06)' }}>
                    <ChangeValue change={change} side="after" />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};

/** Every saved version of the rule, newest first: who, when, why, and what changed. */
export const RuleHistory = () => {
  const record = useRecordContext<RetentionRuleRecord>();
  const translate = useTranslate();
  const history = useQuery({
    queryKey: [RULES, 'history', record?.id, record?.version],
    queryFn: () => http.get<RuleVersion[]>(`/${RULES}/${encodeURIComponent(String(record!.id))}/history`),
    enabled: Boolean(record?.id),
  });
  if (history.isPending) return <CircularProgress size={24} aria-label={translate('app.loading')} />;
  if (history.isError) return <ProblemAlert error={history.error} />;
  const entries = [...(history.data ?? [])].sort((a, b) => b.version - a.version);
  const changes = ruleChanges(entries);
  return (
    <Stack spacing={2} sx={{ py: 1, width: '100%' }} data-testid="rule-history">
      <Typography variant="body2" color="text.secondary">
        {translate(`${RT}.history.intro`)}
      </Typography>
      {entries.length === 0 && <Alert severity="info">{translate(`${RT}.history.empty`)}</Alert>}
      {entries.map((entry, index) => (
        <VersionCard
          key={entry.version}
          entry={entry}
          changes={changes.get(entry.version) ?? []}
          current={index === 0}
        />
      ))}
    </Stack>
  );
};

export const RuleShow = () => (
  <RequireAccess resource={RULES} action="show">
    <Show title={<RuleTitle />} actions={<RuleActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label={`${RT}.tabs.rule`}>
          <RuleDetails />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label={`${RT}.tabs.history`} path="history" data-testid="tab-history">
          <RuleHistory />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  </RequireAccess>
);
