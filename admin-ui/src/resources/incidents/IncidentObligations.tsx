import { useState } from 'react';
import { Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Panel } from '../../components/Panel';
import { useDates } from '../../i18n/dates';
import { incidentApi } from './incidentApi';
import { ClockChip, ik, useLocalizedText } from './incidentFields';
import { AssessDialog, ReasonDialog } from './IncidentDialogs';
import type { IncidentDetail, ObligationView } from './incidentTypes';

const STATUS_COLOR = { pending: 'warning', done: 'success', not_required: 'default', withdrawn: 'default' } as const;

type Clause = { fact: string; value?: unknown; eq?: unknown; gte?: number; gt?: number; lt?: number };

/** Which clauses made the obligation apply, as the server recorded them, in words. */
const Grounds = ({ grounds }: { grounds: Record<string, unknown> | null }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const number = (value: unknown) => (typeof value === 'number' ? value.toLocaleString(locale) : String(value));
  const held = Array.isArray(grounds?.held) ? (grounds.held as Clause[]) : [];
  if (held.length === 0) return null;
  const source = translate(
    ik(`obligations.grounds.count_${grounds?.countSource === 'confirmed' ? 'confirmed' : 'estimated'}`),
  );
  const phrase = (clause: Clause): string => {
    switch (clause.fact) {
      case 'affectedCount': {
        const [op, threshold] =
          clause.gte !== undefined
            ? ['gte', clause.gte]
            : clause.gt !== undefined
              ? ['gt', clause.gt]
              : ['lt', clause.lt];
        return translate(ik(`obligations.grounds.affected_${op}`), {
          count: number(clause.value),
          threshold: number(threshold),
          source,
        });
      }
      case 'usLargestStateCount':
        return translate(ik('obligations.grounds.largest_state'), {
          count: number(clause.value),
          threshold: number(clause.gt),
        });
      case 'vector':
        return translate(ik('obligations.grounds.vector'), {
          vector: translate(ik(`vectors.${String(clause.value)}`)),
        });
      case 'euRisk':
        return translate(ik('obligations.grounds.eu_risk'), {
          risk: translate(ik(`eu_risks.${String(clause.value)}`)),
        });
      case 'sensitiveData':
      case 'uniqueIdentifiers':
      case 'dataEncrypted':
        return translate(ik(`obligations.grounds.${clause.fact}_${String(clause.value)}`));
      default:
        return `${clause.fact}: ${String(clause.value)}`;
    }
  };
  return (
    <Typography variant="caption" color="text.secondary" component="div" data-testid="obligation-grounds">
      {translate(ik('obligations.grounds.because'))} {held.map(phrase).join(' · ')}
    </Typography>
  );
};

type Open = { kind: 'done' | 'not_required'; obligation: ObligationView } | null;

const ObligationRow = ({
  incident,
  obligation,
  onOpen,
}: {
  incident: IncidentDetail;
  obligation: ObligationView;
  onOpen: (open: Open) => void;
}) => {
  const translate = useTranslate();
  const text = useLocalizedText();
  const { format } = useDates();
  const pending = obligation.status === 'pending';
  return (
    <Box
      data-testid="incident-obligation"
      data-code={obligation.code}
      data-status={obligation.status}
      sx={{ py: 1.25, borderBottom: 1, borderColor: 'divider', opacity: obligation.status === 'withdrawn' ? 0.6 : 1 }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {text(obligation.label)}
        </Typography>
        <Chip size="small" variant="outlined" label={obligation.regime} />
        <Chip
          size="small"
          color={STATUS_COLOR[obligation.status]}
          variant="outlined"
          label={translate(ik(`obligation_statuses.${obligation.status}`))}
        />
        {pending && <ClockChip clock={obligation.clock} code={obligation.code} testId="obligation-clock" />}
        {obligation.late && <Chip size="small" color="error" label={translate(ik('obligations.late'))} />}
      </Stack>
      <Typography variant="caption" color="text.secondary" component="div">
        <span data-testid="obligation-source">{text(obligation.legalSource)}</span>
        {obligation.dueAt ? ` · ${translate(ik('obligations.due'), { at: format(obligation.dueAt, 'dateTime') })}` : ''}
        {obligation.doneAt
          ? ` · ${translate(ik('obligations.done_at'), { at: format(obligation.doneAt, 'dateTime') })}`
          : ''}
        {obligation.externalReference ? ` · ${obligation.externalReference}` : ''}
      </Typography>
      <Grounds grounds={obligation.grounds} />
      {obligation.lateReason && (
        <Typography variant="body2">
          {translate(ik('fields.lateReason'))}: {obligation.lateReason}
        </Typography>
      )}
      {obligation.decisionReasons && (
        <Typography variant="body2">
          {translate(ik('fields.reasons'))}: {obligation.decisionReasons}
        </Typography>
      )}
      {pending && (incident.can.notify || incident.can.decide) && (
        <Stack direction="row" spacing={1} sx={{ mt: 0.5 }}>
          {incident.can.notify && (
            <Button
              size="small"
              variant="outlined"
              onClick={() => onOpen({ kind: 'done', obligation })}
              data-testid={`obligation-done-${obligation.code}`}
            >
              {translate(ik('obligations.mark_done'))}
            </Button>
          )}
          {incident.can.decide && (
            <Button
              size="small"
              onClick={() => onOpen({ kind: 'not_required', obligation })}
              data-testid={`obligation-not-required-${obligation.code}`}
            >
              {translate(ik('obligations.not_required'))}
            </Button>
          )}
        </Stack>
      )}
    </Box>
  );
};

/** Marking a notification made: a reason is asked when its clock has run out (the server decides). */
const DoneDialog = ({
  incident,
  obligation,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  obligation: ObligationView;
  onClose: () => void;
  onDone: () => void;
}) => {
  const translate = useTranslate();
  const [reference, setReference] = useState('');
  const late = obligation.clock.state === 'overdue';
  return (
    <ReasonDialog
      testId="obligation-done-dialog"
      title={ik('obligations.done_title')}
      intro={late ? ik('obligations.done_intro_late') : ik('obligations.done_intro')}
      label={ik('fields.lateReason')}
      submitLabel={ik('obligations.mark_done')}
      required={late}
      onClose={onClose}
      onSubmit={async (lateReason) => {
        await incidentApi.obligationDone(incident.id, obligation.code, {
          ...(lateReason ? { lateReason } : {}),
          ...(reference.trim() ? { externalReference: reference.trim() } : {}),
        });
        onDone();
      }}
      extra={
        <TextField
          label={translate(ik('fields.externalReference'))}
          value={reference}
          onChange={(event) => setReference(event.target.value)}
          fullWidth
          helperText={translate(ik('obligations.reference_help'))}
          sx={{ mb: 1 }}
          slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'field-externalReference' } }}
        />
      }
    />
  );
};

export const ObligationsPanel = ({ incident, onChanged }: { incident: IncidentDetail; onChanged: () => void }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState<Open>(null);
  const [assessing, setAssessing] = useState(false);
  const done = () => {
    setOpen(null);
    setAssessing(false);
    onChanged();
  };
  const eu = incident.regimes.includes('EU-GDPR');
  return (
    <Stack spacing={2}>
      <Panel title={translate(ik('panels.obligations'))} testId="incident-obligations">
        {incident.obligations.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate(ik('obligations.none'))}
          </Typography>
        ) : (
          incident.obligations.map((obligation) => (
            <ObligationRow key={obligation.code} incident={incident} obligation={obligation} onOpen={setOpen} />
          ))
        )}
      </Panel>
      {eu && (
        <Panel title={translate(ik('panels.eu_risk'))} testId="incident-eu-risk">
          <Typography variant="body2" data-testid="incident-eu-risk-value">
            {translate(ik(`eu_risks.${incident.euRisk}`))}
          </Typography>
          {incident.euRiskReasons && (
            <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-wrap' }}>
              {incident.euRiskReasons}
            </Typography>
          )}
          {incident.can.decide && incident.status !== 'closed' && (
            <Button size="small" sx={{ mt: 1 }} onClick={() => setAssessing(true)} data-testid="incident-assess">
              {translate(ik('assess.open'))}
            </Button>
          )}
        </Panel>
      )}
      {open?.kind === 'done' && (
        <DoneDialog incident={incident} obligation={open.obligation} onClose={() => setOpen(null)} onDone={done} />
      )}
      {open?.kind === 'not_required' && (
        <ReasonDialog
          testId="obligation-not-required-dialog"
          title={ik('obligations.not_required_title')}
          intro={ik('obligations.not_required_intro')}
          label={ik('fields.reasons')}
          submitLabel={ik('obligations.not_required')}
          onClose={() => setOpen(null)}
          onSubmit={async (reasons) => {
            await incidentApi.obligationNotRequired(incident.id, open.obligation.code, reasons);
            done();
          }}
        />
      )}
      {assessing && <AssessDialog incident={incident} onClose={() => setAssessing(false)} onDone={done} />}
    </Stack>
  );
};
