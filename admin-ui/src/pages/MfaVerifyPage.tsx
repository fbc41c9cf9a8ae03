import { useState, type FormEvent } from 'react';
import { Box, Button, CircularProgress, Link, TextField, Typography } from '@mui/material';
import { useNotify, useTranslate } from 'react-admin';
import { AuthCard } from '../components/AuthCard';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartOverLink } from '../components/StartOverLink';
import { TOTP_CODE_PATTERN, TotpCodeField } from '../components/TotpCodeField';
import { http } from '../providers/http';
import { useContinueSignIn, useStageGuard } from './signInFlow';
import { MONOSPACE } from '../layout/theme';

/** Each later sign-in: a TOTP code, or one of the recovery codes. */
export const MfaVerifyPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const session = useStageGuard('mfa_verify');
  const continueSignIn = useContinueSignIn();

  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      if (mode === 'totp') {
        await http.post<{ stage: 'full' }>('/auth/mfa/verify', { code });
      } else {
        const result = await http.post<{ stage: 'full'; remainingRecoveryCodes: number }>('/auth/mfa/recover', {
          recoveryCode: recoveryCode.trim(),
        });
        notify('app.mfa.verify.remaining', {
          type: result.remainingRecoveryCodes <= 3 ? 'warning' : 'info',
          messageArgs: { smart_count: result.remainingRecoveryCodes },
          autoHideDuration: 10000,
        });
      }
      await continueSignIn('full');
    } catch (caught) {
      setError(caught);
      setCode('');
      setSubmitting(false);
    }
  };

  const switchMode = () => {
    setMode(mode === 'totp' ? 'recovery' : 'totp');
    setError(null);
  };

  if (!session) {
    return (
      <AuthCard title={translate('app.mfa.verify.title')}>
        <CircularProgress aria-label={translate('app.loading')} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={translate('app.mfa.verify.title')}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate(mode === 'totp' ? 'app.mfa.verify.intro' : 'app.mfa.verify.recovery_intro')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {session.displayName} · {session.email}
      </Typography>
      <ProblemAlert error={error} />
      <Box component="form" onSubmit={(event) => void submit(event)}>
        {mode === 'totp' ? (
          <TotpCodeField value={code} onChange={setCode} disabled={submitting} />
        ) : (
          <TextField
            name="recoveryCode"
            label={translate('app.mfa.verify.recovery_code')}
            value={recoveryCode}
            onChange={(event) => setRecoveryCode(event.target.value)}
            autoComplete="off"
            autoFocus
            required
            fullWidth
            margin="normal"
            slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: MONOSPACE } } }}
          />
        )}
        <Button
          type="submit"
          variant="contained"
          size="large"
          fullWidth
          disabled={submitting || (mode === 'totp' ? !TOTP_CODE_PATTERN.test(code) : recoveryCode.trim() === '')}
          sx={{ mt: 1 }}
        >
          {translate(mode === 'totp' ? 'app.mfa.verify.submit' : 'app.mfa.verify.recovery_submit')}
        </Button>
      </Box>
      <Box sx={{ mt: 2 }}>
        <Link component="button" type="button" variant="body2" onClick={switchMode} data-testid="toggle-recovery">
          {translate(mode === 'totp' ? 'app.mfa.verify.use_recovery' : 'app.mfa.verify.use_totp')}
        </Link>
      </Box>
      <StartOverLink />
    </AuthCard>
  );
};
