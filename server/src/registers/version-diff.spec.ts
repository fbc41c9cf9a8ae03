import { diffSnapshots } from './version-diff';

describe('diffSnapshots', () => {
  const base = {
    id: 'x',
    version: 1,
    updatedAt: '2026-01-01T00:00:00.000Z',
    country: 'US',
    recipient: { ko: '줌', en: 'Zoom' },
    contractTerms: { liability: false, scope: true },
    processorIds: ['a', 'b'],
  };

  it('names nested fields that changed with their old and new values', () => {
    const next = {
      ...base,
      version: 2,
      updatedAt: '2026-02-01T00:00:00.000Z',
      country: 'JP',
      recipient: { ko: '줌', en: 'Zoom Inc.' },
      contractTerms: { liability: true, scope: true },
    };
    expect(diffSnapshots(base, next)).toEqual([
      { field: 'contractTerms.liability', before: false, after: true },
      { field: 'country', before: 'US', after: 'JP' },
      { field: 'recipient.en', before: 'Zoom', after: 'Zoom Inc.' },
    ]);
  });

  it('compares arrays as a whole and ignores bookkeeping fields', () => {
    expect(diffSnapshots(base, { ...base, version: 9, processorIds: ['b', 'a'] })).toEqual([
      { field: 'processorIds', before: ['a', 'b'], after: ['b', 'a'] },
    ]);
    expect(diffSnapshots(base, { ...base, version: 2 })).toEqual([]);
  });

  it('lists every field of a first version as new', () => {
    const diff = diffSnapshots(null, base);
    expect(diff).toContainEqual({ field: 'country', before: null, after: 'US' });
    expect(diff).toContainEqual({ field: 'recipient.ko', before: null, after: '줌' });
    expect(diff.map((d) => d.field)).not.toContain('version');
  });
});
