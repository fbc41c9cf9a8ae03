import { Box, Button, Card, CardContent, Chip, Grid, Stack, Typography } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import type { IncidentFigures } from './dashboardTypes';

const K = 'app.dashboard.incidents';

const CHIP_COLOR = { overdue: 'error', due_soon: 'warning', on_time: 'default' } as const;

/**
 * Open incidents on the security and DPO home screens (F8): how many are open and the nearest
 * notification clock of each, as the server counted them (red overdue, amber under 24 h). Each
 * line opens the incident. Nothing when the server sends no incident figures.
 */
export const IncidentClocksCard = ({ figures }: { figures: IncidentFigures | undefined }) => {
  const translate = useTranslate();
  if (!figures) return null;
  return (
    <Grid container spacing={2} sx={{ mb: 2 }}>
      <Grid size={12}>
        <Card variant="outlined" data-testid="incident-clocks">
          <CardContent sx={{ pb: '12px !important' }}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                {translate(`${K}.title`)}
              </Typography>
              <Typography
                variant="h5"
                component="p"
                sx={{ color: figures.open > 0 ? 'warning.dark' : 'success.main', fontWeight: 600 }}
                data-testid="incidents-open"
              >
                {translate(`${K}.open`, { smart_count: figures.open })}
              </Typography>
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {translate(`${K}.nearest`)}
            </Typography>
            {figures.clocks.length === 0 ? (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                {translate(`${K}.no_clocks`)}
              </Typography>
            ) : (
              <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 0.5 }}>
                {figures.clocks.map((clock) => (
                  <Box
                    component="li"
                    key={clock.incidentId}
                    sx={{ display: 'flex', gap: 1, alignItems: 'center', py: 0.5, flexWrap: 'wrap' }}
                    data-testid="incident-clock"
                    data-state={clock.state}
                  >
                    <Chip
                      size="small"
                      color={CHIP_COLOR[clock.state]}
                      variant={clock.state === 'on_time' ? 'outlined' : 'filled'}
                      label={translate(`${K}.${clock.state}`, { hours: Math.abs(clock.hoursLeft) })}
                    />
                    <Link to={`/incidents/${clock.incidentId}/show`}>
                      {clock.reference} · {clock.title}
                    </Link>
                    <Typography variant="body2" color="text.secondary" component="span">
                      {translate(`${K}.codes.${clock.code}`, { _: clock.code })}
                    </Typography>
                  </Box>
                ))}
              </Box>
            )}
            <Button component={Link} to="/incidents" size="small" sx={{ ml: -1, mt: 0.5 }}>
              {translate(`${K}.board`)}
            </Button>
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
};
