import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { forgetMe } from '../providers/auth';
import { http, isApiError } from '../providers/http';
import { ProblemAlert } from './ProblemAlert';
import { TOTP_CODE_PATTERN, TotpCodeField } from './TotpCodeField';

/** Asks for a fresh TOTP code (POST /api/auth/step-up) before a sensitive action. */
export const StepUpDialog = ({
  open,
  onCancel,
  onVerified,
}: {
  open: boolean;
  onCancel: () => void;
  onVerified: (stepUpUntil: string) => void;
}) => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const close = () => {
    setCode('');
    setError(null);
    onCancel();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const { stepUpUntil } = await http.post<{ stepUpUntil: string }>('/auth/step-up', { code });
      forgetMe();
      await queryClient.invalidateQueries({ queryKey: ['auth', 'getIdentity'] });
      setCode('');
      onVerified(stepUpUntil);
    } catch (caught) {
      setError(caught);
      setCode('');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} maxWidth="xs" fullWidth>
      <form onSubmit={(event) => void submit(event)}>
        <DialogTitle>{translate('app.step_up.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>{translate('app.step_up.intro')}</DialogContentText>
          <ProblemAlert error={error} />
          <TotpCodeField value={code} onChange={setCode} disabled={submitting} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{translate('ra.action.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={submitting || !TOTP_CODE_PATTERN.test(code)}>
            {translate('app.step_up.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};

interface PendingAction {
  action: () => Promise<void>;
  onError: (error: unknown) => void;
}

/**
 * Runs an action; when the server answers STEP_UP_REQUIRED, asks for a code and
 * runs the action again. Render `dialog` somewhere in the component.
 */
export const useStepUp = (): {
  run: (action: () => Promise<void>, onError: (error: unknown) => void) => Promise<void>;
  dialog: ReactNode;
} => {
  const [pending, setPending] = useState<PendingAction | null>(null);

  const run = useCallback(async (action: () => Promise<void>, onError: (error: unknown) => void) => {
    try {
      await action();
    } catch (error) {
      if (isApiError(error) && error.code === 'STEP_UP_REQUIRED') setPending({ action, onError });
      else onError(error);
    }
  }, []);

  const dialog = (
    <StepUpDialog
      open={pending !== null}
      onCancel={() => {
        pending?.onError(null);
        setPending(null);
      }}
      onVerified={() => {
        const retry = pending;
        setPending(null);
        retry?.action().catch(retry.onError);
      }}
    />
  );

  return { run, dialog };
};
