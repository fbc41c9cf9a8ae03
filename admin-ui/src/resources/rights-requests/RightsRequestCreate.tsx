import { createContext, useContext, useEffect, useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useFormContext, useWatch, type FieldValues } from 'react-hook-form';
import {
  BooleanInput,
  CheckboxGroupInput,
  DateTimeInput,
  Form,
  RadioButtonGroupInput,
  SelectInput,
  TextInput,
  Title,
  required,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import type { SubjectPick } from '../../components/pickers/SubjectPickerInput';
import { RequestPersonInput } from './RequestPersonInput';
import { http } from '../../providers/http';
import { intakeBody, type WizardValues } from './intakeBody';
import { RequestProblem, rk } from './requestFields';
import {
  ACCESS_ITEMS,
  CHANNELS,
  CONSENT_PURPOSES,
  ERASURE_CATEGORIES,
  RECTIFICATION_FIELDS,
  REGIMES,
  RELATIONS,
  REQUEST_TYPES,
  type Regime,
  type RightsRequestRow,
} from './requestTypes';

const STEPS = ['person', 'requester', 'what', 'intake'] as const;

/** The fields each step checks before the next one opens. */
const STEP_FIELDS: string[][] = [
  ['subjectId'],
  ['relation', 'representationEvidence', 'requesterSubjectId'],
  ['type', 'items', 'categories', 'purposes', 'field', 'reason', 'note'],
  ['channel', 'receivedAt', 'regimes', 'locale'],
];

/** A legal representative acts only for a child under 14 (PIPA Art. 22-2); the server decides. */
const CHILD_AGE_LIMIT = 14;

/** The laws that apply by default to the person's service; staff may change them. */
const DEFAULT_REGIMES: Record<string, Regime[]> = {
  shelby: ['KR-PIPA'],
  maumjuui: ['KR-PIPA', 'EU-GDPR'],
};

const choices = (ids: readonly string[], prefix: string) => ids.map((id) => ({ id, name: rk(`${prefix}.${id}`) }));

/** The person picked in the first step, as the search showed them: the later steps read their age. */
const PersonContext = createContext<{ person: SubjectPick | null; setPerson: (p: SubjectPick | null) => void }>({
  person: null,
  setPerson: () => undefined,
});

/** The person as the search showed them: masked name, kind, service, age (the guardian rule reads it). */
const PersonFacts = ({ person }: { person: SubjectPick }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" data-testid="wizard-person-facts">
      <strong>{person.maskedName}</strong> ·{' '}
      {translate(rk('wizard.person_facts'), {
        kind: translate(`resources.subjects.kinds.${person.kind}`, { _: person.kind }),
        service: translate(`resources.subjects.services.${person.service}`, { _: person.service }),
        age:
          person.age === null || person.age === undefined
            ? translate(rk('wizard.age_unknown'))
            : translate('resources.subjects.age_years', { smart_count: person.age }),
      })}
    </Typography>
  );
};

const PersonStep = () => {
  const translate = useTranslate();
  const { setValue } = useFormContext<WizardValues>();
  const { person: p, setPerson } = useContext(PersonContext);
  // The person's service sets the laws; staff may still change them.
  useEffect(() => {
    const service = p?.service;
    if (!service) return;
    setValue('regimes', DEFAULT_REGIMES[service] ?? ['KR-PIPA']);
  }, [p?.service, setValue]);
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {translate(rk('wizard.person_help'))}
      </Typography>
      <RequestPersonInput source="subjectId" label={rk('fields.subject')} validate={required()} onPicked={setPerson} />
      {p && <PersonFacts person={p} />}
    </Stack>
  );
};

const RequesterStep = () => {
  const translate = useTranslate();
  const relation = useWatch<WizardValues, 'relation'>({ name: 'relation' });
  const { person } = useContext(PersonContext);
  const age = person?.age;
  const childKnown = typeof age === 'number';
  // Offered only for a child under 14; with the age unknown here, the server decides and says why.
  const guardianAllowed = !childKnown || age < CHILD_AGE_LIMIT;
  const relationChoices = RELATIONS.filter((r) => r !== 'legal_representative' || guardianAllowed).map((id) => ({
    id,
    name: rk(`relations.${id}`),
  }));
  return (
    <Stack spacing={1}>
      {person && <PersonFacts person={person} />}
      <Typography variant="body2" color="text.secondary">
        {translate(rk('wizard.requester_help'))}
      </Typography>
      <RadioButtonGroupInput
        source="relation"
        label={rk('fields.relation')}
        choices={relationChoices}
        row={false}
        validate={required()}
      />
      {childKnown && !guardianAllowed && (
        <Alert severity="info" data-testid="wizard-guardian-not-offered">
          {translate(rk('wizard.guardian_only_child'), {
            age: translate('resources.subjects.age_years', { smart_count: age }),
          })}
        </Alert>
      )}
      {!childKnown && person && (
        <Typography variant="caption" color="text.secondary">
          {translate(rk('wizard.guardian_age_unknown'))}
        </Typography>
      )}
      {relation === 'legal_representative' && (
        <RequestPersonInput
          source="requesterSubjectId"
          label={rk('wizard.guardian')}
          helperText={translate(rk('wizard.guardian_help'))}
          validate={required()}
        />
      )}
      {relation !== 'self' && (
        <TextInput
          source="representationEvidence"
          label={rk('wizard.evidence')}
          helperText={rk(relation === 'agent' ? 'wizard.evidence_agent_help' : 'wizard.evidence_guardian_help')}
          validate={required()}
          fullWidth
        />
      )}
    </Stack>
  );
};

const WhatStep = () => {
  const translate = useTranslate();
  const type = useWatch<WizardValues, 'type'>({ name: 'type' });
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {translate(rk('wizard.type_help'))}
      </Typography>
      <SelectInput
        source="type"
        label={rk('fields.type')}
        choices={choices(REQUEST_TYPES, 'types')}
        validate={required()}
      />
      {(type === 'access' || type === 'portability') && (
        <CheckboxGroupInput
          source="items"
          label={rk('wizard.access_items')}
          choices={choices(ACCESS_ITEMS, 'access_items')}
          row={false}
        />
      )}
      {(type === 'erasure' || type === 'account_withdrawal') && (
        <>
          {type === 'erasure' && (
            <BooleanInput
              source="sensitiveOnly"
              label={rk('wizard.sensitive_only')}
              helperText={rk('wizard.sensitive_only_help')}
            />
          )}
          <CheckboxGroupInput
            source="categories"
            label={rk('wizard.erasure_categories')}
            helperText={rk('wizard.erasure_categories_help')}
            choices={choices(ERASURE_CATEGORIES, 'erasure_categories')}
            sx={{ '& .MuiFormGroup-root': { display: 'grid', gridTemplateColumns: { sm: '1fr 1fr' } } }}
          />
        </>
      )}
      {type === 'consent_withdrawal' && (
        <CheckboxGroupInput
          source="purposes"
          label={rk('wizard.purposes')}
          choices={CONSENT_PURPOSES.map((id) => ({ id, name: `resources.subjects.consents.purposes.${id}` }))}
          row={false}
          validate={required()}
        />
      )}
      {type === 'rectification' && (
        <>
          <SelectInput
            source="field"
            label={rk('wizard.rectification_field')}
            choices={choices(RECTIFICATION_FIELDS, 'rectification_fields')}
            validate={required()}
          />
          <TextInput source="reason" label={rk('wizard.rectification_reason')} validate={required()} fullWidth />
        </>
      )}
      <TextInput
        source="note"
        label={rk('wizard.note')}
        helperText={rk('wizard.note_help')}
        multiline
        minRows={2}
        fullWidth
      />
    </Stack>
  );
};

const IntakeStep = () => {
  const translate = useTranslate();
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {translate(rk('wizard.intro'))}
      </Typography>
      <SelectInput
        source="channel"
        label={rk('fields.channel')}
        choices={choices(CHANNELS, 'channels')}
        validate={required()}
      />
      <DateTimeInput source="receivedAt" label={rk('wizard.received_at')} helperText={rk('wizard.received_at_help')} />
      <CheckboxGroupInput
        source="regimes"
        label={rk('fields.regimes')}
        helperText={rk('wizard.regimes_help')}
        choices={choices(REGIMES, 'regimes')}
        validate={required()}
      />
      <RadioButtonGroupInput
        source="locale"
        label={rk('fields.locale')}
        choices={choices(['ko', 'en'], 'locales')}
        validate={required()}
      />
    </Stack>
  );
};

const STEP_CONTENT = [PersonStep, RequesterStep, WhatStep, IntakeStep];

const WizardBody = ({ error, pending }: { error: unknown; pending: boolean }) => {
  const translate = useTranslate();
  const { trigger } = useFormContext<WizardValues>();
  const [step, setStep] = useState(0);
  const last = step === STEPS.length - 1;
  const next = async () => {
    if (await trigger(STEP_FIELDS[step] as (keyof WizardValues)[])) setStep(step + 1);
  };
  return (
    <>
      <Stepper activeStep={step} alternativeLabel sx={{ mb: 3 }}>
        {STEPS.map((id) => (
          <Step key={id}>
            <StepLabel>{translate(rk(`wizard.steps.${id}`))}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {/* Every step stays mounted (hidden) so the final submit validates and sends them all. */}
      {STEP_CONTENT.map((Content, index) => (
        <Box
          key={STEPS[index]}
          sx={{ display: index === step ? 'block' : 'none' }}
          data-testid={`wizard-step-${index}`}
        >
          <Content />
        </Box>
      ))}
      <RequestProblem error={error} />
      <Stack direction="row" spacing={1} sx={{ mt: 2, justifyContent: 'space-between' }}>
        <Button disabled={step === 0} onClick={() => setStep(step - 1)} data-testid="wizard-back">
          {translate(rk('wizard.back'))}
        </Button>
        {last ? (
          <Button type="submit" variant="contained" disabled={pending} data-testid="wizard-submit">
            {translate(rk('wizard.submit'))}
          </Button>
        ) : (
          <Button variant="contained" onClick={() => void next()} data-testid="wizard-next">
            {translate(rk('wizard.next'))}
          </Button>
        )}
      </Stack>
    </>
  );
};

const RightsRequestWizard = () => {
  const translate = useTranslate();
  const [person, setPerson] = useState<SubjectPick | null>(null);
  const notify = useNotify();
  const redirect = useRedirect();
  const create = useMutation({
    mutationFn: (values: WizardValues) => http.post<RightsRequestRow>('/rights-requests', intakeBody(values)),
    onSuccess: (created) => {
      notify(rk('wizard.created'), { type: 'success', messageArgs: { reference: created.reference } });
      redirect('show', 'rights-requests', created.id);
    },
  });
  return (
    <Box sx={{ mt: 2, mb: 4, maxWidth: 760 }}>
      <Title title={rk('wizard.title')} />
      <Card variant="outlined">
        <CardContent>
          <Typography variant="h6" component="h1" gutterBottom>
            {translate(rk('wizard.title'))}
          </Typography>
          <PersonContext.Provider value={{ person, setPerson }}>
            <Form<WizardValues>
              defaultValues={{ relation: 'self', locale: 'ko', regimes: ['KR-PIPA'] }}
              onSubmit={(values: FieldValues) => create.mutate(values as WizardValues)}
              noValidate
            >
              <WizardBody error={create.error} pending={create.isPending} />
            </Form>
          </PersonContext.Provider>
        </CardContent>
      </Card>
    </Box>
  );
};

export const RightsRequestCreate = () => (
  <RequireAccess resource="rights-requests" action="create">
    <RightsRequestWizard />
  </RequireAccess>
);
