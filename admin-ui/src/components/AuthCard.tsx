import type { ReactNode } from 'react';
import { Box, Card, CardContent, Typography } from '@mui/material';
import ShieldOutlinedIcon from '@mui/icons-material/ShieldOutlined';
import { LocalesMenuButton, useTranslate } from 'react-admin';
import { useDocumentTitle } from '../layout/useDocumentTitle';

/** The frame of the sign-in flow pages: product name, language switch, one card. */
export const AuthCard = ({ title, children, width = 440 }: { title: string; children: ReactNode; width?: number }) => {
  const translate = useTranslate();
  useDocumentTitle();
  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'flex-start',
        bgcolor: 'grey.100',
        px: 2,
        py: { xs: 3, sm: 8 },
      }}
    >
      <Box sx={{ width: '100%', maxWidth: width, display: 'flex', alignItems: 'center', mb: 2, gap: 1 }}>
        <ShieldOutlinedIcon color="primary" />
        <Typography variant="subtitle1" component="p" sx={{ fontWeight: 600, flexGrow: 1 }}>
          {translate('app.name')}
        </Typography>
        <LocalesMenuButton />
      </Box>
      <Card sx={{ width: '100%', maxWidth: width }} elevation={2}>
        <CardContent sx={{ p: { xs: 2.5, sm: 4 } }}>
          <Typography variant="h5" component="h1" gutterBottom>
            {title}
          </Typography>
          {children}
        </CardContent>
      </Card>
    </Box>
  );
};
