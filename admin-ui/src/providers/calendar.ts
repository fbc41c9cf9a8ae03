import { useQuery } from '@tanstack/react-query';
import { http } from './http';

/** The organisation's calendar as the server keeps it (GET /api/calendar). */
export interface OrgCalendar {
  now: string;
  /** Today in the organisation's time zone, 'YYYY-MM-DD': not the browser's today. */
  today: string;
  timeZone: string;
}

/** The organisation's today and time zone; undefined while loading. The UI never counts days itself. */
export const useOrgCalendar = (): OrgCalendar | undefined =>
  useQuery({ queryKey: ['calendar', 'about'], queryFn: () => http.get<OrgCalendar>('/calendar') }).data;
