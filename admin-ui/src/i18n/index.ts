import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider } from 'react-admin';
import { en } from './en';
import { ko } from './ko';

export type ConsoleLocale = 'ko' | 'en';

const MESSAGES: Record<ConsoleLocale, typeof en> = { ko, en };

/** Korean when the browser's preferred languages put Korean before English; else English. */
export const resolveInitialLocale = (languages: readonly string[] = navigator.languages ?? [navigator.language]): ConsoleLocale => {
  for (const language of languages) {
    const tag = language.toLowerCase();
    if (tag.startsWith('ko')) return 'ko';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
};

const setDocumentLanguage = (locale: string): void => {
  document.documentElement.lang = locale;
};

const createI18nProvider = (): I18nProvider => {
  const initialLocale = resolveInitialLocale();
  setDocumentLanguage(initialLocale);
  const provider = polyglotI18nProvider(
    (locale) => MESSAGES[locale as ConsoleLocale] ?? en,
    initialLocale,
    [
      { locale: 'ko', name: '한국어' },
      { locale: 'en', name: 'English' },
    ],
    // Field labels fall back to react-admin's humanised source name when a key is missing.
    { allowMissing: true },
  );
  return {
    ...provider,
    changeLocale: async (locale: string, options?: unknown) => {
      await provider.changeLocale(locale, options);
      setDocumentLanguage(locale);
    },
  };
};

export const i18nProvider = createI18nProvider();
