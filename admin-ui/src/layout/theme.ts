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
};
