import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// A pragmatic address check (WHATWG's "valid e-mail address" without IP literals).
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Normalises contact values the same way when they are stored and when they are searched. */
export class ContactValues {
  /** Lower-cased, trimmed, NFC; null when it is not an email address. */
  static email(input: string): string | null {
    const value = input.normalize('NFC').trim().toLowerCase();
    return value.length <= 254 && EMAIL.test(value) ? value : null;
  }

  /**
   * E.164, with Korea as the default country for national numbers (010-1234-5678); null when
   * it is not a valid phone number.
   */
  static phone(input: string): string | null {
    if (input.length > 40) return null;
    const parsed = parsePhoneNumberFromString(input.trim(), 'KR');
    return parsed?.isValid() ? parsed.number : null;
  }

  /** The national format staff are used to reading: 010-1234-5678 for Korea. */
  static displayPhone(e164: string): string {
    const parsed = parsePhoneNumberFromString(e164);
    if (!parsed) return e164;
    return parsed.country === 'KR' ? parsed.formatNational() : parsed.formatInternational();
  }

  /** Name search key: NFC, lower-case, single spaces. */
  static nameKey(input: string): string {
    return input.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  }
}
