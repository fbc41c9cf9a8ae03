import { Button, Card, CardContent, Grid, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { Link, useTranslate } from 'react-admin';
import { ck } from './complaintFields';
import type { OpenComplaintAges } from './complaintTypes';

const AGE_COLOR = { '0_3': '#2e7d32', '4_7': '#0288d1', '8_10': '#ed6c02', over_10: '#d32f2f' } as const;

/** The DPO's dashboard: open complaints by days since receipt, and how many are past the 10-day target. */
export const ComplaintAgesCard = ({ ages }: { ages: OpenComplaintAges }) => {
  const translate = useTranslate();
  return (
    <Grid size={{ xs: 12, lg: 6 }}>
      <Card variant="outlined" data-testid="chart-complaints-by-age">
        <CardContent>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {translate(ck('dashboard.title'))}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="complaints-open-total">
            {translate(ck('dashboard.open'))}: {ages.total}
            {ages.overdue > 0 && (
              <Typography component="span" variant="body2" color="error" sx={{ ml: 1 }}>
                {translate(ck('dashboard.overdue'), { smart_count: ages.overdue })}
              </Typography>
            )}
          </Typography>
          {ages.total === 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
              {translate(ck('dashboard.none'))}
            </Typography>
          ) : (
            <BarChart
              height={220}
              xAxis={[
                {
                  scaleType: 'band',
                  data: ages.byAge.map((a) => translate(ck(`dashboard.ages.${a.age}`))),
                  colorMap: { type: 'ordinal', colors: ages.byAge.map((a) => AGE_COLOR[a.age]) },
                },
              ]}
              yAxis={[{ min: 0, max: Math.max(4, ...ages.byAge.map((a) => a.count)), tickMinStep: 1 }]}
              series={[{ data: ages.byAge.map((a) => a.count) }]}
              margin={{ right: 16 }}
            />
          )}
          <Button component={Link} to="/complaints" size="small" sx={{ ml: -1 }}>
            {translate('resources.complaints.name', { smart_count: 2 })}
          </Button>
        </CardContent>
      </Card>
    </Grid>
  );
};
