import { useState } from 'react';
import {
  Box,
  Card,
  CardContent,
  Grid,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { useQuery } from '@tanstack/react-query';
import { Loading, useLocaleState, useTranslate } from 'react-admin';
import { Panel } from '../../components/Panel';
import { RequireAccess } from '../../components/RequireAccess';
import { formatDate } from '../../i18n/dates';
import { useOrgCalendar } from '../../providers/calendar';
import { monthOfDay, shiftMonth } from '../../pages/reviewMonth';
import { complaintApi } from './complaintApi';
import { ck, useComplaintError } from './complaintFields';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  ESCALATION_BODIES,
  type ComplaintMonthSummary,
} from './complaintTypes';

const Figure = ({ label, value, testId }: { label: string; value: string | number; testId: string }) => (
  <Grid size={{ xs: 6, md: 3 }}>
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent sx={{ pb: '12px !important' }}>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" component="p" sx={{ fontWeight: 600 }} data-testid={`summary-${testId}`}>
          {value}
        </Typography>
      </CardContent>
    </Card>
  </Grid>
);

const Counts = ({
  title,
  keys,
  group,
  counts,
  testId,
}: {
  title: string;
  keys: readonly string[];
  group: string;
  counts: Record<string, number>;
  testId: string;
}) => {
  const translate = useTranslate();
  return (
    <Grid size={{ xs: 12, md: 6 }}>
      <Panel title={translate(title)} testId={testId}>
        <Table size="small">
          <TableBody>
            {keys.map((key) => (
              <TableRow key={key}>
                <TableCell sx={{ pl: 0 }}>{translate(ck(`${group}.${key}`))}</TableCell>
                <TableCell align="right" sx={{ pr: 0, fontVariantNumeric: 'tabular-nums' }}>
                  {counts[key] ?? 0}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Panel>
    </Grid>
  );
};

const SummaryView = ({ summary }: { summary: ComplaintMonthSummary }) => {
  const translate = useTranslate();
  return (
    <>
      <Grid container spacing={2}>
        <Figure label={translate(ck('summary.received'))} value={summary.received} testId="received" />
        <Figure label={translate(ck('summary.on_time'))} value={summary.resolved.onTime} testId="on-time" />
        <Figure label={translate(ck('summary.late'))} value={summary.resolved.late} testId="late" />
        <Figure
          label={translate(ck('summary.median'))}
          value={summary.medianDaysToResolve ?? translate(ck('summary.none'))}
          testId="median"
        />
      </Grid>
      <Grid container spacing={2} sx={{ mt: 0.5 }}>
        <Counts
          title={ck('summary.by_category')}
          keys={COMPLAINT_CATEGORIES}
          group="categories"
          counts={summary.byCategory}
          testId="summary-by-category"
        />
        <Counts
          title={ck('summary.by_severity')}
          keys={COMPLAINT_SEVERITIES}
          group="severities"
          counts={summary.bySeverity}
          testId="summary-by-severity"
        />
        <Counts
          title={ck('summary.by_status')}
          keys={COMPLAINT_STATUSES}
          group="statuses"
          counts={summary.byStatus}
          testId="summary-by-status"
        />
        <Counts
          title={ck('summary.by_body')}
          keys={ESCALATION_BODIES}
          group="bodies_short"
          counts={summary.escalationsByBody}
          testId="summary-by-body"
        />
      </Grid>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2 }}>
        {translate(ck('summary.help'), { timeZone: summary.timeZone })}
      </Typography>
    </>
  );
};

const SummaryPage = ({ latest }: { latest: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const errorText = useComplaintError();
  const [month, setMonth] = useState(latest);
  const { data, error, isPending } = useQuery({
    queryKey: ['complaints', 'summary', month],
    queryFn: () => complaintApi.summary(month),
  });
  return (
    <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: 1100 }} data-testid="complaint-summary-page">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ mr: 1 }}>
          {translate(ck('summary.title'))}
        </Typography>
        <Tooltip title={translate('app.review.previous_month')}>
          <IconButton
            aria-label={translate('app.review.previous_month')}
            onClick={() => setMonth(shiftMonth(month, -1))}
          >
            <ChevronLeftIcon />
          </IconButton>
        </Tooltip>
        <Typography variant="subtitle1" data-testid="summary-month">
          {formatDate(month, 'month', locale)}
        </Typography>
        <Tooltip title={translate('app.review.next_month')}>
          <span>
            <IconButton
              aria-label={translate('app.review.next_month')}
              disabled={month >= latest}
              onClick={() => setMonth(shiftMonth(month, 1))}
            >
              <ChevronRightIcon />
            </IconButton>
          </span>
        </Tooltip>
      </Stack>
      {isPending ? <Loading /> : data ? <SummaryView summary={data} /> : <Typography>{errorText(error)}</Typography>}
    </Box>
  );
};

/** The month's complaint figures, from the organisation's current month back. */
export const ComplaintSummaryPage = () => {
  const calendar = useOrgCalendar();
  return (
    <RequireAccess resource="complaints" action="list">
      {calendar ? <SummaryPage latest={monthOfDay(calendar.today)} /> : <Loading />}
    </RequireAccess>
  );
};
