export enum LegalHoldsErrorCode {
  HoldNotFound = 'LEGAL_HOLD_NOT_FOUND',
  /** Destroying data an active legal hold keeps (a queue item forced, an erasure deciding "erase"). */
  LegalHoldActive = 'LEGAL_HOLD_ACTIVE',
  /** A released hold is kept as it was: no more changes. */
  HoldReleased = 'LEGAL_HOLD_RELEASED',
  /** A linked incident, rights request, owner or person that does not exist (or cannot own a hold). */
  LinkUnknown = 'LEGAL_HOLD_LINK_UNKNOWN',
  /** Neither people nor categories: a hold that holds nothing. */
  NothingHeld = 'LEGAL_HOLD_NOTHING_HELD',
  SubjectNotHeld = 'LEGAL_HOLD_SUBJECT_NOT_HELD',
  VersionConflict = 'VERSION_CONFLICT',
}
