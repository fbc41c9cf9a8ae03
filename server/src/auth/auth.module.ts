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
import { Clock } from '../common/clock';
import { OidcCallbackGuard } from './sso/oidc-callback.guard';
import { OidcClient } from './sso/oidc-client';
import { SsoController } from './sso/sso.controller';
import { SsoIdentityEntity } from './sso/sso-identity.entity';
import { SsoRepository } from './sso/sso.repository';
import { SsoService } from './sso/sso.service';
import { SsoTransactionCookie } from './sso/sso-transaction-cookie';

@Module({
  imports: [
    TypeOrmModule.forFeature([StaffSessionEntity, SsoIdentityEntity]),
    StaffModule,
    AccessLogModule,
    CredentialsModule,
  ],
  controllers: [AuthController, SessionsController, SsoController],
  providers: [
    AuthService,
    SessionService,
    SessionRepository,
    SessionLookup,
    AbilityCache,
    TotpVerifier,
    SessionGuard,
    StepUpGuard,
    OidcClient,
    SsoService,
    SsoRepository,
    OidcCallbackGuard,
    {
      provide: SsoTransactionCookie,
      useFactory: (m: MasterKey, clock: Clock) =>
        new SsoTransactionCookie(new SecretBox(m.key, 'sso-transaction'), () => clock.now()),
      inject: [MasterKey, Clock],
    },
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
