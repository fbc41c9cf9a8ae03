import { useMediaQuery, type Theme } from '@mui/material';

/** Phone width (below MUI's `sm`, 600 px): lists show one line per row instead of a table. */
export const useIsPhone = (): boolean => useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
