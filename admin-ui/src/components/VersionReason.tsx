import { Box, Typography } from '@mui/material';

/** Why a version was saved, as its history shows it: a caption and the reason in the editor's words. */
export const VersionReason = ({ label, reason, testId }: { label: string; reason: string; testId: string }) => (
  <Box sx={{ borderLeft: 3, borderColor: 'primary.light', pl: 1.5, py: 0.25, mb: 1.5 }} data-testid={testId}>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Typography variant="body2" sx={{ whiteSpace: 'pre-line' }}>
      {reason}
    </Typography>
  </Box>
);
