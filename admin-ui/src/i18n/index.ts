import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { resolveInitialLocale, type ConsoleLocale } from './locale';

/**
 * Each language's messages are their own chunk: the console loads only the one it starts in
 * (about 20 KB gzip less before the first screen), and the other when someone switches to it.
 */
const LOADERS: Record<ConsoleLocale, () => Promise<TranslationMessages>> = {
  ko: () => import('./ko').then((m) => m.ko),
  en: () => import('./en').then((m) => m.en),
};

const isConsoleLocale = (locale: string): locale is ConsoleLocale => locale in LOADERS;

const setDocumentLanguage = (locale: string): void => {
  document.documentElement.lang = locale;
};

/** The provider, once the starting language's messages are in (react-admin needs those at once). */
export const createI18nProvider = async (): Promise<I18nProvider> => {
  const initialLocale = resolveInitialLocale();
  setDocumentLanguage(initialLocale);
  const loaded = new Map<ConsoleLocale, TranslationMessages>([[initialLocale, await LOADERS[initialLocale]()]]);
  const provider = polyglotI18nProvider(
    (locale) => {
      const wanted = isConsoleLocale(locale) ? locale : 'en';
      const known = loaded.get(wanted);
      if (known) return known;
      return LOADERS[wanted]().then((messages) => {
        loaded.set(wanted, messages);
        return messages;
      });
    },
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
