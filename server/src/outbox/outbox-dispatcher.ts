import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../common/logger';
import { AppConfig } from '../config/app-config';
import { OutboxService } from './outbox.service';

/**
 * Sends due messages every OUTBOX_DISPATCH_SECONDS on this instance. Several instances may run
 * it side by side: the claim (SKIP LOCKED) gives each message to one of them. When the jobs module
 * (pg-boss) lands, this timer becomes a job that calls OutboxService.dispatchDue().
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly log: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outboxDispatchMs === 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.outboxDispatchMs);
    this.timer.unref();
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): Promise<void> {
    // One run at a time on this instance; a slow SMTP server must not stack runs up.
    this.running ??= this.outbox
      .dispatchDue()
      .then(
        (result) => {
          if (result.claimed > 0 || result.requeued > 0) this.log.info({ outbox: result }, 'outbox dispatched');
        },
        (error: unknown) => this.log.error({ err: error }, 'outbox dispatch failed'),
      )
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }
}
