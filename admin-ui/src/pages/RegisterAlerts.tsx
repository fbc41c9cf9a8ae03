import { Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import NotificationsActiveOutlinedIcon from '@mui/icons-material/NotificationsActiveOutlined';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import { useQuery } from '@tanstack/react-query';
import { Link, useCanAccess, useTranslate } from 'react-admin';
import { http } from '../providers/http';
import { useFormatDay, useLocalized, useRelativeDays } from '../resources/registers/registerFields';
import { PROCESSORS, RESOURCE_BY_REGISTER } from '../resources/registers/registerResources';
import type { RegisterAlert } from '../resources/registers/registerTypes';

const R = 'resources.registers';
export const REGISTER_ALERTS_KEY = ['registers', 'alerts'];

/** What the alert is about, in a sentence: the date and how far it is, or what is missing. */
const useAlertDetail = () => {
  const translate = useTranslate();
  const formatDay = useFormatDay();
  const relative = useRelativeDays();
  return (alert: RegisterAlert): string => {
    const date = alert.dueOn ? formatDay(alert.dueOn) : '';
    const when = alert.daysLeft === undefined ? '' : relative(alert.daysLeft);
    switch (alert.code) {
      case 'DPA_EXPIRING':
        return translate(`${R}.alerts.detail.${(alert.daysLeft ?? 0) < 0 ? 'dpa_expired' : 'dpa_expires'}`, {
          date,
          when,
        });
      case 'INSPECTION_OVERDUE':
        return translate(`${R}.alerts.detail.inspection_overdue`, { date, when });
      case 'CONTRACT_TERMS_MISSING':
        return translate(`${R}.alerts.detail.missing`, {
          items: (alert.missing ?? [])
            .map((term) => translate(`${R}.contract_terms.terms.${term}`, { _: term }))
            .join(', '),
        });
      case 'TRANSFER_WITHOUT_BASIS':
        return translate(`${R}.alerts.detail.missing`, {
          items: (alert.missing ?? [])
            .map((field) => translate(`resources.registers/transfers.fields.${field}`, { _: field }))
            .join(', '),
        });
      case 'SUSPENDED_TRANSFER_IN_USE':
        return translate(`${R}.alerts.detail.suspended`);
    }
  };
};

const AlertRow = ({ alert }: { alert: RegisterAlert }) => {
  const translate = useTranslate();
  const localized = useLocalized();
  const detail = useAlertDetail();
  const resource = RESOURCE_BY_REGISTER[alert.register] ?? PROCESSORS;
  return (
    <Stack
      direction={{ xs: 'column', sm: 'row' }}
      spacing={1.5}
      sx={{ py: 1.25, alignItems: { sm: 'center' }, borderTop: 1, borderColor: 'divider' }}
      data-testid="register-alert"
      data-code={alert.code}
      data-row={alert.rowId}
      data-days={alert.daysLeft}
    >
      <Chip
        size="small"
        color={alert.severity === 'critical' ? 'error' : 'warning'}
        label={translate(`${R}.alerts.severity.${alert.severity}`)}
        sx={{ alignSelf: { xs: 'flex-start', sm: 'center' }, flexShrink: 0 }}
      />
      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {translate(`${R}.alerts.codes.${alert.code}`, { _: alert.code })} · {localized(alert.label)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {detail(alert)}
        </Typography>
      </Box>
      <Button
        component={Link}
        to={`/${resource}/${encodeURIComponent(alert.rowId)}/show`}
        size="small"
        variant="outlined"
        sx={{ alignSelf: { xs: 'flex-start', sm: 'center' }, flexShrink: 0 }}
        data-testid="register-alert-open"
      >
        {translate(`${R}.alerts.open`)}
      </Button>
    </Stack>
  );
};

const AlertsPanel = () => {
  const translate = useTranslate();
  const alerts = useQuery({
    queryKey: REGISTER_ALERTS_KEY,
    queryFn: () => http.get<RegisterAlert[]>('/registers/alerts'),
    refetchOnMount: 'always',
  });
  const rows = alerts.data ?? [];
  return (
    <Card
      variant="outlined"
      sx={{ mt: 2 }}
      data-testid="register-alerts"
      // Set once the alerts are current: not while the cached ones show during the refetch on mount.
      data-count={alerts.isSuccess && !alerts.isFetching ? rows.length : ''}
    >
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <NotificationsActiveOutlinedIcon color={rows.length > 0 ? 'warning' : 'action'} />
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {translate(`${R}.alerts.title`)}
          </Typography>
          {alerts.isSuccess && rows.length > 0 && (
            <Chip size="small" color="warning" label={translate(`${R}.alerts.count`, { smart_count: rows.length })} />
          )}
        </Stack>
        {alerts.isPending ? (
          <CircularProgress size={24} aria-label={translate('app.loading')} />
        ) : alerts.isError ? (
          <Alert severity="error">{translate(`${R}.alerts.loading_failed`)}</Alert>
        ) : rows.length === 0 ? (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="register-alerts-none">
            <CheckCircleOutlineIcon color="success" fontSize="small" />
            <Typography variant="body2">{translate(`${R}.alerts.none`)}</Typography>
          </Stack>
        ) : (
          <Box>
            {rows.map((alert) => (
              <AlertRow key={alert.id} alert={alert} />
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

/**
 * The registers' alerts on the DPO's home screen: expiring processing agreements, overdue
 * inspections, transfers without a basis, processors missing contract terms, suspended
 * transfers still in use. Shown to whoever may change the registers.
 */
export const RegisterAlerts = () => {
  const { canAccess, isPending } = useCanAccess({ resource: PROCESSORS, action: 'edit' });
  if (isPending || !canAccess) return null;
  return <AlertsPanel />;
};
