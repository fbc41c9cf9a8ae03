import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider } from 'react-admin';
import { en } from './en';
import { ko } from './ko';
import { resolveInitialLocale, type ConsoleLocale } from './locale';

const MESSAGES: Record<ConsoleLocale, typeof en> = { ko, en };

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
