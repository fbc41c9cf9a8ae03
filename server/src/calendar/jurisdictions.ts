/**
 * The jurisdictions whose holidays the calendar keeps, and where their library data comes from.
 * Adding one: an entry here (and its CHECK in a migration), then seed its years.
 */
export const JURISDICTIONS = {
  KR: {
    name: { ko: '대한민국', en: 'Korea' },
    library: { country: 'KR' },
    timeZone: 'Asia/Seoul',
  },
  'US-CA': {
    name: { ko: '미국 캘리포니아주', en: 'California (US)' },
    library: { country: 'US', state: 'CA' },
    timeZone: 'America/Los_Angeles',
  },
} as const;

export type Jurisdiction = keyof typeof JURISDICTIONS;

export const JURISDICTION_CODES = Object.keys(JURISDICTIONS) as Jurisdiction[];

export const isJurisdiction = (value: unknown): value is Jurisdiction =>
  typeof value === 'string' && Object.hasOwn(JURISDICTIONS, value);
