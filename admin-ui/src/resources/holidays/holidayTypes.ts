export const HOLIDAYS = 'calendar/holidays';

export const JURISDICTIONS = ['KR', 'US-CA'] as const;
export const HOLIDAY_KINDS = ['public', 'substitute', 'temporary'] as const;

export interface Holiday {
  id: string;
  jurisdiction: (typeof JURISDICTIONS)[number];
  date: string;
  nameKo: string;
  nameEn: string;
  kind: (typeof HOLIDAY_KINDS)[number];
  source: 'library' | 'manual';
  status: 'active' | 'ended';
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HolidayHistoryEntry {
  version: number;
  operation: 'seed' | 'create' | 'update' | 'end';
  changedAt: string;
  author: { id: string | null; displayName: string };
  reason: string;
  diff: { field: string; before: unknown; after: unknown }[];
}

/** What the server answers GET /calendar with. */
export interface CalendarAbout {
  now: string;
  today: string;
  timeZone: string;
}

/** The fields a PUT takes: the rest of the record (id, status, timestamps) is the server's. */
export const holidayWriteBody = (data: Partial<Holiday> & { reason?: string }) => ({
  date: data.date,
  nameKo: data.nameKo,
  nameEn: data.nameEn,
  kind: data.kind,
  reason: data.reason,
  version: data.version,
});
