import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { useStepUp } from '../../components/StepUpDialog';
import { useDates } from '../../i18n/dates';
import { useLocalized } from '../registers/registerFields';
import { IDENTITY_CHECK_METHODS } from '../subjects/types';
import { requestApi } from './requestApi';
import { RequestProblem, rk } from './requestFields';
import { useRetentionRuleNames } from './retentionRuleNames';
import {
  ERASURE_CATEGORIES,
  RECTIFICATION_FIELDS,
  REFUSAL_REASONS,
  type ErasureCategory,
  type RightsRequestDetail,
} from './requestTypes';

/**
 * A dialog that sends one request to the server and shows its refusal in place. `send` may throw
 * STEP_UP_REQUIRED: the step-up dialog asks for a code and sends again.
 */
export const ActionDialog = ({
  testId,
  title,
  intro,
  submitLabel,
  ready = true,
  send,
  onDone,
  onClose,
  children,
}: {
  testId: string;
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  ready?: boolean;
  send: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
  children?: ReactNode;
}) => {
  const translate = useTranslate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const stepUp = useStepUp();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The dialog is a portal: its submit must not reach a react-admin form around it.
    event.stopPropagation();
    setBusy(true);
    setError(null);
    await stepUp.run(
      async () => {
        await send();
        setBusy(false);
        onDone();
      },
      (caught) => {
        setError(caught);
        setBusy(false);
      },
    );
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid={testId}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>
          {intro && <DialogContentText sx={{ mb: 2 }}>{intro}</DialogContentText>}
          <RequestProblem error={error} />
          <Stack spacing={2}>{children}</Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !ready} data-testid={`${testId}-submit`}>
            {translate(submitLabel)}
          </Button>
        </DialogActions>
      </form>
      {stepUp.dialog}
    </Dialog>
  );
};

const Text = ({
  label,
  value,
  onChange,
  helper,
  name,
  lines = 1,
  optional = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  helper?: string;
  name: string;
  lines?: number;
  optional?: boolean;
}) => {
  const translate = useTranslate();
  return (
    <TextField
      label={translate(label)}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      helperText={helper ? translate(helper) : undefined}
      name={name}
      multiline={lines > 1}
      minRows={lines}
      fullWidth
      required={!optional}
    />
  );
};

/** A required choice among ids, each shown as `optionLabel(id)` (already translated). */
const Choice = ({
  label,
  value,
  onChange,
  name,
  ids,
  optionLabel,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  name: string;
  ids: readonly string[];
  optionLabel: (id: string) => string;
}) => {
  const translate = useTranslate();
  return (
    <TextField
      select
      label={translate(label)}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      name={name}
      required
      fullWidth
    >
      {ids.map((id) => (
        <MenuItem key={id} value={id}>
          {optionLabel(id)}
        </MenuItem>
      ))}
    </TextField>
  );
};

type Close = { request: RightsRequestDetail; onDone: () => void; onClose: () => void };

export const RejectDialog = ({ request, onDone, onClose }: Close) => {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [remedy, setRemedy] = useState(() => translate(rk('reject.remedy_default')));
  return (
    <ActionDialog
      testId="request-reject"
      title={rk('reject.title')}
      submitLabel={rk('actions.reject')}
      send={() =>
        requestApi.act(request.id, 'reject', { refusalReason: reason, refusalText: text, remedyText: remedy })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Choice
        label={rk('reject.reason')}
        value={reason}
        onChange={setReason}
        name="reason"
        ids={REFUSAL_REASONS}
        optionLabel={(id) => translate(rk(`reject.reasons.${id}`))}
      />
      <Text name="text" label={rk('reject.text')} value={text} onChange={setText} lines={3} />
      <Text name="remedy" label={rk('reject.remedy')} value={remedy} onChange={setRemedy} lines={3} />
    </ActionDialog>
  );
};

export const ExtendDialog = ({ request, onDone, onClose }: Close) => {
  const translate = useTranslate();
  // The governing clock's law by default: the one whose deadline the request answers to.
  const governing = request.clocks.find((c) => c.governs)?.regime ?? request.regimes[0] ?? '';
  const [regime, setRegime] = useState<string>(governing);
  const [reasons, setReasons] = useState('');
  return (
    <ActionDialog
      testId="request-extend"
      title={rk('extend.title')}
      submitLabel={rk('actions.extend')}
      send={() => requestApi.act(request.id, 'extend', { regime, reasons })}
      onDone={onDone}
      onClose={onClose}
    >
      <Choice
        label={rk('extend.regime')}
        value={regime}
        onChange={setRegime}
        name="regime"
        ids={request.regimes}
        optionLabel={(id) => translate(rk(`regimes.${id}`), { _: id })}
      />
      <Text
        name="reasons"
        label={rk('extend.reasons')}
        helper={rk('extend.reasons_help')}
        value={reasons}
        onChange={setReasons}
        lines={3}
      />
    </ActionDialog>
  );
};

export const CompleteDialog = ({ request, partial, onDone, onClose }: Close & { partial: boolean }) => {
  const [note, setNote] = useState('');
  return (
    <ActionDialog
      testId={partial ? 'request-partial' : 'request-complete'}
      title={rk('complete.title')}
      submitLabel={rk(partial ? 'actions.partial' : 'actions.complete')}
      send={() =>
        requestApi.act(request.id, 'complete', {
          result: partial ? 'partially_completed' : 'completed',
          ...(note ? { note } : {}),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Text
        name="note"
        label={rk(partial ? 'complete.partial_note' : 'complete.note')}
        value={note}
        onChange={setNote}
        lines={2}
        optional={!partial}
      />
    </ActionDialog>
  );
};

export const ApproveDialog = ({ request, onDone, onClose }: Close) => {
  const translate = useTranslate();
  return (
    <ActionDialog
      testId="request-approve"
      title={rk('approve.title')}
      intro={translate(rk('approve.help'), { name: request.preparedBy?.name ?? '—' })}
      submitLabel={rk('actions.approve')}
      send={() => requestApi.act(request.id, 'approve')}
      onDone={onDone}
      onClose={onClose}
    />
  );
};

type Decision = 'erase' | 'retain';

interface ProposalRow {
  category: ErasureCategory;
  hold: null | { retentionRuleCode: string; law: string; destroyOn: string };
}

/**
 * Per category: erase now, or keep under the statute that holds it until its destruction date. The
 * proposal says what exists and what a law holds; held data defaults to "keep". Without a proposal
 * from the server, every category asked for is listed and "keep" asks for the retention rule's code.
 */
const ErasureDecisions = ({ request, onDone, onClose }: Close) => {
  const translate = useTranslate();
  const { format } = useDates();
  const proposal = useQuery({
    queryKey: ['rights-requests', request.id, 'erasure-proposal'],
    queryFn: () => requestApi.erasureProposal(request.id),
    retry: false,
  });
  const asked = request.details.categories;
  const fallback: ProposalRow[] = (
    Array.isArray(asked) && asked.length > 0 ? (asked as ErasureCategory[]) : [...ERASURE_CATEGORIES]
  ).map((category) => ({ category, hold: null }));
  const rows: ProposalRow[] = proposal.isSuccess
    ? proposal.data.categories.filter((c) => c.present)
    : proposal.isError
      ? fallback
      : [];
  const localized = useLocalized();
  // Without a proposal, "keep" names one of the retention rules (REQUIREMENTS D) from the registers.
  const rules = useRetentionRuleNames(
    rows.map((row) => row.hold?.retentionRuleCode),
    proposal.isError,
  );
  const [chosen, setChosen] = useState<Partial<Record<ErasureCategory, Decision>>>({});
  const [codes, setCodes] = useState<Partial<Record<ErasureCategory, string>>>({});
  const decisionOf = (row: ProposalRow): Decision => chosen[row.category] ?? (row.hold ? 'retain' : 'erase');
  const decisions = rows.map((row) =>
    decisionOf(row) === 'retain'
      ? {
          category: row.category,
          action: 'retain' as const,
          retentionRuleCode: row.hold?.retentionRuleCode ?? codes[row.category] ?? '',
        }
      : { category: row.category, action: 'erase' as const },
  );
  return (
    <ActionDialog
      testId="request-prepare"
      title={rk('prepare.title')}
      intro={translate(rk('prepare.intro'))}
      submitLabel={rk('actions.prepare')}
      ready={rows.length > 0}
      send={() => requestApi.act(request.id, 'prepare', { decisions })}
      onDone={onDone}
      onClose={onClose}
    >
      {proposal.isPending && <CircularProgress size={24} aria-label={translate('app.loading')} />}
      {proposal.isError && (
        <Alert severity="info" data-testid="prepare-no-proposal">
          {translate(rk('prepare.proposal_missing'))}
        </Alert>
      )}
      {proposal.isSuccess && rows.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate(rk('prepare.absent'))}
        </Typography>
      )}
      {rows.map((row) => (
        <Stack
          key={row.category}
          direction={{ xs: 'column', sm: 'row' }}
          spacing={1}
          sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}
          data-testid="prepare-category"
          data-category={row.category}
          data-decision={decisionOf(row)}
        >
          <Stack sx={{ minWidth: 0 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate(rk(`erasure_categories.${row.category}`), { _: row.category })}
            </Typography>
            {row.hold && (
              <Typography variant="caption" color="text.secondary" data-testid="prepare-hold">
                {translate(rk('prepare.hold'), {
                  law: rules.law(row.hold.retentionRuleCode, row.hold.law),
                  date: format(row.hold.destroyOn, 'date'),
                })}
              </Typography>
            )}
            {!row.hold && decisionOf(row) === 'retain' && (
              <TextField
                select
                size="small"
                label={translate(rk('prepare.rule_code'))}
                value={codes[row.category] ?? ''}
                onChange={(event) => setCodes({ ...codes, [row.category]: event.target.value })}
                sx={{ mt: 0.5, minWidth: 260 }}
                data-testid="prepare-rule"
              >
                {rules.rules.map((rule) => (
                  <MenuItem key={rule.code} value={rule.code}>
                    {localized(rule.name)} · {rule.source}
                  </MenuItem>
                ))}
              </TextField>
            )}
          </Stack>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={decisionOf(row)}
            onChange={(_event, value: Decision | null) => {
              if (value) setChosen({ ...chosen, [row.category]: value });
            }}
          >
            <ToggleButton value="erase" data-testid="prepare-erase">
              {translate(rk('prepare.erase'))}
            </ToggleButton>
            <ToggleButton
              value="retain"
              disabled={proposal.isSuccess && row.hold === null}
              data-testid="prepare-retain"
            >
              {translate(rk('prepare.retain'))}
            </ToggleButton>
          </ToggleButtonGroup>
        </Stack>
      ))}
    </ActionDialog>
  );
};

/** Rectification: the field asked about and its new value (kept encrypted, before and after). */
const RectificationDecision = ({ request, onDone, onClose }: Close) => {
  const translate = useTranslate();
  const asked = typeof request.details.field === 'string' ? request.details.field : '';
  const [field, setField] = useState(asked);
  const [value, setValue] = useState('');
  return (
    <ActionDialog
      testId="request-prepare"
      title={rk('actions.prepare')}
      submitLabel={rk('actions.prepare')}
      ready={field !== '' && value !== ''}
      send={() => requestApi.act(request.id, 'prepare', { change: { field, value } })}
      onDone={onDone}
      onClose={onClose}
    >
      <Choice
        label={rk('wizard.rectification_field')}
        value={field}
        onChange={setField}
        name="field"
        ids={RECTIFICATION_FIELDS}
        optionLabel={(id) => translate(rk(`rectification_fields.${id}`))}
      />
      <Text name="value" label={rk('prepare.new_value')} value={value} onChange={setValue} />
    </ActionDialog>
  );
};

/** Restriction and objection: the decision and its grounds. */
const NoteDecision = ({ request, onDone, onClose }: Close) => {
  const [note, setNote] = useState('');
  return (
    <ActionDialog
      testId="request-prepare"
      title={rk('actions.prepare')}
      submitLabel={rk('actions.prepare')}
      send={() => requestApi.act(request.id, 'prepare', { note })}
      onDone={onDone}
      onClose={onClose}
    >
      <Text name="note" label={rk('prepare.decision')} value={note} onChange={setNote} lines={3} />
    </ActionDialog>
  );
};

/** What the preparer decides depends on the type; access and consent withdrawal need no fields. */
export const PrepareDialog = (props: Close) => {
  switch (props.request.type) {
    case 'erasure':
    case 'account_withdrawal':
      return <ErasureDecisions {...props} />;
    case 'rectification':
      return <RectificationDecision {...props} />;
    case 'restriction':
    case 'objection':
      return <NoteDecision {...props} />;
    case 'access':
    case 'portability':
    case 'consent_withdrawal':
      return (
        <ActionDialog
          testId="request-prepare"
          title={rk('actions.prepare')}
          intro={<>{props.request.reference}</>}
          submitLabel={rk('actions.prepare')}
          send={() => requestApi.act(props.request.id, 'prepare', {})}
          onDone={props.onDone}
          onClose={props.onClose}
        />
      );
  }
};

/**
 * Records an identity check on whoever makes the request (the guardian, for a child), then verifies
 * the request with it: the verification record is method, staff member and time.
 */
export const VerifyDialog = ({ request, onDone, onClose }: Close) => {
  const translate = useTranslate();
  const [method, setMethod] = useState('');
  const [evidenceRef, setEvidenceRef] = useState('');
  const checked =
    request.relation === 'legal_representative' && request.requester ? request.requester.id : request.subject.id;
  return (
    <ActionDialog
      testId="request-verify"
      title={rk('show.record_check')}
      intro={request.relation === 'legal_representative' ? translate(rk('show.verify_guardian')) : undefined}
      submitLabel={rk('show.verify_with')}
      ready={method !== '' && evidenceRef.trim() !== ''}
      send={async () => {
        const check = await requestApi.recordIdentityCheck(checked, { method, evidenceRef });
        return requestApi.act(request.id, 'verify', { identityCheckId: check.id });
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <Choice
        label={rk('show.check_method')}
        value={method}
        onChange={setMethod}
        name="method"
        ids={IDENTITY_CHECK_METHODS}
        optionLabel={(id) => translate(`resources.subjects.checks.methods.${id}`, { _: id })}
      />
      <Text
        name="evidenceRef"
        label={rk('show.check_evidence')}
        helper={rk('show.check_evidence_help')}
        value={evidenceRef}
        onChange={setEvidenceRef}
      />
    </ActionDialog>
  );
};

export const TaskDialog = ({
  request,
  taskId,
  status,
  onDone,
  onClose,
}: Close & { taskId: string; status: 'done' | 'excepted' }) => {
  const [value, setValue] = useState('');
  return (
    <ActionDialog
      testId={`task-${status}`}
      title={rk(status === 'done' ? 'show.task_done' : 'show.task_except')}
      submitLabel={rk('actions.confirm')}
      ready={value.trim() !== ''}
      send={() =>
        requestApi.closeTask(
          request.id,
          taskId,
          status === 'done' ? { status, evidence: value } : { status, exceptionReason: value },
        )
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Text
        name={status === 'done' ? 'evidence' : 'reason'}
        label={rk(status === 'done' ? 'show.task_evidence' : 'show.task_reason')}
        helper={status === 'done' ? rk('show.task_evidence_help') : undefined}
        value={value}
        onChange={setValue}
        lines={2}
      />
    </ActionDialog>
  );
};
