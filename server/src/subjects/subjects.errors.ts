export enum SubjectsErrorCode {
  SubjectNotFound = 'SUBJECT_NOT_FOUND',
  KeyShredded = 'SUBJECT_KEY_SHREDDED',
  IdentityCheckRequired = 'IDENTITY_CHECK_REQUIRED',
  StateConflict = 'SUBJECT_STATE_CONFLICT',
  InvalidEmail = 'INVALID_EMAIL',
  InvalidPhone = 'INVALID_PHONE',
  PhiSelectionRequired = 'PHI_SELECTION_REQUIRED',
  PsychotherapyNotesNotConfirmed = 'PSYCHOTHERAPY_NOTES_NOT_CONFIRMED',
  NotThisSubjects = 'NOT_THIS_SUBJECTS',
  FindingNotFound = 'FINDING_NOT_FOUND',
  FindingVersionConflict = 'FINDING_VERSION_CONFLICT',
  FindingOwnerUnknown = 'FINDING_OWNER_UNKNOWN',
  // F7 fulfilment
  LegalHold = 'LEGAL_HOLD',
  Restricted = 'SUBJECT_RESTRICTED',
  NotRectifiable = 'NOT_RECTIFIABLE',
  UnknownPurpose = 'UNKNOWN_CONSENT_PURPOSE',
  UnknownCategory = 'UNKNOWN_ERASURE_CATEGORY',
  UnknownRetentionRule = 'UNKNOWN_RETENTION_RULE',
  // F9 dormancy
  Separated = 'SUBJECT_SEPARATED',
}
