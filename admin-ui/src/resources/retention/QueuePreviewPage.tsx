import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Grid,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import ListAltOutlinedIcon from '@mui/icons-material/ListAltOutlined';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { ProblemAlert } from '../../components/ProblemAlert';
import { http } from '../../providers/http';
import { useDates } from '../../i18n/dates';
import { Localized, usePeriodText, useRetentionLabel } from './retentionFields';
import { PREVIEW, QUEUE, RT, type Preview, type PreviewRule } from './retentionTypes';

const P = `${RT}.preview`;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const Count = ({ label, value, tone, testId }: { label: string; value: number; tone?: string; testId: string }) => (
  <Box sx={{ minWidth: 96 }}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="h6" component="div" sx={{ fontWeight: 600, color: tone }} data-testid={testId}>
      {value.toLocaleString()}
    </Typography>
  </Box>
);

/** One rule's share of the day: what goes, why, for how many people and records, and how many a hold keeps. */
const RuleCard = ({ rule, on }: { rule: PreviewRule; on: string }) => {
  const translate = useTranslate();
  const label = useRetentionLabel();
  const period = usePeriodText();
  const queueLink = `/${QUEUE}?filter=${encodeURIComponent(JSON.stringify({ ruleId: rule.ruleId, dueBy: on }))}`;
  return (
    <Card variant="outlined" data-testid="preview-rule" data-code={rule.code}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            <Localized text={rule.name} />
          </Typography>
          <Chip
            size="small"
            label={label('actions', rule.action)}
            color={rule.action === 'destroy' ? 'error' : 'info'}
            variant="outlined"
          />
          <Chip size="small" label={label('categories', rule.category)} variant="outlined" />
        </Stack>
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="preview-why">
          <Localized text={rule.why} />
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
          {[period(rule.period), translate(`${P}.from`, { trigger: label('triggers', rule.trigger) }), rule.legalBasis]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
        <Stack direction="row" spacing={3} sx={{ mt: 1.5, flexWrap: 'wrap', rowGap: 1, alignItems: 'flex-end' }}>
          <Count label={translate(`${P}.people`)} value={rule.people} testId="preview-people" />
          <Count label={translate(`${P}.records`)} value={rule.records} testId="preview-records" />
          <Count
            label={translate(`${P}.held`)}
            value={rule.held}
            tone={rule.held > 0 ? 'warning.dark' : undefined}
            testId="preview-held"
          />
          <Button component={Link} to={queueLink} size="small" startIcon={<ListAltOutlinedIcon />}>
            {translate(`${P}.open_items`)}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};

/**
 * What the destruction run will do on a day (tomorrow unless another is chosen), per rule and why;
 * counts only, no people. The run itself is the nightly job; this page changes nothing.
 */
export const QueuePreviewPage = () => {
  const translate = useTranslate();
  const { format } = useDates();
  const [params, setParams] = useSearchParams();
  const asked = params.get('on');
  const on = asked && DAY.test(asked) ? asked : undefined;
  const [typed, setTyped] = useState(on ?? '');
  const preview = useQuery({
    queryKey: [QUEUE, 'preview', on ?? 'tomorrow'],
    queryFn: () => http.get<Preview>(`/${QUEUE}/preview`, on ? { on } : undefined),
  });
  const day = preview.data?.on ?? on;
  return (
    <RequireAccess resource={PREVIEW} action="read">
      <Box sx={{ p: { xs: 1, sm: 2 }, maxWidth: 1100 }} data-testid="queue-preview">
        <Title title={`${P}.title`} />
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(`${P}.intro`)}
        </Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mb: 2 }}>
          <TextField
            type="date"
            size="small"
            label={translate(`${P}.day`)}
            value={typed || day || ''}
            onChange={(event) => {
              setTyped(event.target.value);
              if (DAY.test(event.target.value)) setParams({ on: event.target.value }, { replace: true });
            }}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'preview-day' } }}
            sx={{ width: 200 }}
          />
          {on && (
            <Button
              size="small"
              onClick={() => {
                setTyped('');
                setParams({}, { replace: true });
              }}
            >
              {translate(`${P}.tomorrow`)}
            </Button>
          )}
          <Button component={Link} to={`/${QUEUE}`} size="small" startIcon={<ListAltOutlinedIcon />}>
            {translate(`${P}.all_items`)}
          </Button>
        </Stack>
        {preview.isPending ? (
          <CircularProgress size={24} aria-label={translate('app.loading')} />
        ) : preview.isError ? (
          <ProblemAlert error={preview.error} />
        ) : (
          <>
            <Card variant="outlined" sx={{ mb: 2 }}>
              <CardContent>
                <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }} data-testid="preview-heading">
                  {translate(`${P}.heading`, { day: format(preview.data.on, 'dateWithWeekday') })}
                </Typography>
                <Stack direction="row" spacing={3} sx={{ mt: 1, flexWrap: 'wrap' }}>
                  <Count
                    label={translate(`${P}.people`)}
                    value={preview.data.totals.people}
                    testId="preview-total-people"
                  />
                  <Count
                    label={translate(`${P}.records`)}
                    value={preview.data.totals.records}
                    testId="preview-total-records"
                  />
                  <Count
                    label={translate(`${P}.held`)}
                    value={preview.data.totals.held}
                    tone={preview.data.totals.held > 0 ? 'warning.dark' : undefined}
                    testId="preview-total-held"
                  />
                </Stack>
                {preview.data.totals.held > 0 && (
                  <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
                    {translate(`${P}.held_help`)}
                  </Typography>
                )}
              </CardContent>
            </Card>
            {preview.data.rules.length === 0 ? (
              <Alert severity="info" data-testid="preview-empty">
                {translate(`${P}.nothing`)}
              </Alert>
            ) : (
              <Grid container spacing={2}>
                {preview.data.rules.map((rule) => (
                  <Grid key={rule.ruleId} size={{ xs: 12, md: 6 }}>
                    <RuleCard rule={rule} on={preview.data.on} />
                  </Grid>
                ))}
              </Grid>
            )}
          </>
        )}
      </Box>
    </RequireAccess>
  );
};
