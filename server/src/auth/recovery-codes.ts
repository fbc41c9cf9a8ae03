import { createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz123456789'; // 32 letters: 5 bits each, no look-alikes

/**
 * Single-use recovery codes: 10 characters (50 bits) shown once as `xxxxx-xxxxx`, stored
 * as HMAC-SHA-256 under a key derived from the master key, so a database dump alone is no use.
 */
export class RecoveryCodes {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'console:recovery-codes', 32));
  }

  generate(): string[] {
    return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const chars = [...randomBytes(10)].map((b) => ALPHABET[b % 32]).join('');
      return `${chars.slice(0, 5)}-${chars.slice(5)}`;
    });
  }

  hash(staffId: string, code: string): Buffer {
    const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
    return createHmac('sha256', this.key).update(`${staffId}:${normalised}`).digest();
  }
}
