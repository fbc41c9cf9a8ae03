import { Injectable, OnModuleDestroy } from '@nestjs/common';
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

  constructor(config: AppConfig, documents: DocumentRenderer) {
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

  onModuleDestroy(): void {
    this.smtp?.close();
  }
}
