import { Button, Card, CardContent, Grid, Typography } from '@mui/material';
import { Link, useGetIdentity, useTranslate } from 'react-admin';
import { rk } from '../../resources/rights-requests/requestFields';
import type { RequestFigures } from './dashboardTypes';

const listPath = (filter: Record<string, string>) =>
  `/rights-requests?filter=${encodeURIComponent(JSON.stringify(filter))}`;

type Due = 'open' | 'today' | 'overdue' | 'at_risk';

const VALUE: Record<Due, keyof RequestFigures> = {
  open: 'open',
  today: 'dueToday',
  overdue: 'overdue',
  at_risk: 'atRisk',
};

const TONE: Record<Due, string> = {
  open: 'text.primary',
  today: 'warning.main',
  overdue: 'error.main',
  at_risk: 'warning.dark',
};

/** One count the server made, linking to the request list filtered the same way. */
const DueCard = ({ due, figures, assigneeId }: { due: Due; figures: RequestFigures; assigneeId?: string }) => {
  const translate = useTranslate();
  const count = figures[VALUE[due]];
  return (
    <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
      <Card variant="outlined" sx={{ height: '100%' }} data-testid={`requests-${due}`}>
        <CardContent sx={{ pb: '12px !important' }}>
          <Typography variant="body2" color="text.secondary" component="h3">
            {translate(rk(`dashboard.${assigneeId ? `mine_${due}` : due}`))}
          </Typography>
          <Typography
            variant="h4"
            component="p"
            sx={{ color: count > 0 ? TONE[due] : 'success.main', fontWeight: 600, my: 0.5 }}
            data-testid={`requests-${due}-value`}
          >
            {count}
          </Typography>
          <Button
            component={Link}
            to={listPath(assigneeId ? { due, assigneeId } : { due })}
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

/**
 * The rights requests on the home dashboard (F7), as counts the dashboard route made: the DPO sees
 * what is due today, overdue and at risk; support sees the open requests assigned to them. Each
 * card opens the list filtered the same way. Nothing when the server sends no request figures.
 */
export const RequestCards = ({ role, figures }: { role: 'dpo' | 'support'; figures: RequestFigures | undefined }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!figures) return null;
  const mine = role === 'support' && identity ? String(identity.id) : undefined;
  return (
    <Grid container spacing={2} sx={{ mb: 2 }} data-testid="request-cards">
      <Grid size={12}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {translate(rk(mine ? 'dashboard.assigned' : 'dashboard.title'))}
        </Typography>
      </Grid>
      {mine && <DueCard due="open" figures={figures} assigneeId={mine} />}
      <DueCard due="today" figures={figures} assigneeId={mine} />
      <DueCard due="overdue" figures={figures} assigneeId={mine} />
      <DueCard due="at_risk" figures={figures} assigneeId={mine} />
    </Grid>
  );
};
