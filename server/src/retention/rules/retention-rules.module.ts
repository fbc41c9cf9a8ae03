import { Module } from '@nestjs/common';
import { AccessLogModule } from '../../access-log/access-log.module';
import { RegisterExporter } from '../../registers/register-exporter';
import { RetentionRulesController } from './retention-rules.controller';
import { RetentionRulesRepository } from './retention-rules.repository';
import { RetentionRulesService } from './retention-rules.service';

/**
 * F9: the retention rules and their versions. Small on purpose: registers and subjects import it
 * to read the rules, so it imports nothing of theirs (the exporter is a stateless file writer).
 */
@Module({
  imports: [AccessLogModule],
  controllers: [RetentionRulesController],
  providers: [RetentionRulesRepository, RetentionRulesService, RegisterExporter],
  exports: [RetentionRulesService],
})
export class RetentionRulesModule {}
