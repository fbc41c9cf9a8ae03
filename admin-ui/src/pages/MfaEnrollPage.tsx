import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { AuthCard } from '../components/AuthCard';
import { CopyButton } from '../components/CopyButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { StartOverLink } from '../components/StartOverLink';
import { TOTP_CODE_PATTERN, TotpCodeField } from '../components/TotpCodeField';
import { http } from '../providers/http';
import type { MfaEnrollment } from '../types';
import { useContinueSignIn, useStageGuard } from './signInFlow';
import { MONOSPACE } from '../layout/theme';

/** "ABCD EFGH ..." for reading the key off the screen. */
const groupInFours = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

/** First sign-in: add the account to an authenticator app, then keep the recovery codes. */
export const MfaEnrollPage = () => {
  const translate = useTranslate();
  const session = useStageGuard('mfa_enroll');
  const continueSignIn = useContinueSignIn();

  const [enrollment, setEnrollment] = useState<MfaEnrollment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const requested = useRef(false);

  const startEnrollment = () => {
    setError(null);
    http
      .post<MfaEnrollment>('/auth/mfa/enroll')
      .then(setEnrollment)
      .catch((caught: unknown) => setError(caught));
  };

  useEffect(() => {
    // One secret per visit: a second call would replace the one on screen.
    if (!session || requested.current) return;
    requested.current = true;
    startEnrollment();
  }, [session]);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!TOTP_CODE_PATTERN.test(code)) {
      setError(null);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const result = await http.post<{ stage: 'full'; recoveryCodes: string[] }>('/auth/mfa/enroll/confirm', { code });
      setRecoveryCodes(result.recoveryCodes);
    } catch (caught) {
      setError(caught);
      setCode('');
    } finally {
      setSubmitting(false);
    }
  };

  if (recoveryCodes) {
    return (
      <AuthCard title={translate('app.mfa.recovery.title')} width={520}>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('app.mfa.recovery.intro')}
        </Alert>
        <Paper variant="outlined" sx={{ p: 2, mb: 2, bgcolor: 'grey.50' }}>
          <Box
            component="ol"
            data-testid="recovery-codes"
            sx={{
              m: 0,
              pl: 3,
              display: 'grid',
              gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' },
              columnGap: 4,
              rowGap: 0.5,
              fontFamily: MONOSPACE,
              fontSize: '1.05rem',
            }}
          >
            {recoveryCodes.map((recoveryCode) => (
              <li key={recoveryCode}>{recoveryCode}</li>
            ))}
          </Box>
        </Paper>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ justifyContent: 'space-between' }}>
          <CopyButton text={recoveryCodes.join('\n')} label="app.mfa.recovery.copy" />
          <Button
            variant="contained"
            size="large"
            onClick={() => void continueSignIn('full')}
            data-testid="recovery-saved"
          >
            {translate('app.mfa.recovery.saved')}
          </Button>
        </Stack>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={translate('app.mfa.enroll.title')} width={520}>
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('app.mfa.enroll.intro')}
      </Typography>
      <ProblemAlert error={error} />
      {!enrollment ? (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', my: 3 }}>
          {error ? (
            <Button variant="outlined" onClick={startEnrollment}>
              {translate('app.retry')}
            </Button>
          ) : (
            <>
              <CircularProgress size={24} />
              <Typography variant="body2">{translate('app.mfa.enroll.preparing')}</Typography>
            </>
          )}
        </Stack>
      ) : (
        <>
          <Box sx={{ display: 'flex', justifyContent: 'center', my: 2 }}>
            <Box
              component="img"
              src={enrollment.qrCodeDataUrl}
              alt={translate('app.mfa.enroll.qr_alt')}
              data-testid="totp-qr"
              sx={{
                width: 200,
                height: 200,
                imageRendering: 'pixelated',
                border: 1,
                borderColor: 'divider',
                borderRadius: 1,
              }}
            />
          </Box>
          <Typography variant="body2" color="text.secondary">
            {translate('app.mfa.enroll.manual')}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' }, mt: 1 }}>
            <Paper variant="outlined" sx={{ px: 1.5, py: 1, flexGrow: 1, bgcolor: 'grey.50' }}>
              <Typography
                component="code"
                aria-hidden
                sx={{ fontFamily: MONOSPACE, fontSize: '1.05rem', wordBreak: 'break-word' }}
              >
                {groupInFours(enrollment.secret)}
              </Typography>
              {/* The raw key, for screen readers and for the browser test. */}
              <Box component="span" data-testid="totp-secret" sx={visuallyHidden}>
                {enrollment.secret}
              </Box>
            </Paper>
            <CopyButton text={enrollment.secret} />
          </Stack>
          <Box component="form" onSubmit={(event) => void confirm(event)} sx={{ mt: 2 }}>
            <TotpCodeField value={code} onChange={setCode} disabled={submitting} />
            <Button
              type="submit"
              variant="contained"
              size="large"
              fullWidth
              disabled={submitting || !TOTP_CODE_PATTERN.test(code)}
              sx={{ mt: 1 }}
            >
              {translate('app.mfa.enroll.submit')}
            </Button>
          </Box>
        </>
      )}
      <StartOverLink />
    </AuthCard>
  );
};

// Strings on purpose: in `sx`, a bare 1 means 100%.
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;
