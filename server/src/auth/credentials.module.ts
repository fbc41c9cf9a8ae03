import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CredentialsService } from './credentials.service';
import { PasswordHasher } from './password-hasher';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { RecoveryCodeRepository } from './recovery-code.repository';

/**
 * Password hashing and recovery codes, apart from AuthModule so that the staff feature can set a
 * password without importing sign-in (which itself imports the staff feature).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RecoveryCodeEntity])],
  providers: [CredentialsService, PasswordHasher, RecoveryCodeRepository],
  exports: [CredentialsService],
})
export class CredentialsModule {}
