import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, CircularProgress, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { AuthCard } from '../components/AuthCard';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartOverLink } from '../components/StartOverLink';
import { fieldErrorKey, http, isApiError } from '../providers/http';
import type { SignInStage } from '../types';
import { useContinueSignIn, useStageGuard } from './signInFlow';

const MIN_LENGTH = 12;

/** The first sign-in (or an admin-forced change) ends here: set one's own password. */
export const PasswordChangePage = () => {
  const translate = useTranslate();
  const session = useStageGuard('password_change');
  const continueSignIn = useContinueSignIn();

  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const length = [...newPassword].length;
  const tooShort = length < MIN_LENGTH;
  const mismatch = confirmation !== newPassword;

  const serverFieldError = isApiError(error)
    ? error.errors.find((fieldError) => fieldError.field === 'newPassword')
    : undefined;
  const serverFieldMessage = serverFieldError ? translate(fieldErrorKey(serverFieldError)) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (tooShort || mismatch) return;
    setSubmitting(true);
    setError(null);
    try {
      const { stage } = await http.post<{ stage: SignInStage }>('/auth/password', { newPassword });
      await continueSignIn(stage);
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  if (!session) {
    return (
      <AuthCard title={translate('app.password.title')}>
        <CircularProgress aria-label={translate('app.loading')} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={translate('app.password.title')}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate('app.password.intro')} ({session.email})
      </Typography>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('app.password.rules')}
      </Alert>
      {/* Field-level problems are shown under the field; only the rest goes on top. */}
      {!serverFieldError && <ProblemAlert error={error} />}
      <Box component="form" onSubmit={(event) => void submit(event)}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={session.email} readOnly hidden />
        <TextField
          name="newPassword"
          type="password"
          label={translate('app.password.new_password')}
          value={newPassword}
          onChange={(event) => {
            setNewPassword(event.target.value);
            setError(null);
          }}
          autoComplete="new-password"
          autoFocus
          required
          fullWidth
          margin="normal"
          error={Boolean(serverFieldMessage) || (touched && tooShort)}
          helperText={
            serverFieldMessage ??
            (touched && tooShort
              ? translate('app.password.too_short')
              : translate('app.password.length', { count: length }))
          }
        />
        <TextField
          name="confirmPassword"
          type="password"
          label={translate('app.password.confirm_password')}
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          autoComplete="new-password"
          required
          fullWidth
          margin="normal"
          error={touched && mismatch}
          helperText={touched && mismatch ? translate('app.password.mismatch') : ' '}
        />
        <Button type="submit" variant="contained" size="large" fullWidth disabled={submitting} sx={{ mt: 2 }}>
          {translate('app.password.submit')}
        </Button>
      </Box>
      <StartOverLink />
    </AuthCard>
  );
};
