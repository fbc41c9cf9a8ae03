import { HttpError } from 'react-admin';
import { fieldErrorKey, problemMessageKey, type ProblemFieldError } from './problems';

export { fieldErrorKey, problemMessageKey, type ProblemFieldError } from './problems';

/** The server's `application/problem+json` body. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: ProblemFieldError[];
  requestId?: string;
}

/**
 * An HTTP failure from the API. It extends react-admin's HttpError so that forms
 * pick up `body.errors` (field -> message key) as server-side validation errors.
 * `message` is a translation key when the code is known, so `notify(error.message)`
 * shows a translated text.
 */
export class ApiError extends HttpError {
  readonly code: string;
  readonly errors: ProblemFieldError[];
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined) {
    const code = problem?.code ?? (status === 0 ? 'NETWORK' : 'INTERNAL');
    const fieldErrors = problem?.errors ?? [];
    const byField: Record<string, string> = {};
    for (const error of fieldErrors) {
      byField[error.field] ??= fieldErrorKey(error);
    }
    // A code this UI does not know yet still gets a translated sentence; the server's
    // English detail stays on `problem` for whoever debugs it.
    const genericKey = status >= 500 || status === 0 ? 'app.problem.INTERNAL' : 'app.problem.REQUEST_REFUSED';
    super(problemMessageKey(code) ?? genericKey, status, {
      ...problem,
      errors: fieldErrors.length > 0 ? byField : undefined,
    });
    this.name = 'ApiError';
    this.code = code;
    this.errors = fieldErrors;
    this.problem = problem;
    Object.setPrototypeOf(this, ApiError.prototype);
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

const buildUrl = (path: string, query?: Record<string, string | undefined>): string => {
  const url = `/api${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, value);
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
};

/** Sends one API request: the session cookie, the CSRF header on writes, JSON bodies. */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers = new Headers({ Accept: accept });
  if (method !== 'GET') headers.set('X-CSRF-Protection', '1');
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, undefined);
  }
}

const parseJson = (response: Response, text: string): unknown => {
  const contentType = response.headers.get('Content-Type') ?? '';
  if (!text || !(contentType.includes('json') || /^[[{]/.test(text.trim()))) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const toApiError = async (response: Response): Promise<ApiError> => {
  const parsed = parseJson(response, await response.text());
  return new ApiError(response.status, isProblem(parsed) ? parsed : undefined);
};

/**
 * The one fetch wrapper of the console. It sends the session cookie, speaks JSON,
 * adds the CSRF header to every state-changing request and turns problem+json
 * answers into ApiError.
 */
export async function request<T = unknown>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const response = await send(path, options, 'application/json, application/problem+json');
  if (!response.ok) throw await toApiError(response);
  const text = response.status === 204 ? '' : await response.text();
  return { status: response.status, headers: response.headers, body: parseJson(response, text) as T };
}

/** Like `request`, for an answer that is a file (e.g. a CSV download): the body as a Blob. */
export async function requestFile(path: string, options: RequestOptions = {}): Promise<ApiResponse<Blob>> {
  const response = await send(path, options, '*/*, application/problem+json');
  if (!response.ok) throw await toApiError(response);
  return { status: response.status, headers: response.headers, body: await response.blob() };
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';

export const http = {
  get: async <T>(path: string, query?: Record<string, string | undefined>): Promise<T> =>
    (await request<T>(path, { query })).body,
  post: async <T>(path: string, body?: unknown): Promise<T> =>
    (await request<T>(path, { method: 'POST', body: body ?? {} })).body,
  delete: async (path: string): Promise<void> => {
    await request(path, { method: 'DELETE' });
  },
};
