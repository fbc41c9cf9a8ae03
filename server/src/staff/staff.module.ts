import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { PasswordHasher } from '../auth/password-hasher';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({
  imports: [AccessLogModule],
  controllers: [StaffController],
  providers: [StaffRepository, StaffService, PasswordHasher],
  exports: [StaffService],
})
export class StaffModule {}
