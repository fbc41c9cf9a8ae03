import { localDateOf } from '../calendar/local-date';
import { fourteenthBirthdayBound } from './subjects.repository';
import { ContactValues } from './contact-values';
import { Masking } from './masking';

describe('Masking', () => {
  it('keeps the first two letters of an email and its domain', () => {
    expect(Masking.email('hong@example.com')).toBe('ho***@example.com');
    expect(Masking.email('ab@x.com')).toBe('a***@x.com');
  });

  it('shows a Korean mobile number as 010-****-2982', () => {
    expect(Masking.phone(ContactValues.phone('010-9930-2982')!)).toBe('010-****-2982');
  });

  it('masks the middle groups of an international number', () => {
    expect(Masking.phone(ContactValues.phone('+1 415 555 2671')!)).toBe('+1 *** *** 2671');
  });

  it('keeps the first character of each name part', () => {
    expect(Masking.name('홍길동')).toBe('홍**');
    expect(Masking.name('John Smith')).toBe('J*** S****');
    expect(Masking.name('A')).toBe('A*');
  });

  it('turns a birth date into an age on a given day', () => {
    expect(Masking.age('2012-05-03', '2026-05-02')).toBe(13);
    expect(Masking.age('2012-05-03', '2026-05-03')).toBe(14);
  });

  it('counts an age on the day it is in Seoul, when UTC is still the day before the birthday', () => {
    // A fixed clock: 00:30 on 3 May 2026 in Seoul is 15:30 on 2 May in UTC.
    const now = new Date('2026-05-02T15:30:00Z');
    expect(Masking.age('2012-05-03', localDateOf(now, 'Asia/Seoul'))).toBe(14);
    expect(Masking.age('2012-05-03', localDateOf(now, 'UTC'))).toBe(13);
  });

  it('makes one born on 29 February a year older on 1 March of a common year', () => {
    expect(Masking.age('2012-02-29', '2026-02-28')).toBe(13);
    expect(Masking.age('2012-02-29', '2026-03-01')).toBe(14);
    expect(Masking.age('2012-02-29', '2028-02-29')).toBe(16);
    expect(Masking.age('2012-12-31', '2026-12-30')).toBe(13);
    expect(Masking.age('2012-12-31', '2026-12-31')).toBe(14);
  });

  it('puts the under-14 bound where the age turns 14, leap days included', () => {
    // A child born after the bound is under 14 (PIPA Art. 22-2).
    expect(fourteenthBirthdayBound('2026-05-03')).toBe('2012-05-03');
    expect(fourteenthBirthdayBound('2026-02-28')).toBe('2012-02-28'); // born 29 Feb 2012: still 13
    expect(fourteenthBirthdayBound('2026-03-01')).toBe('2012-03-01');
    expect(fourteenthBirthdayBound('2028-02-29')).toBe('2014-02-28');
  });
});

describe('ContactValues', () => {
  it('normalises Korean numbers to E.164 and refuses non-numbers', () => {
    expect(ContactValues.phone('010-9930-2982')).toBe('+821099302982');
    expect(ContactValues.phone('+82 10 9930 2982')).toBe('+821099302982');
    expect(ContactValues.phone('123')).toBeNull();
    expect(ContactValues.phone("1' OR '1'='1")).toBeNull();
  });

  it('lower-cases emails and refuses what is not one', () => {
    expect(ContactValues.email(' A.B@Example.COM ')).toBe('a.b@example.com');
    expect(ContactValues.email('not-an-email')).toBeNull();
    expect(ContactValues.email('a@b')).toBeNull();
  });
});
