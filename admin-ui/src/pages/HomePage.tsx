import { lazy, Suspense, useState, type ReactNode } from 'react';
import {
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  CircularProgress,
  Grid,
  Stack,
  Typography,
} from '@mui/material';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlined';
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useCanAccess, useGetIdentity, useLocaleState, useTranslate } from 'react-admin';
import { StepUpDialog } from '../components/StepUpDialog';
import { formatDate } from '../i18n/dates';
import { RegisterAlerts } from './RegisterAlerts';
import type { ConsoleIdentity } from '../providers/auth';
import { http } from '../providers/http';
import VerifiedUserOutlinedIcon from '@mui/icons-material/VerifiedUserOutlined';
import TableChartOutlinedIcon from '@mui/icons-material/TableChartOutlined';
import { accessLogIcon } from '../resources/access-log';
import { complianceFindingsIcon } from '../resources/compliance-findings';
import { processorsIcon } from '../resources/processors';
import { rightsRequestsIcon } from '../resources/rights-requests';
import { PROCESSORS } from '../resources/registers/registerResources';
import { staffIcon } from '../resources/staff';
import { subjectsIcon } from '../resources/subjects';

// The charts library loads with the dashboard, after the home screen itself.
const Dashboard = lazy(() => import('./dashboard/Dashboard'));

/** Screens that exist in this version, each shown only when the rules allow listing its resource. */
const SECTIONS: { resource: string; icon: ReactNode; description: string; to?: string; title?: string }[] = [
  { resource: 'subjects', icon: subjectsIcon, description: 'app.home.subjects_section' },
  { resource: 'rights-requests', icon: rightsRequestsIcon, description: 'app.home.requests_section' },
  { resource: 'compliance-findings', icon: complianceFindingsIcon, description: 'app.home.findings_section' },
  {
    resource: PROCESSORS,
    title: 'app.home.registers_title',
    icon: processorsIcon,
    description: 'app.home.registers_section',
  },
  {
    resource: PROCESSORS,
    to: '/policy-preview',
    title: 'resources.registers.menu.policy_preview',
    icon: <TableChartOutlinedIcon color="primary" />,
    description: 'app.home.policy_preview_section',
  },
  { resource: 'staff', icon: staffIcon, description: 'app.home.staff_section' },
  { resource: 'access-log', icon: accessLogIcon, description: 'app.home.access_log_section' },
  {
    resource: 'access-log',
    to: '/integrity',
    title: 'app.integrity.title',
    icon: <VerifiedUserOutlinedIcon color="primary" />,
    description: 'app.home.integrity_section',
  },
  {
    resource: 'access-log-review',
    to: '/access-review',
    title: 'app.review.title',
    icon: <FactCheckOutlinedIcon color="primary" />,
    description: 'app.home.access_review_section',
  },
];

const SectionCard = ({ resource, icon, description, to, title }: (typeof SECTIONS)[number]) => {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ resource, action: 'list' });
  if (isPending || !canAccess) return null;
  return (
    <Grid size={{ xs: 12, sm: 6, lg: 4 }}>
      <Card variant="outlined" sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
        <CardContent sx={{ flexGrow: 1 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            {icon}
            <Typography variant="h6" component="h3">
              {translate(title ?? `resources.${resource}.name`, { smart_count: 2 })}
            </Typography>
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {translate(description)}
          </Typography>
        </CardContent>
        <CardActions>
          <Button
            component={Link}
            to={to ?? `/${resource}`}
            data-testid={`section-${(to ?? resource).replace('/', '')}`}
          >
            {translate('app.home.open')}
          </Button>
        </CardActions>
      </Card>
    </Grid>
  );
};

// The distinct resources behind the cards, asked once more only to know whether to say "nothing yet".
const SECTION_RESOURCES = [...new Set(SECTIONS.map((s) => s.resource))];

const Sections = () => {
  const translate = useTranslate();
  // SECTION_RESOURCES is a constant, so the hooks are always called in the same order.
  const answers = SECTION_RESOURCES.map((resource) => useCanAccess({ resource, action: 'list' }));
  const pending = answers.some((a) => a.isPending);
  const none = answers.every((a) => !a.canAccess);
  return (
    <Box component="section" sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('app.home.sections')}
      </Typography>
      <Grid container spacing={2}>
        {SECTIONS.map((section) => (
          <SectionCard key={section.to ?? section.resource} {...section} />
        ))}
      </Grid>
      {!pending && none && (
        <Typography variant="body2" color="text.secondary" data-testid="no-sections">
          {translate('app.home.no_sections')}
        </Typography>
      )}
    </Box>
  );
};

const StatusLine = ({
  ok,
  label,
  value,
  action,
}: {
  ok: boolean;
  label: string;
  value: string;
  action?: ReactNode;
}) => (
  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', py: 0.5, flexWrap: 'wrap' }}>
    {ok ? (
      <CheckCircleOutlineIcon color="success" fontSize="small" />
    ) : (
      <ErrorOutlineIcon color="warning" fontSize="small" />
    )}
    <Typography variant="body2" sx={{ minWidth: 160 }}>
      {label}
    </Typography>
    <Typography variant="body2" sx={{ fontWeight: 600 }}>
      {value}
    </Typography>
    {action}
  </Stack>
);

export const HomePage = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { identity, isPending } = useGetIdentity();
  const [stepUpOpen, setStepUpOpen] = useState(false);
  const me = identity as ConsoleIdentity | undefined;
  // The step-up window as the server judges it now (the identity is cached for the whole sign-in):
  // it sends stepUpUntil only while the window is open.
  const stepUp = useQuery({
    queryKey: ['auth', 'step-up'],
    queryFn: () => http.get<{ stepUpUntil: string | null }>('/auth/me'),
  });

  if (isPending || !me) {
    return (
      <Box sx={{ p: 4 }}>
        <CircularProgress aria-label={translate('app.loading')} />
      </Box>
    );
  }

  const until = stepUp.data ? stepUp.data.stepUpUntil : me.stepUpUntil;
  const stepUpUntil = until ? new Date(until) : null;
  const stepUpActive = stepUpUntil !== null;
  const formatTime = (date: Date) => formatDate(date, 'time', locale);

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="home">
      <Title title="app.home.title" />
      <Typography variant="h4" component="h1" sx={{ mb: 2 }}>
        {translate('app.home.welcome', { name: me.fullName ?? me.email })}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Card variant="outlined" sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="overline" component="h2" color="text.secondary">
                {translate('app.home.your_role')}
              </Typography>
              <Chip
                color="primary"
                label={translate(`app.roles.${me.role}`, { _: me.role })}
                data-testid="home-role"
                sx={{ mb: 2 }}
              />
              <Typography variant="subtitle2" component="h3">
                {translate('app.home.may')}
              </Typography>
              <Typography variant="body2" sx={{ mb: 2 }}>
                {translate(`app.role_may.${me.role}`, { _: '' })}
              </Typography>
              <Typography variant="subtitle2" component="h3">
                {translate('app.home.may_not')}
              </Typography>
              <Typography variant="body2">{translate(`app.role_may_not.${me.role}`, { _: '' })}</Typography>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Card variant="outlined" sx={{ height: '100%' }}>
            <CardContent>
              <Typography variant="overline" component="h2" color="text.secondary">
                {translate('app.home.security')}
              </Typography>
              <StatusLine
                ok={me.mfaEnrolled}
                label={translate('app.home.mfa')}
                value={translate(me.mfaEnrolled ? 'app.home.mfa_on' : 'app.home.mfa_off')}
              />
              <StatusLine
                ok={stepUpActive}
                label={translate('app.home.step_up')}
                value={
                  stepUpActive && stepUpUntil
                    ? translate('app.step_up.active_until', { time: formatTime(stepUpUntil) })
                    : translate('app.step_up.inactive')
                }
                action={
                  stepUpActive ? undefined : (
                    <Button size="small" onClick={() => setStepUpOpen(true)}>
                      {translate('app.step_up.start')}
                    </Button>
                  )
                }
              />
              <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 1 }}>
                {translate('app.step_up.explain')}
              </Typography>
            </CardContent>
          </Card>
        </Grid>
      </Grid>
      <Suspense fallback={<CircularProgress size={24} sx={{ mt: 3 }} aria-label={translate('app.loading')} />}>
        <Dashboard role={me.role} />
      </Suspense>
      <RegisterAlerts />
      <Sections />
      <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 3 }}>
        {translate('app.home.hiding_note')}
      </Typography>
      <StepUpDialog
        open={stepUpOpen}
        onCancel={() => setStepUpOpen(false)}
        onVerified={() => {
          setStepUpOpen(false);
          void stepUp.refetch();
        }}
      />
    </Box>
  );
};
