import { BlindIndex, type BlindIndexKind } from './blind-index';
import { DataKeyCipher } from './data-key-cipher';
import { Keyring } from './keyring';

/** Where a ciphertext belongs; bound into it as associated data. */
export const Aad = {
  dataKey: (subjectId: string) => `subject-key:${subjectId}`,
  contact: (subjectId: string, kind: BlindIndexKind) => `subject:${subjectId}:${kind}`,
  record: (recordId: string) => `counseling-record:${recordId}`,
  sensitive: (rowId: string) => `sensitive-data:${rowId}`,
  financial: (subjectId: string, field: 'account' | 'tax_id') => `financial:${subjectId}:${field}`,
  /** Health information (PIPA Art. 23): the person's counseling interest. */
  counselingInterest: (subjectId: string) => `subject:${subjectId}:counseling_interest`,
  /** Health information: a booking's topic, under the key of the booking's client. */
  bookingTopic: (bookingId: string) => `booking:${bookingId}:topic`,
} as const;

export interface WrappedDataKey {
  kekId: string;
  wrapped: Buffer;
  key: Buffer;
}

/**
 * The subject-data key hierarchy in one place: per-subject data keys wrapped by the keyring's
 * KEK, field sealing under a data key, and blind indexes. The repository and the demo seeder
 * both use it, so stored rows look the same whoever wrote them.
 */
export class SubjectCrypto {
  constructor(
    readonly keyring: Keyring,
    readonly blindIndex: BlindIndex,
  ) {}

  newDataKey(subjectId: string): WrappedDataKey {
    const key = DataKeyCipher.newDataKey();
    return { ...this.wrap(subjectId, key), key };
  }

  wrap(subjectId: string, key: Buffer): { kekId: string; wrapped: Buffer } {
    const kekId = this.keyring.activeId();
    return { kekId, wrapped: DataKeyCipher.seal(this.keyring.key(kekId), key, Aad.dataKey(subjectId)) };
  }

  /** Throws KekUnavailableError when the KEK was retired (the key is then gone for good). */
  unwrap(subjectId: string, kekId: string, wrapped: Buffer): Buffer {
    return DataKeyCipher.open(this.keyring.key(kekId), wrapped, Aad.dataKey(subjectId));
  }

  seal(key: Buffer, aad: string, plaintext: string): Buffer {
    return DataKeyCipher.seal(key, plaintext, aad);
  }

  open(key: Buffer, aad: string, sealed: Buffer): string {
    return DataKeyCipher.open(key, sealed, aad).toString('utf8');
  }

  index(kind: BlindIndexKind, normalised: string): Buffer {
    return this.blindIndex.of(kind, normalised);
  }
}
