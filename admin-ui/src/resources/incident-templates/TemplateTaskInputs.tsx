import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteArrayInput,
  NumberInput,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  maxValue,
  minValue,
  number,
  regex,
  required,
  useSimpleFormIteratorItem,
  useSourceContext,
  useTranslate,
} from 'react-admin';
import { MAX_OFFSET_HOURS, PHASES, ROLES, T, daysAndHours, type Phase, type TaskValues } from './incidentTemplateTypes';

/** One row of a task's inputs: stacked on a phone, side by side (in `md` columns) from a tablet up. */
const Columns = ({ md, children }: { md: string; children: ReactNode }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md }, gap: 1, width: '100%' }}>{children}</Box>
);

const KEY_RULE = regex(/^[a-z][a-z0-9_]{1,60}$/, `${T}.validation.key`);
const OFFSET_RULES = [required(), number(), minValue(0), maxValue(MAX_OFFSET_HOURS)];

/** "= 3 days 3 hours" under the offset, as people plan it. */
const OffsetInDays = ({ source }: { source: string }) => {
  const translate = useTranslate();
  const value = useWatch({ name: source }) as unknown;
  const hours = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(hours) || hours < 0) return null;
  const { days, hours: rest } = daysAndHours(hours);
  return (
    <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: -1, mb: 1 }}>
      {translate(`${T}.offset_in_days`, { days, hours: rest })}
    </Typography>
  );
};

/** Depends on: any other task of the template, by key (from every phase, as typed so far). */
const DependsOnInput = ({ phase }: { phase: Phase }) => {
  const translate = useTranslate();
  const { index } = useSimpleFormIteratorItem();
  const phases = useWatch({ name: 'phases' }) as Record<Phase, TaskValues[]> | undefined;
  const own = phases?.[phase]?.[index]?.key;
  const choices = PHASES.flatMap((p) =>
    (phases?.[p] ?? [])
      .filter((task) => task?.key && task.key !== own)
      .map((task) => ({ id: task.key, name: `${task.key} · ${translate(`${T}.phases.${p}`)}` })),
  );
  return (
    <AutocompleteArrayInput
      source="dependsOn"
      label={`${T}.fields.dependsOn`}
      choices={choices}
      fullWidth
      helperText={false}
    />
  );
};

/** One phase's tasks: a row of inputs per task, added and removed in the form. */
const PhaseTasks = ({ phase }: { phase: Phase }) => {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2, width: '100%' }} data-testid={`phase-${phase}`}>
      <Typography variant="h6" component="h3" sx={{ fontSize: '1rem' }}>
        {translate(`${T}.phases.${phase}`)}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(`${T}.phase_help.${phase}`)}
      </Typography>
      <ArrayInput source={`phases.${phase}`} label={false}>
        <SimpleFormIterator inline={false} disableClear fullWidth sx={{ '& .RaSimpleFormIterator-line': { py: 1 } }}>
          <Columns md="2fr 3fr 3fr">
            <TextInput source="key" label={`${T}.fields.key`} validate={[required(), KEY_RULE]} helperText={false} />
            {(['ko', 'en'] as const).map((lang) => (
              <TextInput
                key={lang}
                source={`title.${lang}`}
                label={`${T}.fields.title${lang === 'ko' ? 'Ko' : 'En'}`}
                validate={required()}
                helperText={false}
                multiline
              />
            ))}
          </Columns>
          <Columns md="2fr 4fr 2fr">
            <Box>
              <NumberInput
                source="dueOffsetHours"
                label={`${T}.fields.dueOffsetHours`}
                validate={OFFSET_RULES}
                step={1}
                min={0}
                max={MAX_OFFSET_HOURS}
                helperText={false}
              />
              <OffsetInDaysFor />
            </Box>
            <DependsOnInput phase={phase} />
            <SelectInput
              source="role"
              label={`${T}.fields.role`}
              choices={ROLES.map((id) => ({ id, name: `${T}.roles.${id}` }))}
              emptyText={`${T}.roles.none`}
              helperText={false}
            />
          </Columns>
          <Columns md="1fr 1fr">
            <TextInput source="description.ko" label={`${T}.fields.descriptionKo`} multiline helperText={false} />
            <TextInput source="description.en" label={`${T}.fields.descriptionEn`} multiline helperText={false} />
          </Columns>
        </SimpleFormIterator>
      </ArrayInput>
    </Paper>
  );
};

/** The offset's days and hours for the task this row edits. */
const OffsetInDaysFor = () => <OffsetInDays source={useSourceContext().getSource('dueOffsetHours')} />;

/** The four NIST SP 800-61 phases, each with its tasks. */
export const TemplateTaskInputs = () => (
  <Box sx={{ width: '100%' }}>
    {PHASES.map((phase) => (
      <PhaseTasks key={phase} phase={phase} />
    ))}
  </Box>
);
