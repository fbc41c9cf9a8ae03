import type { ReactNode } from 'react';
import { Box, Button, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { useDates } from '../../i18n/dates';
import { DORMANCY, DORMANCY_STATES, HOLDS, RT, type RetentionFigures } from './retentionTypes';

const D = `${RT}.dashboard`;

const CardFrame = ({
  title,
  to,
  testId,
  children,
}: {
  title: string;
  to: string;
  testId: string;
  children: ReactNode;
}) => {
  const translate = useTranslate();
  return (
    <Grid size={{ xs: 12, md: 4 }}>
      <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
        <CardContent sx={{ pb: '12px !important' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
            {translate(title)}
          </Typography>
          {children}
          <Button component={Link} to={to} size="small" sx={{ mt: 1, ml: -1 }}>
            {translate(`${D}.open`)}
          </Button>
        </CardContent>
      </Card>
    </Grid>
  );
};

/** Destruction in the next 7 days: per day, items (people × rules) and records, and how many a hold keeps. */
const QueueCard = ({ queue }: { queue: RetentionFigures['queue'] }) => {
  const translate = useTranslate();
  const { format } = useDates();
  const items = queue.reduce((n, day) => n + day.items, 0);
  const held = queue.reduce((n, day) => n + day.held, 0);
  const max = Math.max(1, ...queue.map((day) => day.items));
  return (
    <CardFrame title={`${D}.queue`} to="/retention/preview" testId="retention-queue-card">
      <Typography variant="h4" component="p" sx={{ fontWeight: 600 }} data-testid="retention-queue-items">
        {items.toLocaleString()}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {translate(`${D}.queue_detail`, { smart_count: items, held })}
      </Typography>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {queue.map((day) => (
          <Box
            component="li"
            key={day.on}
            sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr 2.5em', gap: 1, alignItems: 'center', py: 0.25 }}
            data-testid="retention-queue-day"
          >
            <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
              {format(day.on, 'dateWithWeekday')}
            </Typography>
            <Box sx={{ height: 8, bgcolor: 'action.hover', borderRadius: 1, overflow: 'hidden' }}>
              <Box
                sx={{
                  width: `${(100 * day.items) / max}%`,
                  height: '100%',
                  bgcolor: day.held > 0 ? 'warning.main' : 'primary.main',
                }}
              />
            </Box>
            <Typography
              variant="caption"
              sx={{ textAlign: 'right' }}
              title={translate(`${D}.day_title`, { records: day.records, held: day.held })}
            >
              {day.items}
            </Typography>
          </Box>
        ))}
      </Box>
    </CardFrame>
  );
};

const HoldsCard = ({ due }: { due: number }) => {
  const translate = useTranslate();
  return (
    <CardFrame
      title={`${D}.holds`}
      to={`/${HOLDS}?filter=${encodeURIComponent(JSON.stringify({ status: 'active', reviewDue: true }))}`}
      testId="retention-holds-card"
    >
      <Typography
        variant="h4"
        component="p"
        sx={{ fontWeight: 600, color: due > 0 ? 'error.main' : 'success.main' }}
        data-testid="retention-holds-due"
      >
        {due}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        {translate(due > 0 ? `${D}.holds_due` : `${D}.holds_none`, { smart_count: due })}
      </Typography>
    </CardFrame>
  );
};

const DormancyCard = ({ dormancy }: { dormancy: RetentionFigures['dormancy'] }) => {
  const translate = useTranslate();
  return (
    <CardFrame title={`${D}.dormancy`} to={`/${DORMANCY}`} testId="retention-dormancy-card">
      <Stack spacing={0.5}>
        {DORMANCY_STATES.map((state) => (
          <Stack
            key={state}
            direction="row"
            sx={{ justifyContent: 'space-between' }}
            data-testid={`retention-dormancy-${state}`}
          >
            <Link to={`/${DORMANCY}?state=${state}`}>{translate(`${RT}.states.${state}`)}</Link>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {(dormancy[state] ?? 0).toLocaleString()}
            </Typography>
          </Stack>
        ))}
      </Stack>
    </CardFrame>
  );
};

/** The DPO's retention cards (F9): destruction next 7 days, holds due for review, the dormancy pipeline. */
export const RetentionCards = ({ figures }: { figures: RetentionFigures | undefined }) => {
  if (!figures) return null;
  return (
    <Grid container spacing={2} sx={{ mt: 2 }} data-testid="retention-cards">
      <QueueCard queue={figures.queue} />
      <HoldsCard due={figures.holdsDueForReview} />
      <DormancyCard dormancy={figures.dormancy} />
    </Grid>
  );
};
