import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * Codes, identifiers and masked values: the machine's monospace font, then the bundled Korean font
 * for the Hangul it lacks (a masked name, an age's 세), instead of empty boxes.
 */
export const MONOSPACE = 'monospace, "Noto Sans KR Variable"';

/**
 * react-admin's default look. Hangul comes from the bundled Noto Sans KR (main.tsx imports it),
 * so Korean renders on machines without a Korean font; Latin text keeps Roboto where installed.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  typography: {
    ...defaultTheme.typography,
    fontFamily: [
      'Roboto',
      '"Noto Sans KR Variable"',
      '"Noto Sans KR"',
      '"Apple SD Gothic Neo"',
      '"Malgun Gothic"',
      '"NanumGothic"',
      'Helvetica',
      'Arial',
      'sans-serif',
    ].join(','),
  },
  components: {
    ...defaultTheme.components,
    MuiCssBaseline: {
      styleOverrides: {
        // Korean wraps between words, not inside them; long emails may still break anywhere.
        'html:lang(ko) body': { wordBreak: 'keep-all', overflowWrap: 'anywhere' },
      },
    },
  },
};
