import type { ReactNode } from 'react';
import { Box, Card, CardContent, Typography } from '@mui/material';
import { Labeled } from 'react-admin';

/** An outlined card with a small overline title, as on the integrity and review pages. */
export const Panel = ({ title, children, testId }: { title: ReactNode; children: ReactNode; testId: string }) => (
  <Card variant="outlined" sx={{ height: '100%', minWidth: 0 }} data-testid={testId}>
    <CardContent>
      <Typography variant="overline" component="h2" color="text.secondary">
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/** One labelled value inside a Panel; `label` is a translation key. */
export const Fact = ({ label, children }: { label: string; children: ReactNode }) => (
  <Labeled label={label} sx={{ '& .RaLabeled-label': { mb: 0.25 } }}>
    <Box component="span" sx={{ typography: 'body2' }}>
      {children}
    </Box>
  </Labeled>
);
