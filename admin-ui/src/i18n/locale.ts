export type ConsoleLocale = 'ko' | 'en';

/** The console's languages, each named in itself: the language menu, and any choice of a language. */
export const LANGUAGE_NAMES: Readonly<Record<ConsoleLocale, string>> = { ko: '한국어', en: 'English' };

/**
 * Korean when the browser's preferred languages name Korean before English (any `ko*`
 * tag), else English.
 */
export const resolveInitialLocale = (
  languages: readonly string[] = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
): ConsoleLocale => {
  for (const language of languages) {
    const tag = language.toLowerCase();
    if (tag.startsWith('ko')) return 'ko';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
};
