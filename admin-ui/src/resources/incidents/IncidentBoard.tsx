import { useState } from 'react';
import { Box, Button, Card, CardActionArea, CardContent, Stack, Typography } from '@mui/material';
import DownloadOutlinedIcon from '@mui/icons-material/DownloadOutlined';
import {
  CreateButton,
  List,
  Loading,
  SearchInput,
  TopToolbar,
  useCanAccess,
  useListContext,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { incidentApi } from './incidentApi';
import { ClockChip, ik, RiskChip, useIncidentError } from './incidentFields';
import { INCIDENT_STATUSES, type IncidentRow, type IncidentStatus } from './incidentTypes';

/** The breach register (GDPR Art. 33(5)): every incident, reported or not, as CSV or XLSX. */
export const RegisterExportButtons = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorText = useIncidentError();
  const [busy, setBusy] = useState(false);
  const save = (format: 'csv' | 'xlsx') => async () => {
    setBusy(true);
    try {
      await incidentApi.register(format);
    } catch (caught) {
      notify(errorText(caught), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          size="small"
          startIcon={<DownloadOutlinedIcon />}
          disabled={busy}
          onClick={() => void save(format)()}
          data-testid={`incident-register-${format}`}
        >
          {translate(ik(`register.${format}`))}
        </Button>
      ))}
    </>
  );
};

const Actions = () => {
  const { canAccess: canCreate } = useCanAccess({ resource: 'incidents', action: 'create' });
  return (
    <TopToolbar>
      <RegisterExportButtons />
      {canCreate && <CreateButton label={ik('new')} data-testid="incident-create" />}
    </TopToolbar>
  );
};

const IncidentCard = ({ incident }: { incident: IncidentRow }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  return (
    <Card variant="outlined" data-testid="incident-card" data-reference={incident.reference}>
      <CardActionArea onClick={() => void navigate(`/incidents/${encodeURIComponent(incident.id)}/show`)}>
        <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5, flexWrap: 'wrap', rowGap: 0.5 }}>
            <Typography variant="caption" color="text.secondary" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
              {incident.reference}
            </Typography>
            <Box sx={{ flex: 1 }} />
            <RiskChip risk={incident.riskLevel} />
          </Stack>
          <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere', mb: 1 }}>
            {incident.title}
          </Typography>
          {incident.nearestClock && incident.status !== 'closed' && (
            <Box sx={{ mb: 0.5 }}>
              <ClockChip
                clock={incident.nearestClock}
                code={incident.nearestClock.code}
                label={translate(ik(`obligation_codes.${incident.nearestClock.code}`), {
                  _: incident.nearestClock.code,
                })}
              />
            </Box>
          )}
          <Typography variant="caption" color="text.secondary" component="div">
            {incident.owner?.name ?? translate(ik('no_owner'))} ·{' '}
            {translate(ik('tasks_open'), { open: incident.tasks.open, total: incident.tasks.total })}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
};

const Column = ({ status, rows }: { status: IncidentStatus; rows: IncidentRow[] }) => {
  const translate = useTranslate();
  return (
    <Box
      component="section"
      data-testid={`incident-column-${status}`}
      sx={{ flex: '1 1 0', minWidth: 180, maxWidth: { md: 320 }, bgcolor: 'action.hover', borderRadius: 1, p: 1 }}
    >
      <Typography variant="overline" component="h2" color="text.secondary" sx={{ px: 0.5 }}>
        {translate(ik(`statuses.${status}`))} · {rows.length}
      </Typography>
      <Stack spacing={1}>
        {rows.map((row) => (
          <IncidentCard key={row.id} incident={row} />
        ))}
      </Stack>
    </Box>
  );
};

const Board = () => {
  const translate = useTranslate();
  const { data, isPending } = useListContext<IncidentRow>();
  if (isPending) return <Loading />;
  const rows = data ?? [];
  return (
    <Box sx={{ p: 1, minWidth: 0, maxWidth: '100%' }}>
      <Typography variant="body2" color="text.secondary" sx={{ px: 1, pb: 1.5, maxWidth: 900 }}>
        {translate(ik('intro'))}
      </Typography>
      <Stack
        direction={{ xs: 'column', md: 'row' }}
        spacing={1}
        sx={{ alignItems: { md: 'flex-start' }, overflowX: { md: 'auto' }, minWidth: 0 }}
        data-testid="incident-board"
      >
        {INCIDENT_STATUSES.map((status) => (
          <Column key={status} status={status} rows={rows.filter((row) => row.status === status)} />
        ))}
      </Stack>
    </Box>
  );
};

const filters = [<SearchInput key="q" source="q" alwaysOn />];

export const IncidentBoard = () => (
  <RequireAccess resource="incidents" action="list">
    <List<IncidentRow>
      actions={<Actions />}
      filters={filters}
      // The nearest deadline first within each column.
      sort={{ field: 'nearestDueAt', order: 'ASC' }}
      perPage={200}
      pagination={false}
      exporter={false}
      empty={false}
    >
      <Board />
    </List>
  </RequireAccess>
);
