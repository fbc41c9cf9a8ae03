import { createHmac, hkdfSync } from 'node:crypto';

export type BlindIndexKind = 'email' | 'phone';

/**
 * Keyed blind indexes for exact lookups: HMAC-SHA-256 of the normalised value under a key
 * derived from the master key, one key per kind. Search compares hashes and never decrypts.
 */
export class BlindIndex {
  private readonly keys: Record<BlindIndexKind, Buffer>;

  constructor(masterKey: Buffer) {
    const derive = (kind: BlindIndexKind) =>
      Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `console:blind-index:${kind}`, 32));
    this.keys = { email: derive('email'), phone: derive('phone') };
  }

  /** Expects a value already normalised by ContactValues. */
  of(kind: BlindIndexKind, normalised: string): Buffer {
    return createHmac('sha256', this.keys[kind]).update(normalised, 'utf8').digest();
  }
}
