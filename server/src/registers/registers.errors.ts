/** Top-level codes the registers answer with (API.md, Error codes). */
export enum RegisterErrorCode {
  RowNotFound = 'REGISTER_ROW_NOT_FOUND',
  ProfileNotFound = 'PROFILE_NOT_FOUND',
  VersionConflict = 'VERSION_CONFLICT',
  PolicyCodeTaken = 'POLICY_CODE_TAKEN',
}

/** Codes of the field errors inside a 422 (or 409) problem. */
export enum RegisterFieldCode {
  UnknownField = 'UNKNOWN_FIELD',
  Required = 'REQUIRED',
  UnknownCountry = 'UNKNOWN_COUNTRY',
  InvalidRetention = 'INVALID_RETENTION',
  ContractTermMissing = 'CONTRACT_TERM_MISSING',
  NotAllowed = 'NOT_ALLOWED',
  UnknownReference = 'UNKNOWN_REFERENCE',
  Cycle = 'CYCLE',
  DateOrder = 'DATE_ORDER',
  InFuture = 'IN_FUTURE',
  StaleVersion = 'STALE_VERSION',
  Taken = 'TAKEN',
  InvalidDate = 'INVALID_DATE',
  InvalidAsOf = 'INVALID_AS_OF',
  ControlCharacter = 'CONTROL_CHARACTER',
}
