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
