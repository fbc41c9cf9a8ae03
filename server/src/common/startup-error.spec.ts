import { describeError, StartupError } from './startup-error';

describe('describeError', () => {
  it('never answers "undefined", whatever a promise was rejected with', () => {
    for (const value of [undefined, null, '', new Error(''), {}, Object.create(null), new AggregateError([])]) {
      const text = describeError(value);
      expect(text).not.toMatch(/^undefined$|^null$|^$/);
      expect(text.length).toBeGreaterThan(2);
    }
  });

  it('names the inner errors of an AggregateError (a refused connection to localhost)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    const refused6 = Object.assign(new Error('connect ECONNREFUSED ::1:54329'), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused6, refused], ''))).toBe(
      'connect ECONNREFUSED ::1:54329; connect ECONNREFUSED 127.0.0.1:54329',
    );
  });

  it('keeps what PostgreSQL adds (code, detail, hint) and the cause', () => {
    const pg = Object.assign(new Error('permission denied for table staff'), { code: '42501', hint: 'ask' });
    expect(describeError(pg)).toBe('permission denied for table staff [42501] Hint: ask');
    expect(describeError(new Error('Migration 1.sql failed', { cause: undefined }))).toBe('Migration 1.sql failed');
    expect(describeError(new Error('outer', { cause: new Error('inner') }))).toBe('outer (caused by: inner)');
  });

  it('gives the cause and the remedy of a start-up error', () => {
    expect(describeError(new StartupError('Port 1 is taken', 'set EMBEDDED_PG_PORT'))).toBe(
      'Port 1 is taken\n  What to do: set EMBEDDED_PG_PORT',
    );
  });
});
