import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type {
  DataSource,
  EntitySubscriberInterface,
  InsertEvent,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { APP_LOGGER } from '../../common/logger';
import type { JobCounts } from '../../jobs/job-definition';
import { JobRunner } from '../../jobs/job-runner';
import { OutboxMessageEntity } from '../outbox-message.entity';
import { OutboxService } from '../outbox.service';

/** Sends the outbox: soon after a message is queued, and every five minutes for retries. */
export const OUTBOX_DISPATCH_JOB = 'outbox-dispatch';

const BATCH = 20;
// At most this many batches a run (1,000 messages); a run that stops here queues the next one.
const MAX_BATCHES = 50;

/**
 * The outbox's dispatch as a pg-boss job. It runs:
 * - soon after a transaction that queued a message commits (never before: the message must be
 *   visible to the run, and a rollback must send nothing). The job's queue is a singleton, so a
 *   burst of messages queues one run, not one per message;
 * - every five minutes, a safety net that also sends retries once their wait is over and messages
 *   queued where jobs do not run (command-line tools).
 * Whichever instance runs it, each message is sent once: the claim is FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class DispatchOutboxJob implements OnModuleInit, EntitySubscriberInterface<OutboxMessageEntity> {
  /** Transactions that queued a message and have not committed yet. */
  private readonly pending = new WeakSet<QueryRunner>();

  constructor(
    private readonly jobs: JobRunner,
    private readonly outbox: OutboxService,
    @InjectDataSource() dataSource: DataSource,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {
    // Told of every insert into the outbox and of every commit (Nest's way to register a TypeORM subscriber).
    dataSource.subscribers.push(this);
  }

  onModuleInit(): Promise<void> {
    return this.jobs.register({
      name: OUTBOX_DISPATCH_JOB,
      cron: '*/5 * * * *',
      singleton: true,
      timeoutMinutes: 10,
      run: () => this.run(),
    });
  }

  listenTo(): typeof OutboxMessageEntity {
    return OutboxMessageEntity;
  }

  afterInsert(event: InsertEvent<OutboxMessageEntity>): void {
    if (event.queryRunner.isTransactionActive) this.pending.add(event.queryRunner);
    else this.dispatchSoon();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint is not a commit: wait for the outermost transaction.
    if (event.queryRunner.isTransactionActive || !this.pending.has(event.queryRunner)) return;
    this.pending.delete(event.queryRunner);
    this.dispatchSoon();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private async run(): Promise<JobCounts> {
    const counts = { sent: 0, failed: 0, retrying: 0, requeued: 0 };
    for (let batch = 1; ; batch += 1) {
      const result = await this.outbox.dispatchDue(BATCH);
      counts.sent += result.sent;
      counts.failed += result.failed;
      counts.retrying += result.retrying;
      counts.requeued += result.requeued;
      if (result.claimed < BATCH) break;
      if (batch === MAX_BATCHES) {
        this.dispatchSoon();
        break;
      }
    }
    // Sent and failed always; retries and requeued messages only when there were any.
    const { sent, failed, retrying, requeued } = counts;
    return { sent, failed, ...(retrying > 0 ? { retrying } : {}), ...(requeued > 0 ? { requeued } : {}) };
  }

  /**
   * Queues a run now (after the caller's commit), on this instance if it is free. Where jobs do not
   * run, or the queue refuses, the five-minute schedule sends the message instead: never an error
   * for the feature that queued it.
   */
  private dispatchSoon(): void {
    if (!this.jobs.isRunning) return;
    this.jobs.enqueue(OUTBOX_DISPATCH_JOB, { trigger: 'event' }).then(
      () => this.jobs.wake(OUTBOX_DISPATCH_JOB),
      (error: unknown) => this.log.warn({ err: error }, 'could not queue an outbox dispatch; the schedule will send'),
    );
  }
}
