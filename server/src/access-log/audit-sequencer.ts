import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  canonicalize,
  leafHash,
  MerkleTreeBuilder,
  treeHeadSigningBytes,
  verifyTreeHead,
  type MerkleFrontier,
  type SignedTreeHead,
} from '@poc/audit';
import { createPublicKey, sign } from 'node:crypto';
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
import { SubtreeBuilder, type SubtreeNode } from './subtree';
import { sealHead } from './head-sets';

const LOCK_KEY = 'console:audit-sequencer';
const BATCH = 1000;
const IDLE_POLL_MS = 100;
const FOLLOWER_POLL_MS = 2000;
/**
 * While requests keep adding events, the next batch waits (polling the inbox's newest id every
 * GATHER_POLL_MS) until it is full, the inbox stops growing, or its oldest event has waited
 * GATHER_MAX_MS: a few large batches instead of many small ones, so the fixed cost of a batch
 * (round trips, commit, seal, signature) is paid less often while requests are busy, and the
 * lag stays bounded.
 */
const GATHER_POLL_MS = 20;
const GATHER_MAX_MS = 250;
const HALTED_REPEAT_MS = 60_000;
const SHUTDOWN_DRAIN_MS = 5_000;
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
 * transaction: gapless seq, canonical bytes, RFC 6962 leaf hash, the roots of the complete
 * subtrees the batch finishes (for O(log n) proofs), and the seal: a tree head signed over the
 * new size. A crash mid-batch rolls the whole batch back, so nothing is lost, no seq is used
 * twice, and no committed event is ever outside a signed head in the database. At most every
 * AUDIT_CHECKPOINT_SECONDS while events arrive, and at shutdown, the seal is published as a
 * head: into audit_heads and the sink directory outside the database.
 *
 * At start it adopts nothing it did not sequence itself: events past the seal are reported as
 * tampering and the sequencer halts (nothing more is signed; requests keep queueing in the
 * inbox) until someone removes them and restarts.
 */
@Injectable()
export class AuditSequencer implements OnApplicationBootstrap, OnModuleDestroy {
  private client?: Client;
  private leader = false;
  private broken = false;
  private tree = SubtreeBuilder.empty();
  private lastSeq = 0;
  private lastHeadSize = 0;
  private lastHeadTime = 0;
  private lastCheckpointAt = 0;
  /** The newest inbox id the last batch moved. */
  private claimedThrough = 0;
  /** The newest seal: a signed head over everything committed. */
  private seal: SignedTreeHead | null = null;
  private sealFrontier: MerkleFrontier | null = null;
  private haltReason: string | null = null;
  private haltLoggedAt = 0;
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

  /**
   * Graceful stop: sequence what is waiting (for a few seconds at most) and publish a head at
   * the last event. After a crash there is no such head; the seal in the database still covers
   * every committed event, and the next start publishes it.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await this.exclusive(async () => {
      if (this.leader && this.client && !this.broken && this.haltReason === null) {
        try {
          const until = performance.now() + SHUTDOWN_DRAIN_MS;
          while (performance.now() < until && (await this.sequenceBatch()) > 0);
          await this.checkpoint(true);
        } catch (error) {
          this.log.error({ err: error }, 'audit sequencer: no head could be signed at shutdown');
        }
      }
      await this.client?.end().catch(() => undefined);
      this.client = undefined;
      this.leader = false;
    });
  }

  get isLeader(): boolean {
    return this.leader && !this.broken;
  }

  /** Why this instance's sequencer stopped signing (tampering found at start), or null. */
  get halted(): string | null {
    return this.haltReason;
  }

  /**
   * Sequences everything waiting and publishes a head now (tests, and before a purge). With
   * `publish: false`, the batches are sealed in the database but no head is published yet, as
   * between two checkpoints.
   */
  async flush(options: { publish?: boolean } = {}): Promise<void> {
    await this.exclusive(async () => {
      try {
        if (!(await this.ensureLeader())) throw new SequencerLockHeld();
        if (this.haltReason !== null) throw new Error(`The access-log sequencer is halted: ${this.haltReason}`);
        while ((await this.sequenceBatch()) > 0);
        if (options.publish !== false) await this.checkpoint(true);
      } catch (error) {
        if (this.haltReason === null) await this.dropConnection();
        throw error;
      }
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const moved = await this.exclusive(async () => {
          if (!(await this.ensureLeader())) return -1;
          if (this.haltReason !== null) {
            this.repeatHalt();
            return -1;
          }
          const n = await this.sequenceBatch();
          await this.checkpoint(false);
          return n;
        });
        if (moved <= 0) await sleep(moved < 0 ? FOLLOWER_POLL_MS : IDLE_POLL_MS);
        else if (moved < BATCH) await this.gather();
      } catch (error) {
        this.log.error({ err: error }, 'audit sequencer batch failed; retrying');
        await this.reset();
        await sleep(500);
      }
    }
  }

  /** Waits for a fuller next batch while the inbox keeps growing (see GATHER_MAX_MS). */
  private async gather(): Promise<void> {
    const started = performance.now();
    const high = () =>
      this.exclusive(async () => (this.isLeader && this.client ? this.audit.inboxHighWater(this.client) : -1));
    let last = await high();
    while (!this.stopped && last >= 0 && performance.now() - started + GATHER_POLL_MS <= GATHER_MAX_MS) {
      await sleep(GATHER_POLL_MS);
      const now = await high();
      if (now === last || now - this.claimedThrough >= BATCH) return;
      last = now;
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
    this.haltReason = null;
    await this.loadState(this.client);
    this.leader = true;
    if (this.haltReason === null) {
      this.log.info({ treeSize: this.lastSeq }, 'audit sequencer is the leader');
      await this.syncSink(this.client);
      // Publishes the seal a crash left unpublished (a no-op when the last head is the seal).
      await this.checkpoint(true);
    }
    return true;
  }

  /** Stops signing: nothing the sequencer did not write may end up under its signature. */
  private halt(reason: string): void {
    this.haltReason = reason;
    this.haltLoggedAt = performance.now();
    this.log.fatal(
      { reason },
      'ACCESS LOG TAMPERING: the audit sequencer refuses to sign and has stopped; events wait in the inbox. Run audit verify, remove what was not written by the console, then restart.',
    );
  }

  private repeatHalt(): void {
    if (performance.now() - this.haltLoggedAt < HALTED_REPEAT_MS) return;
    this.haltLoggedAt = performance.now();
    this.log.fatal({ reason: this.haltReason }, 'ACCESS LOG TAMPERING: the audit sequencer is still halted');
  }

  /**
   * Resumes from the seal: the signed head over everything this sequencer (or the one before
   * it) committed. Events past the seal were not written by a sequencer; they are reported and
   * nothing more is signed.
   */
  private async loadState(client: Client): Promise<void> {
    // The owner registered it at start-up (AuditOwnerSetup); this role cannot.
    await this.audit.requireKey(client, this.signer.keyId);
    this.lastHeadSize = await this.audit.latestHeadSize(client);
    const seal = await this.audit.readSeal(client);
    if (seal === null) return this.halt('the seal row (audit_seal) was removed from the database');
    let tree: SubtreeBuilder;
    if (seal.legacy) {
      // The first start after the upgrade: adopt, once, the events the previous version
      // sequenced (the migration counted them), reading only the leaves after the latest head.
      tree = await this.replay(client, seal.treeSize);
    } else {
      const head = sealHead(seal);
      if (!verifyTreeHead(createPublicKey(this.signer.privateKey), head)) {
        return this.halt(`the seal at size ${seal.treeSize} does not carry this console's signature`);
      }
      const frontier = seal.frontier as MerkleFrontier;
      if (
        frontier.treeSize !== seal.treeSize ||
        !MerkleTreeBuilder.fromFrontier(frontier)
          .root()
          .equals(seal.rootHash as Buffer)
      ) {
        return this.halt(`the seal's stored frontier does not give its signed root (size ${seal.treeSize})`);
      }
      tree = SubtreeBuilder.fromFrontier(frontier);
      this.seal = head;
      this.sealFrontier = frontier;
      this.lastHeadTime = Date.parse(head.timestamp);
    }
    const beyond = await this.audit.eventsAfter(client, seal.treeSize);
    if (beyond.count > 0) {
      return this.halt(
        `${beyond.count} event(s) from seq ${beyond.first} lie past the last signed seal (size ${seal.treeSize}): ` +
          'they did not come through the inbox and the sequencer',
      );
    }
    const last = await this.audit.lastSeq(client);
    if (last < seal.treeSize && last > 0) {
      this.log.error(
        { lastSeq: last, sealed: seal.treeSize },
        'ACCESS LOG TAMPERING: events the seal covers were deleted; audit verify names them',
      );
    }
    this.tree = tree;
    this.lastSeq = tree.size;
    await this.backfillNodes(client);
    if (seal.legacy) await this.sealLegacy(client);
  }

  /** The tree from the latest head (or purge cut) through `through`, read from the leaves. */
  private async replay(client: Client, through: number): Promise<SubtreeBuilder> {
    const head = await this.audit.latestHeadFrontier(client);
    const purge = await this.audit.latestPurgeFrontier(client);
    const start = [head, purge].reduce<MerkleFrontier | null>(
      (best, f) => (f && f.treeSize <= through && (!best || f.treeSize > best.treeSize) ? f : best),
      null,
    );
    const tree = start ? SubtreeBuilder.fromFrontier(start) : SubtreeBuilder.empty();
    let expected = tree.size + 1;
    for await (const { seq, leafHash: leaf } of this.audit.leafHashes(client, tree.size)) {
      if (seq > through) break;
      if (seq !== expected) throw new Error(`The access log has a gap before seq ${seq}; run audit verify`);
      tree.append(leaf);
      expected += 1;
    }
    return tree;
  }

  /** Seals what the previous version left (the legacy seal), once, in one transaction. */
  private async sealLegacy(client: Client): Promise<void> {
    await client.query('BEGIN');
    try {
      const sealed = this.signSeal();
      await this.audit.writeSeal(client, sealed.row);
      await client.query('COMMIT');
      this.adoptSeal(sealed);
      this.log.info({ treeSize: this.lastSeq }, 'audit sequencer sealed the events of the previous version');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Stores the subtree roots of a log that has none yet (the first start after the upgrade),
   * from the leaves after the purge cut: one pass, in chunks.
   */
  private async backfillNodes(client: Client): Promise<void> {
    const covered = await this.audit.nodesCoverThrough(client);
    if (covered >= this.lastSeq - (this.lastSeq % 16)) return;
    const started = performance.now();
    const purge = await this.audit.latestPurgeFrontier(client);
    const tree = purge ? SubtreeBuilder.fromFrontier(purge) : SubtreeBuilder.empty();
    let nodes: SubtreeNode[] = [];
    let written = 0;
    for await (const { seq, leafHash: leaf } of this.audit.leafHashes(client, tree.size)) {
      if (seq > this.lastSeq) break;
      if (seq !== tree.size + 1) throw new Error(`The access log has a gap before seq ${seq}; run audit verify`);
      tree.append(leaf, nodes);
      if (nodes.length >= 10_000) {
        await this.audit.appendNodes(client, nodes);
        written += nodes.length;
        nodes = [];
      }
    }
    await this.audit.appendNodes(client, nodes);
    written += nodes.length;
    if (!tree.root().equals(this.tree.root())) {
      this.log.error(
        { treeSize: tree.size },
        'ACCESS LOG TAMPERING: the stored leaves do not give the signed root; proofs will be refused',
      );
    }
    this.log.info(
      { nodes: written, ms: Math.round(performance.now() - started) },
      'audit sequencer stored the subtree roots',
    );
  }

  private signSeal(): { head: SignedTreeHead; row: Parameters<AuditRepository['writeSeal']>[1] } {
    const now = this.clock.now().getTime();
    // Head times strictly increase, even if the clock stands still or steps back.
    const time = Math.max(now, this.lastHeadTime + 1);
    // signTreeHead would derive the key id from the private key on every batch; it is known.
    const unsigned = {
      keyId: this.signer.keyId,
      treeSize: this.tree.size,
      rootHash: this.tree.root().toString('hex'),
      timestamp: new Date(time).toISOString(),
    };
    const head: SignedTreeHead = {
      ...unsigned,
      signature: sign(null, treeHeadSigningBytes(unsigned), this.signer.privateKey).toString('base64'),
    };
    const frontier = this.tree.toFrontier();
    return {
      head,
      row: {
        treeSize: head.treeSize,
        rootHash: Buffer.from(head.rootHash, 'hex'),
        signedAt: new Date(head.timestamp),
        keyId: head.keyId,
        signature: Buffer.from(head.signature, 'base64'),
        frontier,
      },
    };
  }

  private adoptSeal(sealed: { head: SignedTreeHead; row: { frontier: MerkleFrontier } }): void {
    this.seal = sealed.head;
    this.sealFrontier = sealed.row.frontier;
    this.lastHeadTime = Date.parse(sealed.head.timestamp);
  }

  private async sequenceBatch(): Promise<number> {
    const client = this.client as Client;
    await client.query('BEGIN');
    const committed = this.tree;
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
      // Memory never runs ahead of the database: the new tree replaces the old after COMMIT.
      const next = committed.clone();
      const nodes: SubtreeNode[] = [];
      for (const r of rows) next.append(r.leafHash, nodes);
      this.tree = next;
      const sealed = this.signSeal();
      this.tree = committed;
      await this.audit.appendBatch(client, { rows, inboxIds: inbox.map((r) => r.id), nodes, seal: sealed.row });
      await client.query('COMMIT');
      this.tree = next;
      this.lastSeq += rows.length;
      this.claimedThrough = Number(inbox[inbox.length - 1].id);
      this.adoptSeal(sealed);
      return rows.length;
    } catch (error) {
      this.tree = committed;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Publishes the seal as a head: into audit_heads, then outside the database. */
  private async checkpoint(force: boolean): Promise<void> {
    const now = this.clock.now().getTime();
    const seal = this.seal;
    if (seal === null || seal.treeSize <= this.lastHeadSize) return;
    if (!force && now - this.lastCheckpointAt < this.config.auditCheckpointMs) return;
    await this.audit.insertHead(this.client as Client, {
      treeSize: seal.treeSize,
      rootHash: Buffer.from(seal.rootHash, 'hex'),
      signedAt: new Date(seal.timestamp),
      keyId: seal.keyId,
      signature: Buffer.from(seal.signature, 'base64'),
      frontier: this.sealFrontier as MerkleFrontier,
    });
    await this.writeToSink(seal);
    this.lastHeadSize = seal.treeSize;
    this.lastCheckpointAt = now;
  }

  /**
   * Copies to the sink the heads a crash left in the database only (between the head's INSERT
   * and its write outside), so that the two sets stay equal and a difference means tampering.
   * Only heads that carry this console's signature are copied.
   */
  private async syncSink(client: Client): Promise<void> {
    const sink = new HeadSink(this.config.auditHeadDir);
    const outside = Math.max(0, ...(await sink.read()).map((h) => h.treeSize));
    const publicKey = createPublicKey(this.signer.privateKey);
    for (const row of await this.audit.headsAfter(client, outside)) {
      const head = sealHead(row);
      if (!verifyTreeHead(publicKey, head)) {
        this.log.error(
          { treeSize: row.treeSize },
          'ACCESS LOG TAMPERING: a head in the database is not signed by this console',
        );
        continue;
      }
      await sink.append(head);
      this.log.warn({ treeSize: row.treeSize }, 'audit sequencer copied a head the sink lacked (after a crash)');
    }
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
