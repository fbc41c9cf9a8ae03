import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../calendar/clock';
import { Problem } from '../common/problem';
import { PasswordHasher } from './password-hasher';
import { checkPassword } from './password-policy';
import { RecoveryCodeRepository } from './recovery-code.repository';

/**
 * The secrets behind a staff account: password policy and hashing, and stored recovery codes.
 * The staff feature keeps the account; it asks this service for a hash and never sees a code.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly recoveryCodes: RecoveryCodeRepository,
    private readonly clock: Clock,
  ) {}

  /** Checks the password against the policy (a 422 naming `field` if it fails) and hashes it. */
  hashNewPassword(password: string, email: string, field?: string): Promise<string> {
    const problems = checkPassword(password, email, field);
    if (problems.length > 0) throw Problem.validation(problems, 'The password does not meet the policy');
    return this.hasher.hash(password);
  }

  verifyPassword(passwordHash: string, password: string): Promise<boolean> {
    return this.hasher.verify(passwordHash, password);
  }

  /** A hash to compare against when the email is unknown, so both paths take as long. */
  verifyDummyPassword(password: string): Promise<boolean> {
    return this.hasher.verify(DUMMY_HASH, password);
  }

  replaceRecoveryCodes(staffId: string, hashes: Buffer[], manager: EntityManager): Promise<void> {
    return this.recoveryCodes.replace(staffId, hashes, this.clock.now(), manager);
  }

  deleteRecoveryCodes(staffId: string, manager: EntityManager): Promise<void> {
    return this.recoveryCodes.deleteAll(staffId, manager);
  }

  consumeRecoveryCode(staffId: string, codeHash: Buffer): Promise<boolean> {
    return this.recoveryCodes.consume(staffId, codeHash, this.clock.now());
  }

  countUnusedRecoveryCodes(staffId: string): Promise<number> {
    return this.recoveryCodes.countUnused(staffId);
  }
}

// argon2id of a random string: only ever compared against, never matched.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$rEFGr7Dyls0K9+1Fb3lDeFb1tq9WcRyYeVQZBDzMdG8';
