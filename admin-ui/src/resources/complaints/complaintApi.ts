import { http, request } from '../../providers/http';
import type { ComplaintDetail, ComplaintMonthSummary, EscalationBody } from './complaintTypes';

const path = (id: string, action = '') => `/complaints/${encodeURIComponent(id)}${action}`;

/** The complaint's named actions (the DPO); each answers the complaint as it now is. */
export const complaintApi = {
  setStatus: async (id: string, status: 'open' | 'investigating' | 'closed') =>
    (await request<ComplaintDetail>(path(id), { method: 'PATCH', body: { status } })).body,
  assign: async (id: string, assigneeId: string | null) =>
    (await request<ComplaintDetail>(path(id, '/assignee'), { method: 'PUT', body: { assigneeId } })).body,
  resolve: (id: string, resolution: string) => http.post<ComplaintDetail>(path(id, '/resolve'), { resolution }),
  escalate: (
    id: string,
    input: { body: EscalationBody; authority?: string; reference?: string; note?: string; escalatedAt?: string },
  ) => http.post<ComplaintDetail>(path(id, '/escalations'), input),
  summary: (month: string) => http.get<ComplaintMonthSummary>('/complaints/summary', { month }),
};
