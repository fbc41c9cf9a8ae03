import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** react-admin's default look, with Korean system fonts after Roboto so Hangul renders well everywhere. */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  typography: {
    ...defaultTheme.typography,
    fontFamily: [
      'Roboto',
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
