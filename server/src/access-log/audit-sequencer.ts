import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  canonicalize,
  leafHash,
  MerkleTreeBuilder,
  signTreeHead,
  type MerkleFrontier,
  type SignedTreeHead,
} from '@poc/audit';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { DATABASE_LOCATION, type DatabaseLocation } from '../database/database-location';
import { APP_LOGGER } from '../common/logger';
import type { CanonicalAuditEvent } from './audit-event';
import { AuditRepository, SequencedRow } from './audit.repository';
import { AuditSigner } from './audit-signer';
import { HeadSink } from './head-sink';

const LOCK_KEY = 'console:audit-sequencer';
const BATCH = 1000;
const IDLE_POLL_MS = 100;
const FOLLOWER_POLL_MS = 2000;
const COALESCE_BELOW = 100;
const COALESCE_MS = 10;
/** flush() on an instance while another instance leads the sequencer. */
export class SequencerLockHeld extends Error {
  constructor() {
    super('Another instance holds the sequencer lock');
  }
}

/** How the sequencer's connection shows in pg_stat_activity. */
export const SEQUENCER_APPLICATION_NAME = 'console-audit-sequencer';

/**
 * The single writer of the access log. Holds a session advisory lock on a dedicated
 * connection, so among several server instances exactly one sequences; the others wait
 * and take over if it dies. Each batch moves inbox rows into audit_events in one
 * transaction: gapless seq, canonical bytes, RFC 6962 leaf hash. A crash mid-batch rolls
 * the whole batch back, so nothing is lost and no seq is used twice. Every few seconds it
 * signs a tree head and writes it to the database and to a directory outside it.
 */
@Injectable()
export class AuditSequencer implements OnApplicationBootstrap, OnModuleDestroy {
  private client?: Client;
  private leader = false;
  private broken = false;
  private tree = new MerkleTreeBuilder();
  private lastSeq = 0;
  private lastHeadSize = 0;
  private lastHeadTime = 0;
  private lastCheckpointAt = 0;
  private stopped = false;
  private loop?: Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly audit: AuditRepository,
    private readonly signer: AuditSigner,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(DATABASE_LOCATION) private readonly location: DatabaseLocation,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.auditSequencer) this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.exclusive(async () => {
      await this.client?.end().catch(() => undefined);
      this.client = undefined;
    });
  }

  get isLeader(): boolean {
    return this.leader;
  }

  /** Sequences everything waiting and signs a head now (tests, and before a verification). */
  async flush(): Promise<void> {
    await this.exclusive(async () => {
      try {
        if (!(await this.ensureLeader())) throw new SequencerLockHeld();
        while ((await this.sequenceBatch()) > 0);
        await this.checkpoint(true);
      } catch (error) {
        await this.dropConnection();
        throw error;
      }
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const moved = await this.exclusive(async () => {
          if (!(await this.ensureLeader())) return -1;
          const n = await this.sequenceBatch();
          await this.checkpoint(false);
          return n;
        });
        if (moved <= 0) await sleep(moved < 0 ? FOLLOWER_POLL_MS : IDLE_POLL_MS);
        // A small batch: let a few more commits arrive, so each batch's commit is shared by more events.
        else if (moved < COALESCE_BELOW) await sleep(COALESCE_MS);
      } catch (error) {
        this.log.error({ err: error }, 'audit sequencer batch failed; retrying');
        await this.reset();
        await sleep(500);
      }
    }
  }

  private async ensureLeader(): Promise<boolean> {
    // A connection that failed while idle (database restart, killed backend) is replaced.
    if (this.broken) await this.dropConnection();
    if (this.leader && this.client) return true;
    if (!this.client) {
      // Its own role: the only one that may write events and heads (console_app may not).
      const client = new Client({
        connectionString: this.location.sequencerUrl,
        application_name: SEQUENCER_APPLICATION_NAME,
        ...(this.location.sequencerRole ? { options: `-c role=${this.location.sequencerRole}` } : {}),
      });
      client.on('error', (err) => {
        this.broken = true;
        this.log.warn({ err }, 'audit sequencer connection error');
      });
      await client.connect();
      this.client = client;
    }
    if (!(await this.audit.tryLock(this.client, LOCK_KEY))) return false;
    await this.loadState(this.client);
    this.leader = true;
    this.log.info({ treeSize: this.lastSeq }, 'audit sequencer is the leader');
    return true;
  }

  /** Rebuilds the in-memory tree from what is committed: the database is the truth. */
  private async loadState(client: Client): Promise<void> {
    // The owner registered it at start-up (AuditOwnerSetup); this role cannot.
    await this.audit.requireKey(client, this.signer.keyId);
    // Resume from the latest head's frontier (or a purge cut's), reading only the leaves after it.
    const head = await this.audit.latestHeadFrontier(client);
    const purge = await this.audit.latestPurgeFrontier(client);
    const start = [head, purge].reduce<MerkleFrontier | null>(
      (best, f) => (f && (!best || f.treeSize > best.treeSize) ? f : best),
      null,
    );
    const tree = start ? MerkleTreeBuilder.fromFrontier(start) : new MerkleTreeBuilder();
    let expected = tree.size + 1;
    for await (const { seq, leafHash: leaf } of this.audit.leafHashes(client, tree.size)) {
      if (seq !== expected) throw new Error(`The access log has a gap before seq ${seq}; run audit verify`);
      tree.append(leaf);
      expected += 1;
    }
    this.tree = tree;
    this.lastSeq = tree.size;
    this.lastHeadSize = await this.audit.latestHeadSize(client);
  }

  private async sequenceBatch(): Promise<number> {
    const client = this.client as Client;
    await client.query('BEGIN');
    try {
      const inbox = await this.audit.claimInbox(client, BATCH);
      if (inbox.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      const rows: SequencedRow[] = inbox.map((row, i) => {
        const event: CanonicalAuditEvent = { seq: this.lastSeq + i + 1, ...row.event };
        const canonical = canonicalize(event);
        return { seq: event.seq, event, canonical, leafHash: leafHash(canonical) };
      });
      await this.audit.appendEvents(
        client,
        rows,
        inbox.map((r) => r.id),
      );
      await client.query('COMMIT');
      // Only after the commit: memory never runs ahead of the database.
      for (const r of rows) this.tree.append(r.leafHash);
      this.lastSeq += rows.length;
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async checkpoint(force: boolean): Promise<void> {
    const now = this.clock.now().getTime();
    if (this.lastSeq === this.lastHeadSize) return;
    if (!force && now - this.lastCheckpointAt < this.config.auditCheckpointMs) return;
    // Head times strictly increase, even if the clock stands still or steps back.
    const time = Math.max(now, this.lastHeadTime + 1);
    const head = signTreeHead(this.signer.privateKey, {
      treeSize: this.lastSeq,
      rootHash: this.tree.root().toString('hex'),
      timestamp: new Date(time).toISOString(),
    });
    await this.audit.insertHead(this.client as Client, {
      treeSize: head.treeSize,
      rootHash: Buffer.from(head.rootHash, 'hex'),
      signedAt: new Date(head.timestamp),
      keyId: head.keyId,
      signature: Buffer.from(head.signature, 'base64'),
      frontier: this.tree.toFrontier(),
    });
    await this.writeToSink(head);
    this.lastHeadSize = head.treeSize;
    this.lastHeadTime = time;
    this.lastCheckpointAt = now;
  }

  /** The copy outside the database: a superuser who rewrites the tables cannot rewrite these. */
  private async writeToSink(head: SignedTreeHead): Promise<void> {
    await new HeadSink(this.config.auditHeadDir).append(head);
  }

  private async reset(): Promise<void> {
    await this.exclusive(() => this.dropConnection());
  }

  /** Gives up the connection (and with it the lock); the next batch reconnects and reloads. */
  private async dropConnection(): Promise<void> {
    this.leader = false;
    this.broken = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
