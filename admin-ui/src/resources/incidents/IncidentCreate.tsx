import { useState } from 'react';
import { Alert, Box, Button, Card, CardActionArea, CardContent, Grid, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Create, Loading, SaveButton, SimpleForm, Toolbar, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { incidentApi } from './incidentApi';
import { ik, useIncidentError, useLocalizedText } from './incidentFields';
import { FactsInputs, factsBody } from './IncidentInputs';
import type { IncidentTemplateRow } from './incidentTypes';

const MONTH = /^\d{4}-\d{2}$/;

/** An anomaly of the monthly access-log review (F2) the incident is opened from, if any. */
const useAnomaly = (): { month: string; actorId: string } | null => {
  const [params] = useSearchParams();
  const month = params.get('month') ?? '';
  const actorId = params.get('actorId') ?? '';
  return MONTH.test(month) && actorId !== '' ? { month, actorId } : null;
};

/** Step 1: the checklist the incident starts from (the current version of a template). */
const TemplatePicker = ({ onPick }: { onPick: (template: IncidentTemplateRow | null) => void }) => {
  const translate = useTranslate();
  const text = useLocalizedText();
  const errorText = useIncidentError();
  const templates = useQuery({ queryKey: ['incident-templates', 'picker'], queryFn: incidentApi.templates });
  if (templates.isPending) return <Loading />;
  if (templates.error) return <Alert severity="error">{errorText(templates.error)}</Alert>;
  const rows = (templates.data ?? []).filter((row) => row.archived !== true);
  return (
    <Box sx={{ p: 2 }} data-testid="incident-template-picker">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 800 }}>
        {translate(ik('create.pick_intro'))}
      </Typography>
      <Grid container spacing={1.5}>
        {rows.map((row) => (
          <Grid key={row.id} size={{ xs: 12, sm: 6, md: 4 }}>
            <Card variant="outlined" sx={{ height: '100%' }}>
              <CardActionArea
                onClick={() => onPick(row)}
                sx={{ height: '100%' }}
                data-testid={`incident-template-${row.key}`}
              >
                <CardContent>
                  <Typography variant="subtitle2">{text(row.name)}</Typography>
                  {row.description && (
                    <Typography variant="body2" color="text.secondary">
                      {typeof row.description === 'string' ? row.description : text(row.description)}
                    </Typography>
                  )}
                  {row.currentVersion !== undefined && (
                    <Typography variant="caption" color="text.secondary">
                      {translate(ik('create.version'), { version: row.currentVersion })}
                    </Typography>
                  )}
                </CardContent>
              </CardActionArea>
            </Card>
          </Grid>
        ))}
      </Grid>
      <Button sx={{ mt: 2 }} onClick={() => onPick(null)} data-testid="incident-template-none">
        {translate(ik('create.no_template'))}
      </Button>
    </Box>
  );
};

const CreateToolbar = ({ onBack }: { onBack: () => void }) => {
  const translate = useTranslate();
  return (
    <Toolbar>
      <Stack direction="row" spacing={1}>
        <SaveButton label={ik('create.submit')} data-testid="incident-create-submit" />
        <Button onClick={onBack}>{translate(ik('create.back'))}</Button>
      </Stack>
    </Toolbar>
  );
};

const CreateView = () => {
  const translate = useTranslate();
  const text = useLocalizedText();
  const anomaly = useAnomaly();
  const [template, setTemplate] = useState<IncidentTemplateRow | null | undefined>(undefined);
  if (template === undefined) return <TemplatePicker onPick={setTemplate} />;
  return (
    <Create
      resource="incidents"
      redirect="show"
      transform={(values: Record<string, unknown>) => ({
        ...factsBody(values),
        ...(template ? { templateId: template.id } : {}),
        ...(anomaly ? { anomaly } : {}),
      })}
    >
      <SimpleForm
        toolbar={<CreateToolbar onBack={() => setTemplate(undefined)} />}
        defaultValues={{
          vector: template?.suggestedVector ?? (anomaly ? 'insider' : undefined),
          regimes: ['KR-PIPA'],
          riskLevel: 'medium',
          affectedEstimated: 0,
          sensitiveData: false,
          uniqueIdentifiers: false,
          dataEncrypted: false,
        }}
      >
        <Typography variant="body2" color="text.secondary" data-testid="incident-create-template">
          {template
            ? translate(ik('create.from_template'), { name: text(template.name) })
            : translate(ik('create.without_template'))}
        </Typography>
        {anomaly && (
          <Alert severity="info" sx={{ mt: 1 }} data-testid="incident-create-anomaly">
            {translate(ik('create.from_anomaly'), { month: anomaly.month })}
          </Alert>
        )}
        <FactsInputs />
      </SimpleForm>
    </Create>
  );
};

export const IncidentCreate = () => (
  <RequireAccess resource="incidents" action="create">
    <CreateView />
  </RequireAccess>
);
