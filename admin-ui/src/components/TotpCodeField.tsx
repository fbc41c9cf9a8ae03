import { TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { MONOSPACE } from '../layout/theme';

export const TOTP_CODE_PATTERN = /^\d{6}$/;

/** A 6-digit one-time code input that keeps only digits. */
export const TotpCodeField = ({
  value,
  onChange,
  autoFocus = true,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  disabled?: boolean;
}) => {
  const translate = useTranslate();
  return (
    <TextField
      name="code"
      label={translate('app.mfa.code')}
      helperText={translate('app.mfa.code_help')}
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, '').slice(0, 6))}
      autoFocus={autoFocus}
      autoComplete="one-time-code"
      disabled={disabled}
      fullWidth
      required
      margin="normal"
      slotProps={{
        htmlInput: {
          inputMode: 'numeric',
          pattern: '[0-9]{6}',
          maxLength: 6,
          'data-testid': 'totp-code',
          style: { letterSpacing: '0.4em', fontFamily: MONOSPACE, fontSize: '1.4rem' },
        },
      }}
    />
  );
};
