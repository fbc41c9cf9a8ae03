import { PACKS } from '../i18n/packs';

/** For tests: every screen pack of i18n/packs.ts, both languages. */
export const loadMessagePacks = (): Promise<{ ko: object; en: object }[]> =>
  Promise.all(Object.values(PACKS).map(async (pack) => ({ ko: await pack.ko(), en: await pack.en() })));
