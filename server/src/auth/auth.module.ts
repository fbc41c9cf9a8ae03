import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffSessionEntity } from './session.entity';
import { AccessLogModule } from '../access-log/access-log.module';
import { AbilityCache } from '../authorization/ability-cache';
import { MasterKey } from '../common/master-key';
import { SecretBox } from '../common/secret-box';
import { StaffModule } from '../staff/staff.module';
import { AuthController } from './auth.controller';
import { AuthService, TOTP_SECRET_BOX } from './auth.service';
import { CredentialsModule } from './credentials.module';
import { RecoveryCodes } from './recovery-codes';
import { SessionGuard } from './session.guard';
import { SessionLookup } from './session-lookup';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';
import { SessionsController } from './sessions.controller';
import { StepUpGuard } from './step-up.guard';
import { TotpVerifier } from './totp-verifier';

@Module({
  imports: [TypeOrmModule.forFeature([StaffSessionEntity]), StaffModule, AccessLogModule, CredentialsModule],
  controllers: [AuthController, SessionsController],
  providers: [
    AuthService,
    SessionService,
    SessionRepository,
    SessionLookup,
    AbilityCache,
    TotpVerifier,
    SessionGuard,
    StepUpGuard,
    { provide: RecoveryCodes, useFactory: (m: MasterKey) => new RecoveryCodes(m.key), inject: [MasterKey] },
    {
      provide: TOTP_SECRET_BOX,
      useFactory: (m: MasterKey) => new SecretBox(m.key, 'totp-secret'),
      inject: [MasterKey],
    },
  ],
  exports: [SessionService, SessionGuard, StepUpGuard],
})
export class AuthModule {}
