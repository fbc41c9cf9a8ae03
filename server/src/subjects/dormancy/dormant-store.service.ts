import { Injectable } from '@nestjs/common';
import type { EventOrigin } from '../../access-log/audit-event';
import { AuditService } from '../../access-log/audit.service';
import { Transactions } from '../../database/transactions';
import { ContactValues } from '../contact-values';
import { SubjectCrypto } from '../crypto/subject-crypto';
import { Problem } from '../../common/problem';
import { SubjectsErrorCode } from '../subjects.errors';
import { DormancyCandidate, DormancyCandidatesRepository, DormantStoreRepository } from './dormant-store.repository';

export type { DormancyCandidate } from './dormant-store.repository';

// As SubjectsService's personSubject (imported from there, the two services would import each other).
const personSubject = (id: string) => `subject:${id}`;

/** The access-log purpose of every move into or out of the dormant store. */
export const DORMANCY_PURPOSE = 'retention:dormancy';

/** What a separation moves out of the live tables (the event names these, never values). */
export const SEPARATED_FIELDS = [
  'name',
  'nickname',
  'email',
  'phone',
  'birthDate',
  'gender',
  'residence',
  'occupation',
  'institution',
  'counselingInterest',
  'referralCode',
  'relationshipToGuardian',
  'consents',
  'socialLinks',
  'calendarLinks',
  'sensitiveData',
  'financialProfile',
];

/**
 * The dormant store as the console uses it: the dormancy-separation job separates, support's
 * reactivation restores (SubjectsService.accountAction), support's lookup finds a separated account
 * by its e-mail or phone. Each move is an access-log event under the person, in the caller's
 * transaction.
 */
@Injectable()
export class DormantStoreService {
  constructor(
    private readonly store: DormantStoreRepository,
    private readonly candidates: DormancyCandidatesRepository,
    private readonly crypto: SubjectCrypto,
    private readonly audit: AuditService,
    private readonly tx: Transactions,
  ) {}

  /** Separates a notified account whose date has come; false when it already was. */
  async separate(subjectId: string, at: Date, origin: EventOrigin, detail: Record<string, unknown>): Promise<boolean> {
    return this.tx.run(async () => {
      const moved = await this.store.separate(subjectId, at);
      if (moved) {
        await this.audit.record(
          {
            action: 'edit',
            resource: 'dormant-store',
            outcome: 'success',
            subjectId: personSubject(subjectId),
            fields: SEPARATED_FIELDS,
            purpose: DORMANCY_PURPOSE,
            detail: { ...detail, change: 'separated' },
          },
          origin,
        );
      }
      return moved;
    });
  }

  /**
   * Brings a separated account back, in the caller's transaction (the reactivation's). False when
   * the account was not separated (a dormant account from before the store keeps its data).
   */
  async restore(
    subjectId: string,
    at: Date,
    staffId: string,
    identityCheckId: string,
    origin: EventOrigin,
  ): Promise<boolean> {
    return this.tx.run(async () => {
      const restored = await this.store.restore(subjectId, at, staffId, identityCheckId);
      if (restored) {
        await this.audit.record(
          {
            action: 'edit',
            resource: 'dormant-store',
            outcome: 'success',
            subjectId: personSubject(subjectId),
            fields: SEPARATED_FIELDS,
            purpose: DORMANCY_PURPOSE,
            detail: { change: 'restored', identityCheckId },
          },
          origin,
        );
      }
      return restored;
    });
  }

  /**
   * The separated account with this e-mail address or phone number (normalised, then looked up by
   * blind index); null when no separated account has it, 422 when the value does not parse. The
   * caller checks the role and records the lookup.
   */
  async find(contact: { email: string } | { phone: string }): Promise<string | null> {
    if ('email' in contact) {
      const email = ContactValues.email(contact.email);
      if (email === null) throw invalid('email', SubjectsErrorCode.InvalidEmail, 'Not an email address');
      return this.store.find('email', this.crypto.index('email', email));
    }
    const phone = ContactValues.phone(contact.phone);
    if (phone === null) throw invalid('phone', SubjectsErrorCode.InvalidPhone, 'Not a phone number');
    return this.store.find('phone', this.crypto.index('phone', phone));
  }

  /** A page of accounts last used before `before` that can still become dormant, by id after `after`. */
  unusedSince(before: Date, after: string | null, limit: number): Promise<DormancyCandidate[]> {
    return this.candidates.unusedSince(before, after, limit);
  }

  /** The account (locked in the caller's transaction) as the pipeline sees it, and whether it can be separated. */
  candidate(subjectId: string): Promise<(DormancyCandidate & { separable: boolean }) | null> {
    return this.candidates.candidate(subjectId);
  }
}

function invalid(field: string, code: string, message: string): Problem {
  return Problem.validation([{ field, code, message }]);
}
