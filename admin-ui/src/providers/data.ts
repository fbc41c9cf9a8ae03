import type {
  DataProvider,
  GetListParams,
  GetManyParams,
  GetManyReferenceParams,
  Identifier,
  RaRecord,
} from 'react-admin';
import { filenameFromContentDisposition } from './download';
import { http, request, requestFile } from './http';
import { KeysetCursors, toIsoInstant } from './keysetCursors';
import { listPage } from './listCount';
import type {
  AccessLogExport,
  AccessReview,
  AuditEvent,
  AuditEventDetail,
  Role,
  Staff,
  StaffSession,
  TreeHead,
  Verification,
} from '../types';

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

/**
 * `meta.asOf` (a date or date-time) asks for a record or list as it stood then; the registers
 * answer from their version history.
 */
const asOfQuery = (meta: unknown): { asOf?: string } => {
  const asOf = (meta as { asOf?: unknown } | undefined)?.asOf;
  return typeof asOf === 'string' && asOf !== '' ? { asOf } : {};
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

/** The access log's integrity: signed tree heads and full verifications. */
export interface AccessLogActions {
  getAccessLogHeads(): Promise<{ data: TreeHead[] }>;
  getLatestVerification(): Promise<{ data: Verification | null }>;
  /** Incremental from the last verified head; `full` checks every stored event. */
  verifyAccessLog(context?: { requestedBy: string }, options?: { full?: boolean }): Promise<{ data: Verification }>;
  /** CSV of the events matching the list's filter; needs a reason and a recent step-up. */
  exportAccessLog(input: { reason: string; filter?: Record<string, unknown> }): Promise<{ data: AccessLogExport }>;
}

/** The monthly access-log review (PIPC standard Art. 8) and its sign-off. */
export interface AccessReviewActions {
  getAccessReview(month: string, signal?: AbortSignal): Promise<{ data: AccessReview }>;
  signOffAccessReview(month: string, input: { notes: string }): Promise<{ data: AccessReview }>;
  explainAccessReviewGroup(
    month: string,
    input: { actorId: string | null; sessionId: string | null; note: string },
  ): Promise<{ data: AccessReview }>;
}

export type ConsoleDataProvider = DataProvider & StaffActions & AccessLogActions & AccessReviewActions;

export const ACCESS_LOG = 'access-log';
const MAX_ACCESS_LOG_PAGE = 200;
const accessLogCursors = new KeysetCursors();

type ServerAuditEvent = Omit<AuditEvent, 'id'>;
const withId = <T extends { seq: number }>(event: T): T & { id: number } => ({ ...event, id: event.seq });

/**
 * The access log is keyset-paginated and never counted: react-admin's partial pagination
 * (`pageInfo`, no `total`), with page n + 1 continuing before the seq page n ended at.
 */
/** The list's filter as the API takes it: no empty values, local date-times as ISO instants. */
const accessLogFilter = (filter: Record<string, unknown> | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(cleanFilter(filter)).map(([k, v]) => [k, toIsoInstant(v)]));

async function getAccessLogPage(params: GetListParams): Promise<{
  data: AuditEvent[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean };
}> {
  const filter = accessLogFilter(params.filter);
  const { page = 1, perPage = 50 } = params.pagination ?? {};
  const limit = Math.min(Math.max(perPage, 1), MAX_ACCESS_LOG_PAGE);
  const queryKey = JSON.stringify([filter, limit]);

  const fetchPage = async (n: number): Promise<{ data: AuditEvent[]; hasNextPage: boolean }> => {
    let before = accessLogCursors.get(queryKey, n);
    if (before === null) {
      // Not reached by scrolling (e.g. after a reload): walk there from the page before.
      const previous = await fetchPage(n - 1);
      before = previous.hasNextPage ? accessLogCursors.get(queryKey, n) : null;
      if (before === null || before === undefined) return { data: [], hasNextPage: false };
    }
    const response = await request<ServerAuditEvent[]>(`/${ACCESS_LOG}`, {
      query: {
        filter: JSON.stringify(filter),
        before: before === undefined ? undefined : String(before),
        limit: String(limit),
      },
      signal: params.signal,
    });
    const next = Number.parseInt(response.headers.get('X-Next-Before') ?? '', 10);
    const nextBefore = Number.isSafeInteger(next) ? next : null;
    accessLogCursors.recordNext(queryKey, n, nextBefore);
    return { data: (response.body ?? []).map(withId), hasNextPage: nextBefore !== null };
  };

  const { data, hasNextPage } = await fetchPage(page);
  return { data, pageInfo: { hasNextPage, hasPreviousPage: page > 1 } };
}

const toNumber = (value: unknown): number | null => {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : null;
};

/**
 * POST /verify answers with `checked`; the stored latest run has `fromSeq`/`toSeq` and
 * `requestedBy` instead, and PostgreSQL bigints may arrive as strings. One shape for the page.
 */
export const toVerification = (raw: Record<string, unknown>): Verification => {
  const fromSeq = toNumber(raw.fromSeq);
  const toSeq = toNumber(raw.toSeq);
  const by = raw.requestedBy ?? raw.startedBy ?? raw.actorId;
  return {
    id: String(raw.id),
    result: raw.result as Verification['result'],
    treeSize: toNumber(raw.treeSize) ?? 0,
    checked: toNumber(raw.checked) ?? (fromSeq !== null && toSeq !== null ? Math.max(toSeq - fromSeq + 1, 0) : null),
    problems: Array.isArray(raw.problems) ? (raw.problems as Verification['problems']) : [],
    startedAt: String(raw.startedAt),
    finishedAt: typeof raw.finishedAt === 'string' ? raw.finishedAt : null,
    requestedBy: typeof by === 'string' ? by : null,
    mode: raw.mode === 'incremental' ? 'incremental' : 'full',
    fromSeq,
    toSeq,
    unsignedTail: toNumber(raw.unsignedTail) ?? 0,
  };
};

async function getAccessLogEvent(seq: Identifier): Promise<AuditEventDetail> {
  const { event, ...evidence } = await http.get<
    { event: ServerAuditEvent } & Pick<AuditEventDetail, 'canonical' | 'leafHash' | 'proof'>
  >(path(ACCESS_LOG, seq));
  return { ...withId(event), ...evidence };
}

const staffAction =
  (action: 'role' | 'disable' | 'enable' | 'unlock' | 'mfa-reset') =>
  async (id: Identifier, input: object): Promise<{ data: Staff }> => ({
    data: await http.post<Staff>(`${path('staff', id)}/${action}`, input),
  });

export const dataProvider: ConsoleDataProvider = {
  async getList<RecordType extends RaRecord>(resource: string, params: GetListParams) {
    if (resource === ACCESS_LOG) return (await getAccessLogPage(params)) as unknown as { data: RecordType[] };
    const response = await request<RecordType[]>(path(resource), {
      query: { ...listQuery(params), ...asOfQuery(params.meta) },
      signal: params.signal,
    });
    return listPage(response.body ?? [], response.headers.get('Content-Range'), params);
  },

  async getOne(resource, params) {
    if (resource === ACCESS_LOG) return { data: await getAccessLogEvent(params.id) } as never;
    return { data: await http.get(path(resource, params.id), asOfQuery(params.meta)) };
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
      query: { ...listQuery(params, { [params.target]: params.id }), ...asOfQuery(params.meta) },
      signal: params.signal,
    });
    return listPage(response.body ?? [], response.headers.get('Content-Range'), params);
  },

  async create(resource, params) {
    return { data: await http.post(path(resource), params.data) };
  },

  // A full replacement of the writable fields (the registers send their `version` and a
  // `reason`). Staff records have no such route: they change only through the named actions below.
  async update(resource, params) {
    const response = await request(path(resource, params.id), { method: 'PUT', body: params.data });
    return { data: response.body as never };
  },
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

  async getAccessLogHeads() {
    return { data: (await http.get<TreeHead[]>(`/${ACCESS_LOG}/heads`)) ?? [] };
  },
  async getLatestVerification() {
    const raw = await http.get<Record<string, unknown> | null>(`/${ACCESS_LOG}/verifications/latest`);
    return { data: raw ? toVerification(raw) : null };
  },
  async verifyAccessLog(context?: { requestedBy: string }, options?: { full?: boolean }) {
    const raw = await http.post<Record<string, unknown>>(`/${ACCESS_LOG}/verify`, options?.full ? { full: true } : {});
    // The answer to a run does not name who ran it: the caller did.
    return { data: toVerification({ requestedBy: context?.requestedBy, ...raw }) };
  },
  async exportAccessLog({ reason, filter }) {
    const response = await requestFile(`/${ACCESS_LOG}/export`, {
      method: 'POST',
      body: { reason, filter: accessLogFilter(filter) },
    });
    const rows = Number.parseInt(response.headers.get('X-Row-Count') ?? '', 10);
    return {
      data: {
        blob: response.body,
        filename: filenameFromContentDisposition(response.headers.get('Content-Disposition'), 'access-log.csv'),
        rows: Number.isSafeInteger(rows) ? rows : null,
      },
    };
  },

  async getAccessReview(month, signal) {
    const response = await request<AccessReview>(`/${ACCESS_LOG}/reviews/${encodeURIComponent(month)}`, { signal });
    return { data: response.body };
  },
  async signOffAccessReview(month, input) {
    return {
      data: await http.post<AccessReview>(`/${ACCESS_LOG}/reviews/${encodeURIComponent(month)}/sign-off`, input),
    };
  },
  async explainAccessReviewGroup(month, input) {
    return {
      data: await http.post<AccessReview>(`/${ACCESS_LOG}/reviews/${encodeURIComponent(month)}/explanations`, input),
    };
  },
};
