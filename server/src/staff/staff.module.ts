import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module';
import { CredentialsModule } from '../auth/credentials.module';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

@Module({
  imports: [AccessLogModule, CredentialsModule],
  controllers: [StaffController],
  providers: [StaffRepository, StaffService],
  exports: [StaffService],
})
export class StaffModule {}
