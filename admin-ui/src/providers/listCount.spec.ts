/// <reference types="jest" />
import { listPage, parseCount } from './listCount';

describe('list counts from Content-Range', () => {
  it('reads an exact total', () => {
    expect(parseCount('subjects 0-24/57', 25)).toEqual({ total: 57 });
    expect(parseCount(null, 3)).toEqual({ total: 3 });
  });

  it('reads "N+" as at least N (the subject search stops counting past 1,000)', () => {
    expect(parseCount('subjects 0-24/1001+', 25)).toEqual({ atLeast: 1001 });
  });

  it('answers a capped count with partial pagination instead of a total', () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: i }));
    expect(listPage(rows, 'subjects 0-24/1001+', { pagination: { page: 1, perPage: 25 } })).toEqual({
      data: rows,
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
      meta: { totalAtLeast: 1001 },
    });
    expect(listPage(rows, 'subjects 1000-1024/1026+', { pagination: { page: 41, perPage: 25 } })).toMatchObject({
      pageInfo: { hasNextPage: true, hasPreviousPage: true },
    });
    expect(listPage(rows, 'subjects 0-24/57', { pagination: { page: 1, perPage: 25 } })).toEqual({
      data: rows,
      total: 57,
    });
  });
});
