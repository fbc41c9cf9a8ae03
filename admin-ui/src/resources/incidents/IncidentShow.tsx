import { useState } from 'react';
import { Box, Button, Grid, MenuItem, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import PictureAsPdfOutlinedIcon from '@mui/icons-material/PictureAsPdfOutlined';
import { Loading, ShowBase, Title, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { Fact, Panel } from '../../components/Panel';
import { RequireAccess } from '../../components/RequireAccess';
import { useDates } from '../../i18n/dates';
import { incidentApi } from './incidentApi';
import { ClockChip, ik, RiskChip, StatusChip, useIncidentError, useLocalizedText } from './incidentFields';
import { ChecklistPanel } from './IncidentChecklist';
import { CloseDialog, EditFactsDialog } from './IncidentDialogs';
import { NoticesPanel } from './IncidentNotices';
import { ObligationsPanel } from './IncidentObligations';
import { PeoplePanel } from './IncidentPeople';
import { INCIDENT_STATUSES, type IncidentDetail, type IncidentStatus, type TimelineEntry } from './incidentTypes';

/** The clocks move on the server; the page asks again this often (the chips count down in between). */
const REFRESH_MS = 60_000;

const TABS = ['facts', 'obligations', 'checklist', 'people', 'notices', 'timeline'] as const;
type TabName = (typeof TABS)[number];

const Header = ({ incident, onChanged }: { incident: IncidentDetail; onChanged: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorText = useIncidentError();
  const [open, setOpen] = useState<'edit' | 'close' | null>(null);
  const closed = incident.status === 'closed';
  const move = async (status: IncidentStatus) => {
    try {
      await incidentApi.setStatus(incident.id, status, incident.version);
      onChanged();
    } catch (caught) {
      notify(errorText(caught), { type: 'error' });
    }
  };
  const report = async () => {
    try {
      await incidentApi.reportPdf(incident.id, incident.reference);
    } catch (caught) {
      notify(errorText(caught), { type: 'error' });
    }
  };
  const done = () => {
    setOpen(null);
    onChanged();
  };
  return (
    <Box sx={{ mb: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 1 }}>
        <Typography variant="h5" component="h1" sx={{ mr: 1 }} data-testid="incident-title">
          {incident.reference} · {incident.title}
        </Typography>
        <StatusChip status={incident.status} />
        <RiskChip risk={incident.riskLevel} />
        {!closed && incident.nearestClock && (
          <ClockChip
            clock={incident.nearestClock}
            code={incident.nearestClock.code}
            label={translate(ik(`obligation_codes.${incident.nearestClock.code}`), { _: incident.nearestClock.code })}
          />
        )}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
        {incident.can.update && !closed && (
          <>
            <TextField
              select
              size="small"
              label={translate(ik('fields.status'))}
              value={incident.status}
              onChange={(event) => void move(event.target.value as IncidentStatus)}
              fullWidth={false}
              sx={{ minWidth: 180 }}
              slotProps={{ htmlInput: { 'data-testid': 'incident-status-select' } }}
            >
              {INCIDENT_STATUSES.filter((s) => s !== 'closed').map((s) => (
                <MenuItem key={s} value={s} data-testid={`incident-status-${s}`}>
                  {translate(ik(`statuses.${s}`))}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="outlined" onClick={() => setOpen('edit')} data-testid="incident-edit">
              {translate(ik('edit.open'))}
            </Button>
          </>
        )}
        {incident.can.close && !closed && (
          <Button variant="contained" onClick={() => setOpen('close')} data-testid="incident-close">
            {translate(ik('close.open'))}
          </Button>
        )}
        <Button startIcon={<PictureAsPdfOutlinedIcon />} onClick={() => void report()} data-testid="incident-report">
          {translate(ik('report'))}
        </Button>
      </Stack>
      {open === 'edit' && <EditFactsDialog incident={incident} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'close' && <CloseDialog incident={incident} onClose={() => setOpen(null)} onDone={done} />}
    </Box>
  );
};

const yesNo = (value: boolean, translate: (key: string) => string) => translate(ik(value ? 'yes' : 'no'));

const FactsPanel = ({ incident }: { incident: IncidentDetail }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const text = useLocalizedText();
  const none = translate('app.none');
  const count = (value: number | null) => (value === null ? none : value.toLocaleString());
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title={translate(ik('panels.facts'))} testId="incident-facts">
          <Stack spacing={1}>
            {incident.description && (
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {incident.description}
              </Typography>
            )}
            <Fact label={ik('fields.detectedAt')}>{format(incident.detectedAt, 'dateTime')}</Fact>
            <Fact label={ik('fields.awareAt')}>{format(incident.awareAt, 'dateTime')}</Fact>
            <Fact label={ik('fields.reporter')}>{incident.reporter}</Fact>
            <Fact label={ik('fields.vector')}>{translate(ik(`vectors.${incident.vector}`))}</Fact>
            <Fact label={ik('fields.owner')}>{incident.owner?.name ?? translate(ik('no_owner'))}</Fact>
            <Fact label={ik('fields.template')}>
              {incident.template ? `${text(incident.template.name)} · v${incident.template.version}` : none}
            </Fact>
          </Stack>
        </Panel>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <Panel title={translate(ik('panels.scope'))} testId="incident-scope">
          <Stack spacing={1}>
            <Fact label={ik('fields.regimes')}>{incident.regimes.join(', ') || none}</Fact>
            <Fact label={ik('fields.affectedEstimated')}>{count(incident.affectedEstimated)}</Fact>
            <Fact label={ik('fields.affectedConfirmed')}>{count(incident.affectedConfirmed)}</Fact>
            {incident.regimes.includes('US-HIPAA') && (
              <Fact label={ik('fields.usLargestStateCount')}>{count(incident.usLargestStateCount)}</Fact>
            )}
            <Fact label={ik('fields.dataCategories')}>
              {incident.dataCategories.map((c) => translate(`resources.registers.data_categories.${c}`)).join(', ') ||
                none}
            </Fact>
            <Fact label={ik('fields.systems')}>{incident.systems.join(', ') || none}</Fact>
            <Fact label={ik('fields.flags')}>
              {[
                `${translate(ik('fields.sensitiveData'))}: ${yesNo(incident.sensitiveData, translate)}`,
                `${translate(ik('fields.uniqueIdentifiers'))}: ${yesNo(incident.uniqueIdentifiers, translate)}`,
                `${translate(ik('fields.dataEncrypted'))}: ${yesNo(incident.dataEncrypted, translate)}`,
              ].join(' · ')}
            </Fact>
            <Fact label={ik('fields.linkedEvents')}>{incident.linkedEvents.toLocaleString()}</Fact>
          </Stack>
        </Panel>
      </Grid>
      {incident.closedAt !== null && (
        <Grid size={12}>
          <Panel title={translate(ik('panels.review'))} testId="incident-review">
            <Stack spacing={1}>
              {(['lessonsLearned', 'registerFacts', 'registerEffects', 'registerRemedialAction'] as const).map((f) => (
                <Fact key={f} label={ik(`fields.${f}`)}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{incident[f] ?? none}</span>
                </Fact>
              ))}
              <Fact label={ik('fields.closedAt')}>{format(incident.closedAt, 'dateTime')}</Fact>
            </Stack>
          </Panel>
        </Grid>
      )}
    </Grid>
  );
};

/**
 * One timeline line from its kind and detail (the entries hold ids, codes and counts, never names
 * of people): a task by its title, a notification by its name, a status by its label.
 */
const useEntryText = (incident: IncidentDetail) => {
  const translate = useTranslate();
  const localized = useLocalizedText();
  const named = (key: string, value: unknown): string => {
    const text = String(value);
    switch (key) {
      case 'taskId':
        return localized(incident.tasks.find((t) => t.id === text)?.title) || text;
      case 'code':
        return localized(incident.obligations.find((o) => o.code === text)?.label) || text;
      case 'status':
      case 'from':
      case 'to':
        return translate(ik(`statuses.${text}`), { _: translate(ik(`obligation_statuses.${text}`), { _: text }) });
      case 'euRisk':
        return translate(ik(`eu_risks.${text}`), { _: text });
      case 'kind':
        return translate(ik(`notice_kinds.${text}`), { _: text });
      case 'version':
        return `v${text}`;
      default:
        return `${translate(ik(`timeline_keys.${key}`), { _: key })}: ${text}`;
    }
  };
  return (entry: TimelineEntry): string => {
    const d = entry.detail ?? {};
    const label = translate(ik(`events.${entry.kind}`), { _: entry.kind });
    const parts: string[] = [];
    if (d.changes && typeof d.changes === 'object')
      parts.push(
        Object.keys(d.changes)
          .map((f) => translate(ik(`fields.${f}`), { _: f }))
          .join(', '),
      );
    const keys = ['taskId', 'code', 'kind', 'version', 'status', 'from', 'to', 'euRisk', 'by', 'added', 'queued'];
    for (const key of [...keys, 'skipped', 'note', 'title'])
      if (d[key] !== undefined && d[key] !== null && typeof d[key] !== 'object') parts.push(named(key, d[key]));
    return parts.length > 0 ? `${label} — ${parts.join(' · ')}` : label;
  };
};

const TimelinePanel = ({ incident }: { incident: IncidentDetail }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const entryText = useEntryText(incident);
  return (
    <Panel title={translate(ik('panels.timeline'))} testId="incident-timeline">
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {translate(ik('timeline_intro'))}
      </Typography>
      <Stack component="ol" spacing={1} sx={{ m: 0, pl: 2.5 }}>
        {incident.timeline.map((entry) => (
          <li key={entry.id} data-testid={`timeline-${entry.kind}`}>
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              {entryText(entry)}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {format(entry.at, 'logTime')} · {entry.actor?.name ?? translate(ik('system'))}
            </Typography>
          </li>
        ))}
      </Stack>
    </Panel>
  );
};

const IncidentView = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const incident = useRecordContext<IncidentDetail>();
  const [tab, setTab] = useState<TabName>('obligations');
  // Until the detail arrives, react-admin may hand over the list's row (no obligations, no rights).
  if (!incident || !Array.isArray(incident.obligations)) return <Loading />;
  const tabs = TABS.filter((t) => t !== 'people' || incident.can.selectPeople);
  const pending = incident.obligations.filter((o) => o.status === 'pending').length;
  const openTasks = incident.tasks.filter((t) => t.completedAt === null).length;
  const badge: Partial<Record<TabName, string>> = {
    obligations: ` (${pending})`,
    checklist: ` (${incident.tasks.length - openTasks}/${incident.tasks.length})`,
    people: ` (${incident.affected.total})`,
  };
  return (
    <Box
      sx={{ p: { xs: 1, sm: 2 }, maxWidth: 1280 }}
      data-testid="incident-show"
      data-status={incident.status}
      data-version={incident.version}
    >
      <Title title={incident.reference} />
      <Header incident={incident} onChanged={refresh} />
      <Tabs
        value={tab}
        onChange={(_, value: TabName) => setTab(value)}
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        {tabs.map((t) => (
          <Tab
            key={t}
            value={t}
            label={`${translate(ik(`tabs.${t}`))}${badge[t] ?? ''}`}
            data-testid={`incident-tab-${t}`}
          />
        ))}
      </Tabs>
      {tab === 'facts' && <FactsPanel incident={incident} />}
      {tab === 'obligations' && <ObligationsPanel incident={incident} onChanged={refresh} />}
      {tab === 'checklist' && <ChecklistPanel incident={incident} onChanged={refresh} />}
      {tab === 'people' && <PeoplePanel incident={incident} onChanged={refresh} />}
      {tab === 'notices' && <NoticesPanel incident={incident} />}
      {tab === 'timeline' && <TimelinePanel incident={incident} />}
    </Box>
  );
};

export const IncidentShow = () => (
  <RequireAccess resource="incidents" action="show">
    <ShowBase queryOptions={{ refetchInterval: REFRESH_MS }}>
      <IncidentView />
    </ShowBase>
  </RequireAccess>
);
