import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { isApiError } from '../providers/http';

/** The translated message for any error thrown by the API layer. */
export const useErrorMessage = () => {
  const translate = useTranslate();
  return (error: unknown): string => {
    if (isApiError(error)) {
      return translate(error.message, { _: error.problem?.detail ?? translate('app.problem.INTERNAL') });
    }
    return translate('app.problem.INTERNAL');
  };
};

export const ProblemAlert = ({ error }: { error: unknown }) => {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="problem-alert">
      {message(error)}
    </Alert>
  );
};
