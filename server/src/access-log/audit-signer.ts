import { keyIdOf } from '@poc/audit';
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

/**
 * The Ed25519 key that signs tree heads. AUDIT_SIGNING_KEY wins; otherwise a key file in
 * DATA_DIR, created on first start. Its public half is stored with every head's key id.
 */
export class AuditSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;

  constructor(readonly privateKey: KeyObject) {
    const publicKey = createPublicKey(privateKey);
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(publicKey);
  }

  static load(config: AppConfig): AuditSigner {
    if (config.auditSigningKeyPem !== undefined) return new AuditSigner(createPrivateKey(config.auditSigningKeyPem));
    const file = join(config.dataDir, 'audit-signing-key.pem');
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    }
    return new AuditSigner(createPrivateKey(readFileSync(file)));
  }
}
