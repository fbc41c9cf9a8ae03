import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import BadgeOutlinedIcon from '@mui/icons-material/BadgeOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import LogoutIcon from '@mui/icons-material/Logout';
import WbSunnyOutlinedIcon from '@mui/icons-material/WbSunnyOutlined';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { isApiError } from '../../providers/http';
import { FormDialog, useFormDialogState } from './FormDialog';
import { subjectApi } from './subjectApi';
import { activeLinks, blockedReason } from './accountState';
import { sk, useFieldErrorMessage, useFormatDateTime, useSubjectErrorMessage } from './subjectFields';
import {
  IDENTITY_CHECK_METHODS,
  type AccountAction,
  type IdentityCheck,
  type IdentityCheckMethod,
  type SocialProvider,
  type SubjectProfile,
} from './types';

const MIN_EVIDENCE = 3;
const MIN_REASON = 3;
const NEW_CHECK = 'new';

const ICONS: Record<AccountAction, ReactNode> = {
  reactivate: <WbSunnyOutlinedIcon />,
  unlock: <LockOpenIcon />,
  unlink_social: <LinkOffIcon />,
  withdraw: <LogoutIcon />,
};

const fieldError = (error: unknown, field: string) =>
  isApiError(error) ? error.errors.find((e) => e.field === field) : undefined;

/** Method, evidence reference and note of an identity check; shared by both dialogs. */
const IdentityCheckFields = ({
  method,
  setMethod,
  evidenceRef,
  setEvidenceRef,
  note,
  setNote,
  touched,
  error,
  autoFocus,
}: {
  method: IdentityCheckMethod;
  setMethod: (method: IdentityCheckMethod) => void;
  evidenceRef: string;
  setEvidenceRef: (value: string) => void;
  note: string;
  setNote: (value: string) => void;
  touched: boolean;
  error: unknown;
  autoFocus?: boolean;
}) => {
  const translate = useTranslate();
  const fieldMessage = useFieldErrorMessage();
  const evidenceMissing = touched && evidenceRef.trim().length < MIN_EVIDENCE;
  const evidenceServer = fieldError(error, 'evidenceRef');
  const methodServer = fieldError(error, 'method');
  return (
    <>
      <TextField
        select
        name="method"
        label={translate(sk('tools.method'))}
        value={method}
        onChange={(event) => setMethod(event.target.value as IdentityCheckMethod)}
        error={Boolean(methodServer)}
        helperText={methodServer ? fieldMessage(methodServer) : undefined}
        fullWidth
        required
        margin="dense"
        autoFocus={autoFocus}
        data-testid="identity-method"
      >
        {IDENTITY_CHECK_METHODS.map((choice) => (
          <MenuItem key={choice} value={choice}>
            {translate(sk(`checks.methods.${choice}`))}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        name="evidenceRef"
        label={translate(sk('tools.evidence_ref'))}
        value={evidenceRef}
        onChange={(event) => setEvidenceRef(event.target.value)}
        error={evidenceMissing || Boolean(evidenceServer)}
        helperText={
          evidenceServer
            ? fieldMessage(evidenceServer)
            : translate(sk(evidenceMissing ? 'tools.evidence_required' : 'tools.evidence_help'))
        }
        fullWidth
        required
        margin="dense"
        slotProps={{ htmlInput: { maxLength: 200 } }}
      />
      <TextField
        name="note"
        label={translate(sk('tools.note'))}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        fullWidth
        multiline
        margin="dense"
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
    </>
  );
};

const useCheckState = () => {
  const [method, setMethod] = useState<IdentityCheckMethod>('phone_otp');
  const [evidenceRef, setEvidenceRef] = useState('');
  const [note, setNote] = useState('');
  const input = () => ({
    method,
    evidenceRef: evidenceRef.trim(),
    ...(note.trim() ? { note: note.trim() } : {}),
  });
  const complete = evidenceRef.trim().length >= MIN_EVIDENCE;
  return { method, setMethod, evidenceRef, setEvidenceRef, note, setNote, input, complete };
};

/** Records how the person asking was identified. */
export const IdentityCheckDialog = ({ profile, onClose }: { profile: SubjectProfile; onClose: () => void }) => {
  const notify = useNotify();
  const refresh = useRefresh();
  const errorMessage = useSubjectErrorMessage();
  const check = useCheckState();
  const { touched, error, submitting, begin, fail } = useFormDialogState();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!begin(check.complete)) return;
    try {
      await subjectApi.recordIdentityCheck(profile.id, check.input());
      notify(sk('tools.check_done'), { type: 'success' });
      refresh();
      onClose();
    } catch (caught) {
      fail(caught);
    }
  };

  // Field errors show on their fields; anything else above the form.
  const general = error && !(isApiError(error) && error.errors.length > 0) ? errorMessage(error) : null;

  return (
    <FormDialog
      testId="identity-check-dialog"
      title={sk('tools.check_title')}
      intro={sk('tools.check_intro')}
      gap={1}
      error={general}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={sk('tools.record_check')}
      submitTestId="identity-check-submit"
      submitDisabled={submitting}
    >
      <IdentityCheckFields {...check} touched={touched} error={error} autoFocus />
    </FormDialog>
  );
};

/**
 * One account action: which identity check justifies it (a valid recorded one, or a new one
 * recorded here first), the reason, and for unlinking which social login.
 */
export const AccountActionDialog = ({
  profile,
  action,
  onClose,
}: {
  /** What the dialog reads of the person: a separated account's reactivation has only its id (F9). */
  profile: Pick<SubjectProfile, 'id' | 'identityChecks' | 'socialLinks'>;
  action: AccountAction;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const format = useFormatDateTime();
  const errorMessage = useSubjectErrorMessage();
  const fieldMessage = useFieldErrorMessage();
  const check = useCheckState();

  // Checks recorded in this dialog count too, before the profile is reloaded.
  const [recorded, setRecorded] = useState<IdentityCheck[]>([]);
  const validChecks = [...recorded, ...profile.identityChecks]
    .filter((c, i, all) => all.findIndex((other) => other.id === c.id) === i)
    .filter((c) => c.valid)
    .sort((a, b) => b.checkedAt.localeCompare(a.checkedAt));
  const [choice, setChoice] = useState<string>(validChecks[0]?.id ?? NEW_CHECK);
  const links = activeLinks(profile);
  const [provider, setProvider] = useState<SocialProvider | ''>(links[0]?.provider ?? '');
  const [reason, setReason] = useState('');
  const { touched, error, submitting, begin, fail } = useFormDialogState();

  const reasonMissing = reason.trim().length < MIN_REASON;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ready = !reasonMissing && (choice !== NEW_CHECK || check.complete);
    if (!begin(ready && (action !== 'unlink_social' || Boolean(provider)))) return;
    try {
      let identityCheckId = choice;
      if (choice === NEW_CHECK) {
        const created = await subjectApi.recordIdentityCheck(profile.id, check.input());
        setRecorded((current) => [created, ...current]);
        setChoice(created.id);
        identityCheckId = created.id;
      }
      await subjectApi.accountAction(profile.id, action, {
        identityCheckId,
        reason: reason.trim(),
        ...(action === 'unlink_social' && provider ? { provider } : {}),
      });
      notify(sk(`tools.done.${action}`), { type: 'success' });
      refresh();
      onClose();
    } catch (caught) {
      fail(caught);
    }
  };

  const checkServerError = fieldError(error, 'identityCheckId');
  const reasonServerError = fieldError(error, 'reason');
  const providerServerError = fieldError(error, 'provider');
  const shownOnFields =
    checkServerError || reasonServerError || providerServerError || fieldError(error, 'evidenceRef');
  const general = error && !shownOnFields ? errorMessage(error) : null;
  const reasonError = (touched && reasonMissing) || Boolean(reasonServerError);

  return (
    <FormDialog
      testId={`account-action-dialog-${action}`}
      title={sk(`tools.actions.${action}`)}
      intro={sk(`tools.intros.${action}`)}
      error={general}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={sk(`tools.actions.${action}`)}
      submitTestId="account-action-submit"
      submitColor={action === 'withdraw' ? 'error' : 'primary'}
      submitDisabled={submitting}
    >
      {action === 'unlink_social' && (
        <TextField
          select
          name="provider"
          label={translate(sk('tools.provider'))}
          value={provider}
          onChange={(event) => setProvider(event.target.value as SocialProvider)}
          error={Boolean(providerServerError)}
          helperText={providerServerError ? fieldMessage(providerServerError) : undefined}
          fullWidth
          required
          margin="dense"
          sx={{ mb: 2 }}
        >
          {links.map((link) => (
            <MenuItem key={link.id} value={link.provider}>
              {translate(sk(`providers.${link.provider}`))}
              {link.providerNickname ? ` · ${link.providerNickname}` : ''}
              {link.emailMask ? ` · ${link.emailMask}` : ''}
            </MenuItem>
          ))}
        </TextField>
      )}
      <FormControl component="fieldset" error={Boolean(checkServerError)} fullWidth data-testid="identity-choice">
        <FormLabel component="legend" sx={{ mb: 0.5 }}>
          {translate(sk('tools.identity'))}
        </FormLabel>
        {validChecks.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 0.5 }} data-testid="no-valid-check">
            {translate(sk('tools.no_valid_check'))}
          </Typography>
        )}
        <RadioGroup value={choice} onChange={(event) => setChoice(event.target.value)} name="identityCheckId">
          {validChecks.map((c) => (
            <FormControlLabel
              key={c.id}
              value={c.id}
              control={<Radio size="small" />}
              label={translate(sk('tools.use_check'), {
                time: format(c.checkedAt),
                method: translate(sk(`checks.methods.${c.method}`), { _: c.method }),
                until: format(c.validUntil),
              })}
            />
          ))}
          <FormControlLabel
            value={NEW_CHECK}
            control={<Radio size="small" />}
            label={translate(sk('tools.new_check'))}
            data-testid="identity-choice-new"
          />
        </RadioGroup>
        {checkServerError && <FormHelperText>{fieldMessage(checkServerError)}</FormHelperText>}
      </FormControl>
      {choice === NEW_CHECK && (
        <Box sx={{ pl: 2, borderLeft: 2, borderColor: 'divider', mb: 1 }}>
          <IdentityCheckFields {...check} touched={touched} error={error} />
        </Box>
      )}
      <TextField
        name="reason"
        label={translate(sk('tools.reason'))}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={reasonError}
        helperText={
          reasonServerError
            ? fieldMessage(reasonServerError)
            : translate(sk(touched && reasonMissing ? 'tools.reason_required' : 'tools.reason_help'))
        }
        multiline
        minRows={2}
        fullWidth
        required
        margin="normal"
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
    </FormDialog>
  );
};

const ACTIONS: AccountAction[] = ['reactivate', 'unlock', 'unlink_social', 'withdraw'];

/** Where support works: whether an identity check still holds, until when and for how long (server's count). */
const IdentityWindowLine = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const held = profile.identityWindow;
  if (held === undefined) return null;
  return (
    <Alert
      severity={held ? 'success' : 'info'}
      variant="outlined"
      icon={<BadgeOutlinedIcon fontSize="small" />}
      sx={{ mb: 1, py: 0 }}
      data-testid="identity-window"
      data-minutes-left={held?.minutesLeft}
    >
      {held
        ? translate(sk('tools.window_open'), {
            method: translate(sk(`checks.methods.${held.method}`), { _: held.method }),
            until: format(held.validUntil),
            smart_count: held.minutesLeft,
          })
        : translate(sk('tools.window_none'))}
    </Alert>
  );
};

/** Support's account tools: buttons that explain why they are disabled, and their dialogs. */
export const AccountTools = ({ profile }: { profile: SubjectProfile }) => {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const [open, setOpen] = useState<AccountAction | 'check' | null>(null);
  if (!profile.can.accountAction) return null;
  const explained = ACTIONS.map((action) => {
    const blocked = blockedReason(profile, action);
    const explanation = blocked
      ? translate(sk(blocked.key), {
          ...blocked.args,
          ...(blocked.args?.time ? { time: format(String(blocked.args.time)) } : {}),
        })
      : '';
    return { action, explanation };
  });
  return (
    <Box data-testid="account-tools">
      <Typography variant="overline" component="h2" color="text.secondary">
        {translate(sk('tools.title'))}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate(sk('tools.intro'))}
      </Typography>
      <IdentityWindowLine profile={profile} />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          size="small"
          startIcon={<BadgeOutlinedIcon />}
          onClick={() => setOpen('check')}
          disabled={profile.keyShredded || profile.status === 'withdrawn'}
          data-testid="tool-record-check"
        >
          {translate(sk('tools.record_check'))}
        </Button>
        {explained.map(({ action, explanation }) => (
          <Tooltip key={action} title={explanation} describeChild>
            {/* A disabled button gets no hover events: the span carries the explanation. */}
            <span data-testid={`tool-${action}-wrapper`} data-disabled-reason={explanation || undefined}>
              <Button
                variant={explanation ? 'outlined' : 'contained'}
                size="small"
                color={action === 'withdraw' ? 'error' : 'primary'}
                startIcon={ICONS[action]}
                disabled={Boolean(explanation)}
                onClick={() => setOpen(action)}
                data-testid={`tool-${action}`}
              >
                {translate(sk(`tools.actions.${action}`))}
              </Button>
            </span>
          </Tooltip>
        ))}
      </Stack>
      {explained.some((e) => e.explanation) && (
        <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5, color: 'text.secondary' }} data-testid="tools-not-now">
          {explained
            .filter((e) => e.explanation)
            .map(({ action, explanation }) => (
              <Typography key={action} component="li" variant="caption" sx={{ display: 'list-item' }}>
                {translate(sk(`tools.actions.${action}`))}: {explanation}
              </Typography>
            ))}
        </Box>
      )}
      {open === 'check' && <IdentityCheckDialog profile={profile} onClose={() => setOpen(null)} />}
      {open && open !== 'check' && (
        <AccountActionDialog profile={profile} action={open} onClose={() => setOpen(null)} />
      )}
    </Box>
  );
};
