import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { AppConfig } from '../config/app-config';
import { DocumentRenderer } from './document-renderer';
import type { Channel } from './outbox-types';
import { FileSender } from './senders/file-sender';
import type { MessageSender } from './senders/message-sender';
import { SmtpSender } from './senders/smtp-sender';

/**
 * Chooses the way out per channel: e-mail by SMTP when SMTP_URL is set; everything else, and
 * e-mail without SMTP_URL, as files under OUTBOX_DIR, with the reason in the delivery result.
 */
@Injectable()
export class OutboxSenders implements OnModuleDestroy {
  private readonly smtp?: SmtpSender;
  private readonly fileForEmail: FileSender;
  private readonly fileForOthers: FileSender;
  private readonly outboxDir: string;

  constructor(config: AppConfig, documents: DocumentRenderer) {
    this.outboxDir = config.outboxDir;
    if (config.smtpUrl !== undefined) this.smtp = new SmtpSender(config.smtpUrl, config.mailFrom);
    this.fileForEmail = new FileSender(config.outboxDir, config.mailFrom, documents, 'SMTP_URL is not set');
    this.fileForOthers = new FileSender(
      config.outboxDir,
      config.mailFrom,
      documents,
      'no transport for this channel yet: written as a file',
    );
  }

  for(channel: Channel): MessageSender {
    if (channel === 'email') return this.smtp ?? this.fileForEmail;
    return this.fileForOthers;
  }

  /**
   * Removes a file the file sender wrote (`file` as its delivery result names it, relative to
   * OUTBOX_DIR). False when it was already gone.
   */
  async removeSentFile(file: string): Promise<boolean> {
    const relative = normalize(file);
    // The name comes from the database: never let it reach outside OUTBOX_DIR.
    if (isAbsolute(relative) || relative.startsWith('..')) throw new Error(`Not a file of the outbox: ${file}`);
    const path = join(this.outboxDir, relative);
    try {
      await rm(path);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.smtp?.close();
  }
}
