import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { RetentionRulesModule } from './rules/retention-rules.module';

/**
 * F9: retention rules acted on, legal holds, the destruction queue and its runs with their
 * certificates, and dormant accounts. Destruction goes through the subjects' erasure path (F7);
 * the dormant store is reached only through its database functions.
 */
@Module({
  imports: [AccessLogModule, OutboxModule, SubjectsModule, RetentionRulesModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class RetentionModule {}
