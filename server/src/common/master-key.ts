import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

/**
 * The key that protects secrets at rest. MASTER_KEY wins; otherwise a key file in DATA_DIR
 * is used, and created on first start. Instances that share a database must share this key.
 */
export function loadMasterKey(config: AppConfig): { key: Buffer; source: string } {
  if (config.masterKey !== undefined) return { key: config.masterKey, source: 'MASTER_KEY' };
  const file = join(config.dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return { key, source: file };
}

/** The master key as an injectable value. */
export class MasterKey {
  constructor(readonly key: Buffer) {}
}
