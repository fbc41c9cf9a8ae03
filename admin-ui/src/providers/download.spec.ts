/// <reference types="jest" />
import { filenameFromContentDisposition } from './download';

describe('filenameFromContentDisposition', () => {
  const fallback = 'access-log.csv';

  it('reads the quoted filename the server sends', () => {
    expect(
      filenameFromContentDisposition('attachment; filename="access-log-2026-11-22T04-47-29-000Z.csv"', fallback),
    ).toBe('access-log-2026-11-22T04-47-29-000Z.csv');
  });

  it('reads an unquoted filename', () => {
    expect(filenameFromContentDisposition('attachment; filename=log.csv; size=12', fallback)).toBe('log.csv');
  });

  it('prefers the UTF-8 filename* over the plain one', () => {
    expect(
      filenameFromContentDisposition(
        `attachment; filename="access-log.csv"; filename*=UTF-8''%EC%A0%91%EA%B7%BC%EA%B8%B0%EB%A1%9D.csv`,
        fallback,
      ),
    ).toBe('접근기록.csv');
  });

  it('falls back to the plain filename when filename* is malformed', () => {
    expect(filenameFromContentDisposition(`attachment; filename*=UTF-8''%E0%A4%A; filename="a.csv"`, fallback)).toBe(
      'a.csv',
    );
  });

  it('keeps escaped quotes and replaces path separators', () => {
    expect(filenameFromContentDisposition('attachment; filename="say \\"hi\\".csv"', fallback)).toBe('say _hi_.csv');
    expect(filenameFromContentDisposition('attachment; filename="../../etc/passwd"', fallback)).toBe(
      '.._.._etc_passwd',
    );
  });

  it('uses the fallback without a header or a name', () => {
    expect(filenameFromContentDisposition(null, fallback)).toBe(fallback);
    expect(filenameFromContentDisposition('attachment', fallback)).toBe(fallback);
    expect(filenameFromContentDisposition('attachment; filename=""', fallback)).toBe(fallback);
  });
});
