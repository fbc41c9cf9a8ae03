import { Box, Button, Card, CardContent, CircularProgress, Grid, Stack, Typography } from '@mui/material';
import { Link, useCanAccess, useGetIdentity, useGetList, useTranslate } from 'react-admin';
import { DeadlineChip, StatusChip, rk } from '../../resources/rights-requests/requestFields';
import type { RightsRequestRow } from '../../resources/rights-requests/requestTypes';
import type { StaffRole } from './dashboardTypes';

const listPath = (filter: Record<string, string>) =>
  `/rights-requests?filter=${encodeURIComponent(JSON.stringify(filter))}`;

const TONE = { today: 'warning.main', overdue: 'error.main', at_risk: 'warning.dark' } as const;

/** One count of the request list under a filter, linking to that filtered list (the server counts). */
const DueCard = ({ due }: { due: 'today' | 'overdue' | 'at_risk' }) => {
  const translate = useTranslate();
  const { total, isPending } = useGetList('rights-requests', {
    filter: { due },
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'dueOn', order: 'ASC' },
  });
  const count = total ?? 0;
  return (
    <Grid size={{ xs: 12, sm: 4 }}>
      <Card variant="outlined" sx={{ height: '100%' }} data-testid={`requests-${due}`}>
        <CardContent sx={{ pb: '12px !important' }}>
          <Typography variant="body2" color="text.secondary" component="h3">
            {translate(rk(`dashboard.${due}`))}
          </Typography>
          <Typography
            variant="h4"
            component="p"
            sx={{ color: count > 0 ? TONE[due] : 'success.main', fontWeight: 600, my: 0.5 }}
            data-testid={`requests-${due}-value`}
          >
            {isPending ? <CircularProgress size={20} aria-label={translate('app.loading')} /> : count}
          </Typography>
          <Button
            component={Link}
            to={listPath({ due })}
            size="small"
            sx={{ ml: -1 }}
            data-testid={`requests-${due}-open`}
          >
            {translate('app.dashboard.open')}
          </Button>
        </CardContent>
      </Card>
    </Grid>
  );
};

/** Support's open requests assigned to them, nearest deadline first. */
const AssignedCard = ({ staffId }: { staffId: string }) => {
  const translate = useTranslate();
  const filter = { assigneeId: staffId, due: 'open' };
  const { data, total, isPending } = useGetList<RightsRequestRow>('rights-requests', {
    filter,
    pagination: { page: 1, perPage: 5 },
    sort: { field: 'dueOn', order: 'ASC' },
  });
  return (
    <Card variant="outlined" data-testid="requests-assigned" data-count={total ?? ''}>
      <CardContent>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {translate(rk('dashboard.assigned'), { smart_count: total ?? 0 })}
        </Typography>
        {isPending ? (
          <CircularProgress size={20} aria-label={translate('app.loading')} />
        ) : (data ?? []).length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate(rk('dashboard.none_assigned'))}
          </Typography>
        ) : (
          <Box>
            {(data ?? []).map((row) => (
              <Stack
                key={row.id}
                direction="row"
                spacing={1}
                useFlexGap
                sx={{ alignItems: 'center', flexWrap: 'wrap', py: 0.75, borderTop: 1, borderColor: 'divider' }}
                data-testid="requests-assigned-row"
              >
                <Link to={`/rights-requests/${encodeURIComponent(row.id)}/show`}>{row.reference}</Link>
                <Typography variant="body2">{translate(rk(`types.${row.type}`))}</Typography>
                <StatusChip status={row.status} />
                <DeadlineChip daysLeft={row.daysLeft} state={row.deadlineState} dueOn={row.dueOn} />
              </Stack>
            ))}
          </Box>
        )}
        <Button component={Link} to={listPath(filter)} size="small" sx={{ mt: 1, ml: -1 }}>
          {translate('app.dashboard.open')}
        </Button>
      </CardContent>
    </Card>
  );
};

/**
 * The rights requests on the home dashboard (F7): the DPO sees what is due today, overdue and at
 * risk; support sees the requests assigned to them. Shown only to roles that may list requests.
 */
export const RequestCards = ({ role }: { role: StaffRole }) => {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ resource: 'rights-requests', action: 'list' });
  const { identity } = useGetIdentity();
  if (isPending || !canAccess || (role !== 'dpo' && role !== 'support')) return null;
  return (
    <Box sx={{ mt: 2 }} data-testid="request-cards">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        {translate(rk('name'), { smart_count: 2 })}
      </Typography>
      {role === 'dpo' ? (
        <Grid container spacing={2}>
          <DueCard due="today" />
          <DueCard due="overdue" />
          <DueCard due="at_risk" />
        </Grid>
      ) : identity ? (
        <AssignedCard staffId={String(identity.id)} />
      ) : null}
    </Box>
  );
};
