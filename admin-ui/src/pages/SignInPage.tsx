import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Divider,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  TextField,
  Typography,
} from '@mui/material';
import LoginIcon from '@mui/icons-material/Login';
import ScienceOutlinedIcon from '@mui/icons-material/ScienceOutlined';
import { useLocation, useLogin, useNavigate, useTranslate } from 'react-admin';
import { AuthCard } from '../components/AuthCard';
import { ProblemAlert } from '../components/ProblemAlert';
import { http } from '../providers/http';
import type { LoginOptions, SessionInfo } from '../types';
import { MONOSPACE } from '../layout/theme';

/** Step 1 of signing in: email and password. react-admin shows it at /login. */
export const SignInPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const query = new URLSearchParams(location.search);
  const expired = query.get('expired') === '1';
  // A refused single sign-on comes back here with its problem code.
  const ssoError = query.get('sso_error');

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [options, setOptions] = useState<LoginOptions | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    http
      .get<LoginOptions>('/auth/login-options')
      .then((value) => {
        if (!controller.signal.aborted) setOptions(value);
      })
      .catch(() => setOptions(null));
    // Someone already fully signed in has nothing to do here.
    http
      .get<SessionInfo>('/auth/session')
      .then((session) => {
        if (!controller.signal.aborted && session.stage === 'full') navigate('/');
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [navigate]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await login({ email: email.trim(), password });
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={translate('app.auth.sign_in_title')}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('app.auth.sign_in_intro')}
      </Typography>
      {expired && !error && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="session-expired">
          {translate('app.auth.session_expired')}
        </Alert>
      )}
      <ProblemAlert error={error} />
      {ssoError !== null && !error && (
        <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="sso-error">
          {translate(`app.problem.${ssoError}`, { _: translate('app.problem.INTERNAL') })}
        </Alert>
      )}
      {options?.sso && (
        <>
          <Button
            href={options.sso.startUrl}
            variant="contained"
            size="large"
            fullWidth
            startIcon={<LoginIcon />}
            data-testid="sso-sign-in"
          >
            {translate('app.auth.sso_sign_in', { provider: options.sso.providerName })}
          </Button>
          <Divider sx={{ my: 2 }}>
            <Typography variant="caption" color="text.secondary">
              {translate(options.passwordSignIn ? 'app.auth.or_password' : 'app.auth.break_glass_only')}
            </Typography>
          </Divider>
        </>
      )}
      <Box component="form" onSubmit={(event) => void submit(event)} noValidate={false}>
        <TextField
          name="email"
          type="email"
          label={translate('app.auth.email')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="username"
          autoFocus={!options?.sso}
          required
          fullWidth
          margin="normal"
        />
        <TextField
          name="password"
          type="password"
          label={translate('app.auth.password')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
          required
          fullWidth
          margin="normal"
        />
        <Button
          type="submit"
          variant={options?.sso ? 'outlined' : 'contained'}
          size="large"
          fullWidth
          disabled={submitting}
          sx={{ mt: 2 }}
        >
          {translate('app.auth.sign_in')}
        </Button>
      </Box>
      {options?.demo && options.demoAccounts.length > 0 && (
        <Paper
          variant="outlined"
          data-testid="demo-accounts"
          sx={{ mt: 4, p: 2, borderStyle: 'dashed', borderWidth: 2, borderColor: 'warning.main', bgcolor: '#fffaf0' }}
        >
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
            <ScienceOutlinedIcon color="warning" fontSize="small" />
            <Typography variant="subtitle2" component="h2">
              {translate('app.auth.demo.title')}
            </Typography>
          </Box>
          <Typography variant="body2" color="text.secondary">
            {translate('app.auth.demo.intro')}
          </Typography>
          <List dense disablePadding sx={{ mt: 1 }}>
            {options.demoAccounts.map((account) => (
              <ListItemButton
                key={account.email}
                onClick={() => {
                  setEmail(account.email);
                  setPassword(account.password);
                  setError(null);
                }}
                sx={{ borderRadius: 1 }}
              >
                <ListItemText
                  primary={`${account.displayName} · ${translate(`app.roles.${account.role}`, { _: account.role })}`}
                  secondary={
                    <>
                      {account.email}
                      <br />
                      {translate('app.auth.demo.password')}:{' '}
                      <Box component="span" sx={{ fontFamily: MONOSPACE }}>
                        {account.password}
                      </Box>
                    </>
                  }
                />
              </ListItemButton>
            ))}
          </List>
        </Paper>
      )}
    </AuthCard>
  );
};
