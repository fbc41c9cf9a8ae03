import type { Channel } from './outbox-types';

/**
 * How an address is shown in lists: enough to tell messages apart, not enough to contact anyone.
 * E-mail keeps its first character and domain; a phone number its last four digits.
 */
export function maskAddress(channel: Channel, address: string): string {
  switch (channel) {
    case 'email': {
      const at = address.lastIndexOf('@');
      if (at <= 0) return '***';
      return `${address[0]}***${address.slice(at)}`;
    }
    case 'sms': {
      const digits = address.replace(/\D/g, '');
      return digits.length >= 4 ? `***-${digits.slice(-4)}` : '***';
    }
    case 'app_push':
      return 'device ***';
    case 'letter':
    case 'regulator_portal':
      // A postal address or a portal account: its first word (a name or an authority).
      return `${address.trim().split(/\s+/)[0].slice(0, 2)}***`;
    default: {
      const unknown: never = channel;
      throw new Error(`No mask for channel ${String(unknown)}`);
    }
  }
}
