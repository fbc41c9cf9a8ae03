import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { digestPacked, isFramerBatch, type PackedDigest } from './packed';

interface Job {
  resolve(digest: PackedDigest): void;
  reject(error: Error): void;
}

interface Member {
  worker: Worker;
  online: boolean;
  jobs: Map<number, Job>;
}

// Run from the TypeScript sources (the tests), the worker compiles them as it loads them.
const FROM_SOURCES = `
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(require('node:worker_threads').workerData.entry);
`;

function startWorker(): Worker {
  const compiled = join(__dirname, 'digest-worker.js');
  if (existsSync(compiled)) return new Worker(compiled);
  return new Worker(FROM_SOURCES, { eval: true, workerData: { entry: join(__dirname, 'digest-worker.ts') } });
}

/**
 * Digests packed event batches (see `digestPacked`) on worker threads, so that hashing and the
 * column checks of a large log use every core. Batches given before any worker is ready are
 * digested on the calling thread, so a short log does not wait for the workers to start.
 * Results come back as promises; the caller keeps them in its own order.
 */
export class DigestPool {
  private readonly members: Member[] = [];
  private nextId = 0;
  private closed = false;

  /** `size` workers (0: everything on the calling thread). */
  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const member: Member = { worker: startWorker(), online: false, jobs: new Map() };
      member.worker.on('online', () => {
        member.online = true;
      });
      member.worker.on('message', (m: { id: number; digest?: PackedDigest; error?: string }) => {
        const job = member.jobs.get(m.id);
        member.jobs.delete(m.id);
        if (m.digest) job?.resolve(m.digest);
        else job?.reject(new Error(m.error ?? 'digest worker failed'));
      });
      member.worker.on('error', (error) => this.fail(member, error));
      member.worker.on('exit', (code) => {
        if (!this.closed) this.fail(member, new Error(`a digest worker exited (code ${code})`));
      });
      this.members.push(member);
    }
  }

  /** Resolves once every worker has started (batches given before then are digested here). */
  ready(): Promise<void> {
    return Promise.all(
      this.members.map((m) =>
        m.online ? undefined : new Promise<void>((resolve) => m.worker.once('online', () => resolve())),
      ),
    ).then(() => undefined);
  }

  /** How many batches are worth keeping in flight. */
  get depth(): number {
    return 2 * this.members.length + 1;
  }

  /**
   * Digests a batch. The memory of a batch from PackedFramer is handed over to a worker (do not
   * use the batch afterwards); any other batch is copied first.
   */
  digest(batch: Buffer): Promise<PackedDigest> {
    let best: Member | undefined;
    for (const m of this.members) if (m.online && (best === undefined || m.jobs.size < best.jobs.size)) best = m;
    if (best === undefined) {
      try {
        return Promise.resolve(digestPacked(batch));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const member = best;
    const id = this.nextId++;
    return new Promise<PackedDigest>((resolve, reject) => {
      member.jobs.set(id, { resolve, reject });
      // A batch from PackedFramer owns its memory, so it moves without a copy; any other is copied.
      const own = isFramerBatch(batch) ? batch : Buffer.from(Uint8Array.prototype.slice.call(batch).buffer);
      const buffer = own.buffer as ArrayBuffer;
      member.worker.postMessage({ id, buffer, length: own.length, offset: own.byteOffset }, [buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }

  private fail(member: Member, error: Error): void {
    member.online = false;
    for (const job of member.jobs.values()) job.reject(error);
    member.jobs.clear();
  }
}
