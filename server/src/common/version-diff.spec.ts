import { diffSnapshots, historyOf } from './version-diff';

describe('diffSnapshots with named fields', () => {
  const before = { id: 'h', version: 1, date: '2026-10-02', nameKo: '임시공휴일', sampleData: { a: 1 }, note: 'x' };

  it('compares only the named fields, each as a whole, in the order given', () => {
    const after = { ...before, version: 2, nameKo: '임시공휴일 (추석)', date: '2026-10-05', sampleData: { a: 2 } };
    expect(diffSnapshots(before, { ...after, note: 'ignored' }, ['nameKo', 'date', 'sampleData'])).toEqual([
      { field: 'nameKo', before: '임시공휴일', after: '임시공휴일 (추석)' },
      { field: 'date', before: '2026-10-02', after: '2026-10-05' },
      { field: 'sampleData', before: { a: 1 }, after: { a: 2 } },
    ]);
  });

  it('lists every named field of a first version as new, with null for a missing one', () => {
    expect(diffSnapshots(null, before, ['date', 'status'])).toEqual([
      { field: 'date', before: null, after: '2026-10-02' },
      { field: 'status', before: null, after: null },
    ]);
  });
});

describe('historyOf', () => {
  const at = (iso: string) => new Date(iso);
  const versions = [
    {
      version: 1,
      operation: 'create' as const,
      changedAt: at('2026-09-01T00:00:00Z'),
      authorId: 'a',
      authorName: 'Ann',
      reason: 'new',
      snapshot: { name: 'one', kind: 'public' },
    },
    {
      version: 2,
      operation: 'update' as const,
      changedAt: at('2026-09-02T00:00:00Z'),
      authorId: null,
      authorName: 'seed',
      reason: 'renamed',
      snapshot: { name: 'two', kind: 'public' },
    },
  ];

  it('lists versions newest first, each with its author and its diff from the version before', () => {
    const history = historyOf(versions, ['name', 'kind']);
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(history[0]).toEqual({
      version: 2,
      operation: 'update',
      changedAt: '2026-09-02T00:00:00.000Z',
      author: { id: null, displayName: 'seed' },
      reason: 'renamed',
      diff: [{ field: 'name', before: 'one', after: 'two' }],
      snapshot: { name: 'two', kind: 'public' },
    });
    expect(history[1].diff.map((d) => d.field)).toEqual(['name', 'kind']);
  });
});
