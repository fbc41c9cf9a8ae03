import { wholeYearsBetween, type LocalDate } from '../calendar/local-date';
import { ContactValues } from './contact-values';

/** The masked forms every response uses until a value is revealed with a purpose. */
export class Masking {
  /**
   * A value that shows nothing of itself until revealed: a nickname is often the given name, so
   * any part of it beside the masked name would undo the name's mask.
   */
  static readonly HIDDEN = '***';

  /** ho***@example.com */
  static email(email: string): string {
    const at = email.lastIndexOf('@');
    if (at < 1) return '***';
    const local = email.slice(0, at);
    const keep = [...local].slice(0, local.length > 3 ? 2 : 1).join('');
    return `${keep}***${email.slice(at)}`;
  }

  /** 010-****-2982 */
  static phone(e164: string): string {
    const display = ContactValues.displayPhone(e164);
    const groups = display.split(/([\s-])/);
    // Keep the first and last groups, hide every digit in between.
    return groups
      .map((g, i) => (i === 0 || i === groups.length - 1 || /^[\s-]$/.test(g) ? g : g.replace(/\d/g, '*')))
      .join('');
  }

  /** What stands for the name of a person whose identity was erased (the column is NULL). */
  static readonly ERASED = '(erased)';

  /** What stands for the name of a person separated into the dormant store (F9): no data is read from it. */
  static readonly SEPARATED = '(dormant)';

  /** 홍** for Korean names; J*** S**** for names written in Latin letters. */
  static name(name: string | null): string {
    if (name === null) return Masking.ERASED;
    const trimmed = name.trim();
    if (/\s/.test(trimmed)) {
      return trimmed
        .split(/\s+/)
        .map((part) => {
          const chars = [...part];
          return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
        })
        .join(' ');
    }
    const chars = [...trimmed];
    return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
  }

  /** Whole years between the birth date and `on` (both calendar dates). */
  static age(birthDate: LocalDate, on: LocalDate): number {
    return wholeYearsBetween(birthDate, on);
  }

  /** 203.0.113.* for IPv4; the first three groups for IPv6. */
  static ip(ip: string): string {
    if (ip.includes(':')) return ip.split(':').slice(0, 3).join(':') + ':…';
    const parts = ip.split('.');
    return [...parts.slice(0, 3), '*'].join('.');
  }

  /** ****-****-1234 style: all but the last four characters hidden. */
  static tail(value: string, visible = 4): string {
    const chars = [...value.replace(/\s/g, '')];
    return '*'.repeat(Math.max(chars.length - visible, 0)) + chars.slice(-visible).join('');
  }
}
