import isBase64 from 'validator/lib/isBase64';
import { isPaddedBase64 } from './text-validators';

describe('isPaddedBase64', () => {
  it.each([
    '',
    'QQ==',
    'QUI=',
    'QUJD',
    Buffer.from('상담 기록 evidence').toString('base64'),
    'QQ=',
    'QQ===',
    'Q===',
    'Q=Q=',
    '=QQQ',
    'QUJD\n',
    'QU JD',
    'QU-_',
    'QUJ\u0000',
    '한국어=',
  ])('agrees with validator.js on %j', (text) => {
    expect(isPaddedBase64(text)).toBe(isBase64(text));
  });

  it('takes a 40 MB upload in one pass, without a regular expression to overflow', () => {
    const large = Buffer.alloc(30 * 1024 * 1024, 7).toString('base64');
    expect(isPaddedBase64(large)).toBe(true);
    expect(isPaddedBase64(`${large.slice(0, -4)}A=A=`)).toBe(false);
  });
});
