import { Suspense, type ReactNode } from 'react';
import { Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Grid, Stack, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { useIsPhone } from '../../components/usePhone';
import { http } from '../../providers/http';
import type { ActivityFigures, DashboardFigures, StaffRole } from './dashboardTypes';
import { ComplaintAgesCard } from '../../resources/complaints/ComplaintAgesCard';
import { IncidentClocksCard } from './IncidentClocksCard';
import { RequestCards } from './RequestCards';
import { RetentionCards } from '../../resources/retention';

const D = 'app.dashboard';

/** 2026-11-03 -> "11/3" or "11. 3." in the reader's language; the server already chose the days. */
const useShortDay = () => {
  const [locale] = useLocaleState();
  return (day: string) =>
    new Date(`${day}T00:00:00Z`).toLocaleDateString(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
};

const useFormatInstant = () => {
  const [locale] = useLocaleState();
  return (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
};

const useFormatMonth = () => {
  const [locale] = useLocaleState();
  return (month: string) =>
    new Date(`${month}-01T00:00:00Z`).toLocaleDateString(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
};

/** A count axis from 0 with whole-number ticks, even when every value is 0 (no "0.00"). */
const countAxis = (values: number[]) => ({ min: 0, max: Math.max(4, ...values), tickMinStep: 1 });

type Tone = 'ok' | 'warning' | 'error' | 'neutral';
const TONE_COLOR: Record<Tone, string> = {
  ok: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
  neutral: 'text.primary',
};

/** One figure: what it counts, the number, and a line that explains or compares it. */
const Figure = ({
  label,
  value,
  detail,
  tone = 'neutral',
  to,
  testId,
}: {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  tone?: Tone;
  to?: string;
  testId: string;
}) => {
  const translate = useTranslate();
  return (
    <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
      <Card variant="outlined" sx={{ height: '100%' }} data-testid={`figure-${testId}`}>
        <CardContent sx={{ pb: '12px !important' }}>
          <Typography variant="body2" color="text.secondary" component="h3">
            {label}
          </Typography>
          <Typography
            variant="h4"
            component="p"
            sx={{ color: TONE_COLOR[tone], fontWeight: 600, my: 0.5 }}
            data-testid={`figure-${testId}-value`}
          >
            {value}
          </Typography>
          {detail && (
            <Typography variant="caption" color="text.secondary" component="p">
              {detail}
            </Typography>
          )}
          {to && (
            <Button component={Link} to={to} size="small" sx={{ mt: 0.5, ml: -1 }}>
              {translate(`${D}.open`)}
            </Button>
          )}
        </CardContent>
      </Card>
    </Grid>
  );
};

const ChartCard = ({ title, children, testId }: { title: string; children: ReactNode; testId: string }) => (
  <Grid size={{ xs: 12, lg: 6 }}>
    <Card variant="outlined" data-testid={`chart-${testId}`}>
      <CardContent>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  </Grid>
);

/** "▲ 4 on the 30 days before": more denials is worse, so up is shown as a warning. */
const Trend = ({ now, before }: { now: number; before: number }) => {
  const translate = useTranslate();
  const delta = now - before;
  if (delta === 0) return <>{translate(`${D}.trend_same`)}</>;
  return (
    <Box component="span" sx={{ color: delta > 0 ? 'warning.dark' : 'success.dark' }}>
      {translate(delta > 0 ? `${D}.trend_up` : `${D}.trend_down`, { delta: Math.abs(delta) })}
    </Box>
  );
};

const ActivityChart = ({
  activity,
  series,
}: {
  activity: ActivityFigures;
  series: ('denials' | 'anomalies' | 'signInFailures')[];
}) => {
  const translate = useTranslate();
  const shortDay = useShortDay();
  const names = { denials: 'denials', anomalies: 'anomalies', signInFailures: 'sign_in_failures' } as const;
  const colors = { denials: '#d32f2f', anomalies: '#ed6c02', signInFailures: '#1976d2' } as const;
  return (
    <LineChart
      height={260}
      xAxis={[{ scaleType: 'point', data: activity.days.map((d) => shortDay(d.date)) }]}
      yAxis={[countAxis(activity.days.flatMap((d) => series.map((key) => d[key])))]}
      series={series.map((key) => ({
        data: activity.days.map((d) => d[key]),
        label: translate(`${D}.series.${names[key]}`),
        color: colors[key],
        showMark: false,
        curve: 'linear',
      }))}
      margin={{ right: 16 }}
    />
  );
};

const DpoDashboard = ({ figures }: { figures: Extract<DashboardFigures, { role: 'dpo' }> }) => {
  const translate = useTranslate();
  const isPhone = useIsPhone();
  const formatMonth = useFormatMonth();
  const { alerts, review, findings, activity } = figures;
  const overdue = alerts.byAge.find((a) => a.age === 'overdue');
  const overdueCount = (overdue?.critical ?? 0) + (overdue?.warning ?? 0);
  const findingTotal = findings.reduce((n, f) => n + f.count, 0);
  const oldestFinding = Math.max(-1, ...findings.map((f) => f.oldestDays ?? -1));
  return (
    <>
      <Grid container spacing={2}>
        <Figure
          testId="alerts"
          label={translate(`${D}.dpo.alerts`)}
          value={alerts.total}
          tone={alerts.bySeverity.critical > 0 ? 'error' : alerts.total > 0 ? 'warning' : 'ok'}
          detail={translate(`${D}.dpo.alerts_critical`, { count: alerts.bySeverity.critical })}
        />
        <Figure
          testId="overdue"
          label={translate(`${D}.dpo.overdue`)}
          value={overdueCount}
          tone={overdueCount > 0 ? 'error' : 'ok'}
          detail={
            alerts.oldestOverdueDays === null
              ? translate(`${D}.dpo.nothing_overdue`)
              : translate(`${D}.dpo.oldest_overdue`, { days: alerts.oldestOverdueDays })
          }
        />
        <Figure
          testId="review"
          label={translate(`${D}.dpo.review_previous`, { month: formatMonth(review.previousMonth) })}
          value={translate(review.previousSignedOff ? `${D}.dpo.signed_off` : `${D}.dpo.not_signed_off`)}
          tone={review.previousSignedOff ? 'ok' : 'warning'}
          detail={
            <>
              {review.lastSignedMonth
                ? translate(`${D}.dpo.last_signed`, { month: formatMonth(review.lastSignedMonth) })
                : translate(`${D}.dpo.never_signed`)}
              {' · '}
              {translate(`${D}.dpo.anomalies_this_month`, { month: formatMonth(review.currentMonth) })}:{' '}
              <strong data-testid="figure-current-anomalies">{review.currentAnomalies}</strong>
            </>
          }
          to="/access-review"
        />
        <Figure
          testId="findings"
          label={translate(`${D}.dpo.findings`)}
          value={findingTotal}
          tone={findingTotal > 0 ? 'warning' : 'ok'}
          detail={oldestFinding >= 0 ? translate(`${D}.dpo.findings_oldest`, { days: oldestFinding }) : undefined}
          to="/compliance-findings"
        />
      </Grid>
      {/* Retention (F9): its cards load with their own messages; the rest of the page does not wait. */}
      <Suspense fallback={null}>
        <RetentionCards figures={figures.retention} />
      </Suspense>
      <Grid container spacing={2} sx={{ mt: 2 }}>
        <ChartCard testId="alerts-by-age" title={translate(`${D}.dpo.alerts_by_age`)}>
          {alerts.total === 0 ? (
            <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
              {translate(`${D}.dpo.no_alerts`)}
            </Typography>
          ) : (
            <BarChart
              height={240}
              xAxis={[{ scaleType: 'band', data: alerts.byAge.map((a) => translate(`${D}.dpo.ages.${a.age}`)) }]}
              yAxis={[countAxis(alerts.byAge.map((a) => a.critical + a.warning))]}
              series={[
                {
                  data: alerts.byAge.map((a) => a.critical),
                  label: translate(`${D}.series.critical`),
                  stack: 'a',
                  color: '#d32f2f',
                },
                {
                  data: alerts.byAge.map((a) => a.warning),
                  label: translate(`${D}.series.warning`),
                  stack: 'a',
                  color: '#ed6c02',
                },
              ]}
              margin={{ right: 16 }}
            />
          )}
        </ChartCard>
        <ChartCard testId="findings-by-kind" title={translate(`${D}.dpo.findings_by_kind`)}>
          <BarChart
            height={240}
            layout="horizontal"
            yAxis={[
              {
                scaleType: 'band',
                data: findings.map((f) => translate(`resources.compliance-findings.kinds.${f.kind}`, { _: f.kind })),
                // The kinds' names whole ("Child under 14 without guardian's consent"); narrower on a phone.
                width: isPhone ? 130 : 250,
              },
            ]}
            xAxis={[countAxis(findings.map((f) => f.count))]}
            series={[{ data: findings.map((f) => f.count), color: '#6a1b9a' }]}
            margin={{ right: 16 }}
          />
        </ChartCard>
        <ChartCard testId="anomalies-by-day" title={translate(`${D}.dpo.anomalies_by_day`)}>
          <ActivityChart activity={activity} series={['anomalies', 'denials']} />
        </ChartCard>
        <ComplaintAgesCard ages={figures.complaints} />
      </Grid>
    </>
  );
};

const SecurityDashboard = ({ figures }: { figures: Extract<DashboardFigures, { role: 'security' }> }) => {
  const translate = useTranslate();
  const { totals, previous } = figures.activity;
  return (
    <>
      <Grid container spacing={2}>
        <Figure
          testId="denials"
          label={`${translate(`${D}.security.denials`)} · ${translate(`${D}.last_30_days`)}`}
          value={totals.denials}
          tone={totals.denials > previous.denials ? 'warning' : 'neutral'}
          detail={<Trend now={totals.denials} before={previous.denials} />}
          to={`/access-log?filter=${encodeURIComponent(JSON.stringify({ action: 'deny' }))}`}
        />
        <Figure
          testId="anomalies"
          label={`${translate(`${D}.security.anomalies`)} · ${translate(`${D}.last_30_days`)}`}
          value={totals.anomalies}
          tone={totals.anomalies > previous.anomalies ? 'warning' : 'neutral'}
          detail={
            <>
              <Trend now={totals.anomalies} before={previous.anomalies} />
              <br />
              {translate(`${D}.security.anomalies_help`)}
            </>
          }
        />
        <Figure
          testId="sign-in-failures"
          label={`${translate(`${D}.security.sign_in_failures`)} · ${translate(`${D}.last_30_days`)}`}
          value={totals.signInFailures}
          tone={totals.signInFailures > previous.signInFailures ? 'warning' : 'neutral'}
          detail={<Trend now={totals.signInFailures} before={previous.signInFailures} />}
        />
      </Grid>
      <Grid container spacing={2} sx={{ mt: 2 }}>
        <ChartCard testId="activity-by-day" title={translate(`${D}.security.by_day`)}>
          <ActivityChart activity={figures.activity} series={['denials', 'anomalies', 'signInFailures']} />
        </ChartCard>
      </Grid>
    </>
  );
};

const ROLE_ORDER: StaffRole[] = ['dpo', 'support', 'security', 'sysadmin', 'auditor'];

const SysadminDashboard = ({ figures }: { figures: Extract<DashboardFigures, { role: 'sysadmin' }> }) => {
  const translate = useTranslate();
  const { staff } = figures;
  const byRole = ROLE_ORDER.map(
    (role) => staff.byRole.find((r) => r.role === role) ?? { role, active: 0, mfaEnrolled: 0, disabled: 0 },
  );
  const active = byRole.reduce((n, r) => n + r.active, 0);
  const withoutMfa = byRole.reduce((n, r) => n + r.active - r.mfaEnrolled, 0);
  return (
    <>
      <Grid container spacing={2}>
        <Figure testId="active-staff" label={translate(`${D}.sysadmin.active`)} value={active} to="/staff" />
        <Figure
          testId="without-mfa"
          label={translate(`${D}.sysadmin.without_mfa`)}
          value={withoutMfa}
          tone={withoutMfa > 0 ? 'warning' : 'ok'}
        />
        <Figure
          testId="locked"
          label={translate(`${D}.sysadmin.locked`)}
          value={staff.locked}
          tone={staff.locked > 0 ? 'error' : 'ok'}
          to="/staff"
        />
        <Figure
          testId="must-change-password"
          label={translate(`${D}.sysadmin.must_change_password`)}
          value={staff.mustChangePassword}
        />
      </Grid>
      <Grid container spacing={2} sx={{ mt: 2 }}>
        <ChartCard testId="staff-by-role" title={translate(`${D}.sysadmin.by_role`)}>
          <BarChart
            height={260}
            xAxis={[{ scaleType: 'band', data: byRole.map((r) => translate(`app.roles.${r.role}`)) }]}
            yAxis={[countAxis(byRole.map((r) => r.active + r.disabled))]}
            series={[
              {
                data: byRole.map((r) => r.mfaEnrolled),
                label: translate(`${D}.series.mfa_enrolled`),
                stack: 's',
                color: '#2e7d32',
              },
              {
                data: byRole.map((r) => r.active - r.mfaEnrolled),
                label: translate(`${D}.series.mfa_missing`),
                stack: 's',
                color: '#ed6c02',
              },
              {
                data: byRole.map((r) => r.disabled),
                label: translate(`${D}.series.disabled`),
                stack: 's',
                color: '#9e9e9e',
              },
            ]}
            margin={{ right: 16 }}
          />
        </ChartCard>
      </Grid>
    </>
  );
};

const SupportDashboard = ({ figures }: { figures: Extract<DashboardFigures, { role: 'support' }> }) => {
  const translate = useTranslate();
  const shortDay = useShortDay();
  const { accounts } = figures;
  return (
    <>
      <Grid container spacing={2}>
        <Figure
          testId="dormant"
          label={translate(`${D}.support.dormant`)}
          value={accounts.byStatus.dormant}
          detail={translate(`${D}.support.dormant_help`)}
          to="/subjects"
        />
        <Figure
          testId="locked"
          label={translate(`${D}.support.locked`)}
          value={accounts.byStatus.locked}
          tone={accounts.byStatus.locked > 0 ? 'warning' : 'ok'}
          detail={translate(`${D}.support.locked_help`)}
          to="/subjects"
        />
        <Figure
          testId="pending-withdrawals"
          label={translate(`${D}.support.pending_withdrawals`)}
          value={accounts.pendingWithdrawals}
        />
      </Grid>
      <Grid container spacing={2} sx={{ mt: 2 }}>
        <ChartCard testId="account-work" title={translate(`${D}.support.by_day`)}>
          <BarChart
            height={240}
            xAxis={[{ scaleType: 'band', data: accounts.daily.map((d) => shortDay(d.date)) }]}
            yAxis={[countAxis(accounts.daily.flatMap((d) => [d.identityChecks, d.accountActions]))]}
            series={[
              {
                data: accounts.daily.map((d) => d.identityChecks),
                label: translate(`${D}.series.identity_checks`),
                color: '#1976d2',
              },
              {
                data: accounts.daily.map((d) => d.accountActions),
                label: translate(`${D}.series.account_actions`),
                color: '#2e7d32',
              },
            ]}
            margin={{ right: 16 }}
          />
        </ChartCard>
      </Grid>
    </>
  );
};

const AuditorDashboard = ({ figures }: { figures: Extract<DashboardFigures, { role: 'auditor' }> }) => {
  const translate = useTranslate();
  const formatInstant = useFormatInstant();
  const formatMonth = useFormatMonth();
  const { integrity, review } = figures;
  const verification = integrity.lastVerification;
  const signed = review.months.filter((m) => m.signedOff).length;
  return (
    <>
      <Grid container spacing={2}>
        <Figure
          testId="integrity"
          label={translate(`${D}.auditor.integrity`)}
          value={
            verification ? translate(`${D}.auditor.${verification.result}`) : translate(`${D}.auditor.never_verified`)
          }
          tone={!verification ? 'warning' : verification.result === 'intact' ? 'ok' : 'error'}
          detail={
            verification
              ? translate(`${D}.auditor.verified_at`, {
                  count: verification.treeSize.toLocaleString(),
                  time: formatInstant(verification.finishedAt),
                })
              : undefined
          }
          to="/integrity"
        />
        <Figure
          testId="latest-head"
          label={translate(`${D}.auditor.latest_head`)}
          value={integrity.latestHead ? integrity.latestHead.treeSize.toLocaleString() : '—'}
          detail={
            integrity.latestHead
              ? translate(`${D}.auditor.head_detail`, { time: formatInstant(integrity.latestHead.signedAt) })
              : translate(`${D}.auditor.no_head`)
          }
        />
        <Figure
          testId="reviews"
          label={translate(`${D}.auditor.reviews`)}
          value={`${signed} / ${review.months.length}`}
          tone={signed === review.months.length ? 'ok' : 'warning'}
          detail={translate(`${D}.auditor.reviews_detail`, { count: review.months.length })}
          to="/access-review"
        />
      </Grid>
      <Card variant="outlined" sx={{ mt: 2 }} data-testid="review-months">
        <CardContent>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
            {translate(`${D}.auditor.months`)}
          </Typography>
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }}>
            {review.months.map((m) => (
              <Chip
                key={m.month}
                color={m.signedOff ? 'success' : 'warning'}
                variant={m.signedOff ? 'filled' : 'outlined'}
                label={`${formatMonth(m.month)} · ${translate(
                  m.signedOff ? `${D}.dpo.signed_off` : `${D}.dpo.not_signed_off`,
                )}`}
              />
            ))}
          </Stack>
        </CardContent>
      </Card>
    </>
  );
};

const Figures = ({ figures }: { figures: DashboardFigures }) => {
  switch (figures.role) {
    case 'dpo':
      return <DpoDashboard figures={figures} />;
    case 'security':
      return <SecurityDashboard figures={figures} />;
    case 'sysadmin':
      return <SysadminDashboard figures={figures} />;
    case 'support':
      return <SupportDashboard figures={figures} />;
    case 'auditor':
      return <AuditorDashboard figures={figures} />;
  }
};

/**
 * The figures of the signed-in role's home screen, with a chart or two. Loaded lazily (the chart
 * library stays out of the first download). Counts only: no person or staff member is named.
 */
const Dashboard = ({ role }: { role: StaffRole }) => {
  const translate = useTranslate();
  const figures = useQuery({
    queryKey: ['dashboard', role],
    queryFn: () => http.get<DashboardFigures>(`/dashboard/${role}`),
    refetchOnMount: 'always',
  });
  return (
    <Box component="section" sx={{ mt: 3 }} data-testid="dashboard" data-role={role} data-ready={figures.isSuccess}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          {translate(`${D}.title`)}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {translate(`${D}.updated`)}
        </Typography>
      </Stack>
      {figures.isPending ? (
        <CircularProgress size={24} aria-label={translate('app.loading')} />
      ) : figures.isError ? (
        <Alert severity="error">{translate(`${D}.loading_failed`)}</Alert>
      ) : (
        <>
          {/* Requests come first: they are the day's work, with legal deadlines. */}
          {(figures.data.role === 'dpo' || figures.data.role === 'support') && (
            <RequestCards role={figures.data.role} figures={figures.data.requests} />
          )}
          {(figures.data.role === 'dpo' || figures.data.role === 'security') && (
            <IncidentClocksCard figures={figures.data.incidents} />
          )}
          <Figures figures={figures.data} />
        </>
      )}
    </Box>
  );
};

export default Dashboard;
