import { Button } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useStartOver } from '../pages/signInFlow';

export const StartOverLink = () => {
  const translate = useTranslate();
  const startOver = useStartOver();
  return (
    <Button size="small" color="inherit" sx={{ mt: 2, textTransform: 'none' }} onClick={() => void startOver()}>
      {translate('app.auth.start_over')}
    </Button>
  );
};
