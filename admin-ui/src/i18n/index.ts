import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { LANGUAGE_NAMES, resolveInitialLocale, type ConsoleLocale } from './locale';
import { PACKS, type MessagePack } from './packs';

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

/** "a.b.c" -> text for every leaf string of a messages tree. */
const flatten = (messages: object, prefix = '', into = new Map<string, string>()): Map<string, string> => {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') into.set(`${prefix}${key}`, value);
    else if (value && typeof value === 'object') flatten(value as object, `${prefix}${key}.`, into);
  }
  return into;
};

/** The packs loaded so far, per language, and which packs the screens asked for. */
const packTexts = new Map<ConsoleLocale, Map<string, string>>();
const packsLoaded = new Map<string, Promise<void>>();
const packsWanted = new Set<MessagePack>();
let currentLocale: ConsoleLocale = 'en';

const loadPack = (pack: MessagePack, locale: ConsoleLocale): Promise<void> => {
  const key = `${pack}:${locale}`;
  let loading = packsLoaded.get(key);
  if (!loading) {
    loading = PACKS[pack][locale]().then((messages) => {
      const texts = packTexts.get(locale) ?? new Map<string, string>();
      flatten(messages, '', texts);
      packTexts.set(locale, texts);
    });
    // A failed chunk load may be retried by the next screen that asks.
    loading.catch(() => packsLoaded.delete(key));
    packsLoaded.set(key, loading);
  }
  return loading;
};

/**
 * Loads a pack's messages in the current language (and, from then on, in any language switched
 * to); a lazy screen awaits it with its own chunk: `lazyNamed(withMessages('retention', () => import('./X')), 'X')`.
 */
export const withMessages =
  <M>(pack: MessagePack, load: () => Promise<M>) =>
  async (): Promise<M> => {
    packsWanted.add(pack);
    const [module] = await Promise.all([load(), loadPack(pack, currentLocale)]);
    return module;
  };

/** Polyglot's "%{name}" interpolation and "one |||| many" plurals (smart_count) for pack texts. */
const interpolate = (text: string, options: Record<string, unknown>, locale: ConsoleLocale): string => {
  let chosen = text;
  if (typeof options.smart_count === 'number' && text.includes('||||')) {
    const forms = text.split('||||').map((form) => form.trim());
    // Korean has one form; English "one |||| many".
    chosen = locale === 'ko' ? forms[0]! : (forms[options.smart_count === 1 ? 0 : 1] ?? forms[0]!);
  }
  return chosen.replace(/%\{(\w+)\}/g, (whole, name: string) =>
    name in options ? String(options[name as keyof typeof options]) : whole,
  );
};

/** The provider, once the starting language's messages are in (react-admin needs those at once). */
export const createI18nProvider = async (): Promise<I18nProvider> => {
  const initialLocale = resolveInitialLocale();
  currentLocale = initialLocale;
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
      { locale: 'ko', name: LANGUAGE_NAMES.ko },
      { locale: 'en', name: LANGUAGE_NAMES.en },
    ],
    // Field labels fall back to react-admin's humanised source name when a key is missing.
    { allowMissing: true },
  );
  return {
    ...provider,
    translate: (key: string, options: Record<string, unknown> = {}) => {
      const text = packTexts.get(currentLocale)?.get(key);
      return text === undefined ? provider.translate(key, options) : interpolate(text, options, currentLocale);
    },
    changeLocale: async (locale: string, options?: unknown) => {
      const next = isConsoleLocale(locale) ? locale : 'en';
      await Promise.all([...packsWanted].map((pack) => loadPack(pack, next)));
      await provider.changeLocale(locale, options);
      currentLocale = next;
      setDocumentLanguage(locale);
    },
  };
};
