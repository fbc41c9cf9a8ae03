import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  type ButtonProps,
} from '@mui/material';
import { useTranslate } from 'react-admin';

/**
 * What a form dialog keeps while it is filled in: `touched` once it was submitted (so field checks
 * show), the server's `error`, and `submitting` while a request is out.
 */
export const useFormDialogState = () => {
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  return {
    touched,
    error,
    submitting,
    /** On submit: marks the form touched; when `ready`, clears the last error and returns true (now sending). */
    begin: (ready: boolean): boolean => {
      setTouched(true);
      if (!ready) return false;
      setSubmitting(true);
      setError(null);
      return true;
    },
    /** The request failed (null: cancelled): show why and allow sending again. */
    fail: (caught: unknown) => {
      setError(caught);
      setSubmitting(false);
    },
  };
};

/**
 * The frame of the subject screens' small form dialogs: title, intro, an error that belongs to no
 * field, the fields, then Cancel and the submit button. Texts are translation keys.
 */
export const FormDialog = ({
  testId,
  title,
  intro,
  gap = 2,
  error,
  onClose,
  onSubmit,
  submitLabel,
  submitTestId,
  submitColor,
  submitDisabled,
  children,
}: {
  testId: string;
  title: string;
  intro: string;
  /** Space below the intro and the error. */
  gap?: 1 | 2;
  /** A message for the whole form, or nothing. */
  error: string | null;
  onClose: () => void;
  onSubmit: (event: FormEvent) => Promise<void>;
  submitLabel: string;
  submitTestId: string;
  submitColor?: ButtonProps['color'];
  submitDisabled: boolean;
  children: ReactNode;
}) => {
  const translate = useTranslate();
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid={testId}>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <DialogTitle>{translate(title)}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: gap }}>{translate(intro)}</DialogContentText>
          {error && (
            <Alert severity="error" role="alert" sx={{ mb: gap }} data-testid="problem-alert">
              {error}
            </Alert>
          )}
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            color={submitColor}
            disabled={submitDisabled}
            data-testid={submitTestId}
          >
            {translate(submitLabel)}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
