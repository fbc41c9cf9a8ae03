import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageTemplateEntity } from './message-template.entity';
import { MessageTemplateVersionEntity } from './message-template-version.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { AccessLogModule } from '../access-log/access-log.module';
import { DocumentRenderer } from './document-renderer';
import { DispatchOutboxJob } from './jobs/dispatch-outbox.job';
import { PruneOutboxFilesJob } from './jobs/prune-outbox-files.job';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxSenders } from './outbox-senders';
import { OutboxService } from './outbox.service';
import { TemplateRenderer } from './template-renderer';
import { DocumentsController, TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

/**
 * F6: every outgoing message goes through the outbox (queued in the caller's transaction, sent
 * after it commits); letters, notices and certificates are rendered from versioned templates.
 * Other features use OutboxService.enqueue() and DocumentRenderer / TemplatesService.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([MessageTemplateEntity, MessageTemplateVersionEntity, OutboxMessageEntity]),
    AccessLogModule,
  ],
  controllers: [TemplatesController, DocumentsController, OutboxController],
  providers: [
    OutboxRepository,
    OutboxService,
    OutboxSenders,
    DispatchOutboxJob,
    PruneOutboxFilesJob,
    TemplatesService,
    TemplateRenderer,
    DocumentRenderer,
  ],
  exports: [OutboxService, TemplatesService, DocumentRenderer],
})
export class OutboxModule {}
