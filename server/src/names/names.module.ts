import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { StaffModule } from '../staff/staff.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { NamesController } from './names.controller';
import { NamesService } from './names.service';

/**
 * F6: names for the ids on access-log screens. Its own module, so the access log does not depend
 * on staff and subjects (they depend on it for recording).
 */
@Module({
  imports: [AccessLogModule, StaffModule, SubjectsModule],
  controllers: [NamesController],
  providers: [NamesService],
})
export class NamesModule {}
