import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SystemClock } from '../../calendar/clock';
import { utcDateOf } from '../../calendar/local-date';
import { SecretBox } from '../../common/secret-box';

interface KekEntry {
  id: string;
  createdAt: string;
  /** The key, sealed under the master key; null once retired (destroyed). */
  sealed: string | null;
  retiredAt: string | null;
}

interface KeyringFile {
  version: 1;
  active: string;
  keks: KekEntry[];
}

export class KekUnavailableError extends Error {
  constructor(readonly kekId: string) {
    super(`Key-encryption key ${kekId} is not in the keyring (retired or unknown)`);
  }
}

/**
 * The key-encryption keys (KEKs) that wrap subjects' data keys. They live in a file outside the
 * database, each sealed under the master key, so that neither a database dump nor the keyring
 * file alone decrypts anything. Retiring a KEK destroys its key material: every data key still
 * wrapped by it (in the database or in any dump of it) becomes unrecoverable. That is what makes
 * crypto-shredding reach backups (Shelby policy, Art. 10).
 *
 * Instances that share a database must share this file (a secret volume), or the class is
 * replaced by a KMS-backed one with the same four methods.
 */
export class Keyring {
  private readonly box: SecretBox;
  private state: KeyringFile;
  private stamp = '';
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly file: string,
    masterKey: Buffer,
    private readonly now: () => Date = () => new SystemClock().now(),
  ) {
    this.box = new SecretBox(masterKey, 'keyring');
    this.state = existsSync(file) ? this.read() : this.initialise();
  }

  activeId(): string {
    this.refresh();
    return this.state.active;
  }

  /** The KEK's bytes. */
  key(id: string): Buffer {
    this.refresh();
    const cached = this.cache.get(id);
    if (cached) return cached;
    const entry = this.state.keks.find((k) => k.id === id);
    if (!entry?.sealed) throw new KekUnavailableError(id);
    const key = Buffer.from(this.box.open(Buffer.from(entry.sealed, 'base64'), `kek:${id}`), 'base64');
    this.cache.set(id, key);
    return key;
  }

  /** Adds a new KEK and makes it the one new data keys are wrapped with. */
  createActive(): string {
    this.state = this.read();
    const id = newKekId(this.now());
    const sealed = this.box.seal(randomBytes(32).toString('base64'), `kek:${id}`).toString('base64');
    this.state = {
      ...this.state,
      active: id,
      keks: [...this.state.keks, { id, createdAt: this.now().toISOString(), sealed, retiredAt: null }],
    };
    this.write(this.state);
    return id;
  }

  /** Destroys every KEK except the active one. */
  retireAllButActive(): string[] {
    this.state = this.read();
    const retired: string[] = [];
    const keks = this.state.keks.map((k) => {
      if (k.id === this.state.active || k.sealed === null) return k;
      retired.push(k.id);
      return { ...k, sealed: null, retiredAt: this.now().toISOString() };
    });
    this.state = { ...this.state, keks };
    this.write(this.state);
    for (const id of retired) this.cache.delete(id);
    return retired;
  }

  private initialise(): KeyringFile {
    const id = newKekId(this.now());
    const sealed = this.box.seal(randomBytes(32).toString('base64'), `kek:${id}`).toString('base64');
    const state: KeyringFile = {
      version: 1,
      active: id,
      keks: [{ id, createdAt: this.now().toISOString(), sealed, retiredAt: null }],
    };
    mkdirSync(dirname(this.file), { recursive: true });
    try {
      writeFileSync(this.file, JSON.stringify(state, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      return state;
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return this.read();
      throw error;
    }
  }

  // Another process (keys:rotate, another instance) may have rotated: reread a changed file and
  // forget retired keys at once.
  private refresh(): void {
    if (fileStamp(this.file) === this.stamp) return;
    this.state = this.read();
    for (const id of this.cache.keys()) {
      if (!this.state.keks.some((k) => k.id === id && k.sealed)) this.cache.delete(id);
    }
  }

  private read(): KeyringFile {
    this.stamp = fileStamp(this.file);
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as KeyringFile;
    if (parsed.version !== 1 || !parsed.keks.some((k) => k.id === parsed.active && k.sealed)) {
      throw new Error(`${this.file} is not a keyring with an active key`);
    }
    return parsed;
  }

  // Write to a temporary file and rename, so a crash never leaves a half-written keyring.
  private write(state: KeyringFile): void {
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
    renameSync(tmp, this.file);
    this.stamp = fileStamp(this.file);
  }
}

// Every write replaces the file by rename, so the inode changes with each version.
function fileStamp(file: string): string {
  const { ino, mtimeMs, size } = statSync(file);
  return `${ino}:${mtimeMs}:${size}`;
}

function newKekId(now: Date): string {
  return `kek-${utcDateOf(now).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
}
