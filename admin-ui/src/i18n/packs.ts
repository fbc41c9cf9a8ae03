import type { ConsoleLocale } from './locale';

/**
 * Messages only some screens use, in chunks of their own that load with those screens (the
 * starting language's chunk counts towards the 350 KB budget). Each pack is a messages tree
 * like ko.ts; its keys are looked up before the language's own. The one list of them: i18n/index.ts
 * loads them for the screens (`withMessages`), the message tests read every one.
 */
export const PACKS = {
  retention: {
    ko: () => import('./retention.ko').then((m) => m.retentionKo),
    en: () => import('./retention.en').then((m) => m.retentionEn),
  },
  incidents: {
    ko: () => import('./incidents.ko').then((m) => m.incidentsKo),
    en: () => import('./incidents.en').then((m) => m.incidentsEn),
  },
  requests: {
    ko: () => import('./requests.ko').then((m) => m.requestsKo),
    en: () => import('./requests.en').then((m) => m.requestsEn),
  },
  complaints: {
    ko: () => import('./complaints.ko').then((m) => m.complaintsKo),
    en: () => import('./complaints.en').then((m) => m.complaintsEn),
  },
} satisfies Record<string, Record<ConsoleLocale, () => Promise<object>>>;
export type MessagePack = keyof typeof PACKS;
