import { complaintsEn } from '../i18n/complaints.en';
import { complaintsKo } from '../i18n/complaints.ko';
import { incidentsEn } from '../i18n/incidents.en';
import { incidentsKo } from '../i18n/incidents.ko';
import { requestsEn } from '../i18n/requests.en';
import { requestsKo } from '../i18n/requests.ko';
import { retentionEn } from '../i18n/retention.en';
import { retentionKo } from '../i18n/retention.ko';

/**
 * For tests: every screen pack of i18n/index.ts (PACKS), both languages, imported statically.
 * Never import this from the console: each pack is meant to stay a chunk of its own.
 */
export const MESSAGE_PACKS: readonly { ko: object; en: object }[] = [
  { ko: retentionKo, en: retentionEn },
  { ko: incidentsKo, en: incidentsEn },
  { ko: requestsKo, en: requestsEn },
  { ko: complaintsKo, en: complaintsEn },
];
