import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;

/**
 * AES-256-GCM with an explicit key: wraps data keys under a KEK and seals PHI under a data key.
 * Layout: version (1) | iv (12) | tag (16) | ciphertext. The associated data binds a ciphertext
 * to its row and column, so a value copied onto another subject or field does not open.
 */
export class DataKeyCipher {
  static newDataKey(): Buffer {
    return randomBytes(32);
  }

  static seal(key: Buffer, plaintext: Buffer | string, associatedData: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  static open(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
    if (sealed[0] !== VERSION) throw new Error('Unknown ciphertext version');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  }
}
