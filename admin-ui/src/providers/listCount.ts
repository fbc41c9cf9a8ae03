import type { GetListParams } from 'react-admin';

const parseTotal = (contentRange: string | null, fallback: number): number => {
  // "staff 0-24/57" -> 57
  const total = contentRange?.split('/').pop();
  const parsed = total === undefined ? NaN : Number.parseInt(total, 10);
  return Number.isFinite(parsed) ? parsed : fallback;
};

/**
 * A list's total from Content-Range, or at least how many there are when the server stopped
 * counting ("subjects 0-24/1001+": more than 1,000 people match a search).
 */
export const parseCount = (contentRange: string | null, fallback: number): { total: number } | { atLeast: number } => {
  const last = contentRange?.split('/').pop() ?? '';
  const atLeast = /^(\d+)\+$/.exec(last);
  return atLeast ? { atLeast: Number.parseInt(atLeast[1]!, 10) } : { total: parseTotal(contentRange, fallback) };
};

/**
 * A page of a list as react-admin takes it: with its `total`, or when the count stopped early,
 * partial pagination (`pageInfo`, no `total`), with how many at least in `meta.totalAtLeast`.
 */
export const listPage = <T>(data: T[], contentRange: string | null, params: Partial<GetListParams>) => {
  const count = parseCount(contentRange, data.length);
  if ('total' in count) return { data, total: count.total };
  const { page = 1, perPage = 25 } = params.pagination ?? {};
  return {
    data,
    pageInfo: { hasNextPage: page * perPage < count.atLeast, hasPreviousPage: page > 1 },
    meta: { totalAtLeast: count.atLeast },
  };
};
