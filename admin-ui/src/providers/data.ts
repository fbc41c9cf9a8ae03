import type {
  DataProvider,
  GetListParams,
  GetManyParams,
  GetManyReferenceParams,
  Identifier,
  RaRecord,
} from 'react-admin';
import { http, request } from './http';
import type { Role, Staff, StaffSession } from '../types';

const parseTotal = (contentRange: string | null, fallback: number): number => {
  // "staff 0-24/57" -> 57
  const total = contentRange?.split('/').pop();
  const parsed = total === undefined ? NaN : Number.parseInt(total, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
};

const cleanFilter = (filter: Record<string, unknown> | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(filter ?? {}).filter(([, value]) => value !== undefined && value !== ''));

const listQuery = (params: Partial<GetListParams>, extraFilter: Record<string, unknown> = {}) => {
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  return {
    sort: params.sort?.field ? JSON.stringify([params.sort.field, params.sort.order || 'ASC']) : undefined,
    range: JSON.stringify([(page - 1) * perPage, page * perPage - 1]),
    filter: JSON.stringify({ ...cleanFilter(params.filter), ...extraFilter }),
  };
};

const path = (resource: string, id?: Identifier): string =>
  id === undefined ? `/${resource}` : `/${resource}/${encodeURIComponent(String(id))}`;

const notSupported = (what: string) => (): Promise<never> =>
  Promise.reject(new Error(`The console API does not support ${what}.`));

/** Staff actions that are not plain CRUD; each one is its own audited server route. */
export interface StaffActions {
  changeStaffRole(id: Identifier, input: { role: Role; reason: string }): Promise<{ data: Staff }>;
  disableStaff(id: Identifier, input: { reason: string }): Promise<{ data: Staff }>;
  enableStaff(id: Identifier, input: { reason: string }): Promise<{ data: Staff }>;
  unlockStaff(id: Identifier, input: { reason: string }): Promise<{ data: Staff }>;
  resetStaffMfa(id: Identifier, input: { reason: string }): Promise<{ data: Staff }>;
  getStaffSessions(id: Identifier): Promise<{ data: StaffSession[] }>;
  endStaffSession(id: Identifier, sessionId: string): Promise<void>;
  endAllStaffSessions(id: Identifier): Promise<void>;
}

export type ConsoleDataProvider = DataProvider & StaffActions;

const staffAction =
  (action: 'role' | 'disable' | 'enable' | 'unlock' | 'mfa-reset') =>
  async (id: Identifier, input: object): Promise<{ data: Staff }> => ({
    data: await http.post<Staff>(`${path('staff', id)}/${action}`, input),
  });

export const dataProvider: ConsoleDataProvider = {
  async getList<RecordType extends RaRecord>(resource: string, params: GetListParams) {
    const response = await request<RecordType[]>(path(resource), { query: listQuery(params), signal: params.signal });
    const data = response.body ?? [];
    return { data, total: parseTotal(response.headers.get('Content-Range'), data.length) };
  },

  async getOne(resource, params) {
    return { data: await http.get(path(resource, params.id)) };
  },

  async getMany<RecordType extends RaRecord>(resource: string, params: GetManyParams) {
    const response = await request<RecordType[]>(path(resource), {
      query: listQuery({ pagination: { page: 1, perPage: params.ids.length } }, { id: params.ids }),
      signal: params.signal,
    });
    return { data: response.body ?? [] };
  },

  async getManyReference<RecordType extends RaRecord>(resource: string, params: GetManyReferenceParams) {
    const response = await request<RecordType[]>(path(resource), {
      query: listQuery(params, { [params.target]: params.id }),
      signal: params.signal,
    });
    const data = response.body ?? [];
    return { data, total: parseTotal(response.headers.get('Content-Range'), data.length) };
  },

  async create(resource, params) {
    return { data: await http.post(path(resource), params.data) };
  },

  // Staff records change only through the named actions below, never by a generic update.
  update: notSupported('generic updates'),
  updateMany: notSupported('bulk updates'),
  delete: notSupported('deleting records'),
  deleteMany: notSupported('deleting records'),

  changeStaffRole: staffAction('role'),
  disableStaff: staffAction('disable'),
  enableStaff: staffAction('enable'),
  unlockStaff: staffAction('unlock'),
  resetStaffMfa: staffAction('mfa-reset'),

  async getStaffSessions(id) {
    return { data: (await http.get<StaffSession[]>(`${path('staff', id)}/sessions`)) ?? [] };
  },
  async endStaffSession(id, sessionId) {
    await http.delete(`${path('staff', id)}/sessions/${encodeURIComponent(sessionId)}`);
  },
  async endAllStaffSessions(id) {
    await http.delete(`${path('staff', id)}/sessions`);
  },
};
