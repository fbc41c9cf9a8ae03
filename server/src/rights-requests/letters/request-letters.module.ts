import { Module } from '@nestjs/common';
import { OutboxModule } from '../../outbox/outbox.module';
import { RequestLettersService } from './request-letters.service';

/** The rights-request letters; imported by RightsRequestsModule, which uses RequestLettersService. */
@Module({
  imports: [OutboxModule],
  providers: [RequestLettersService],
  exports: [RequestLettersService],
})
export class RequestLettersModule {}
