export enum DormancyErrorCode {
  /** No separated account has this e-mail address or phone number. */
  DormantAccountNotFound = 'DORMANT_ACCOUNT_NOT_FOUND',
  /** The lookup names neither an e-mail address nor a phone number, or both (field-only). */
  LookupContactRequired = 'LOOKUP_CONTACT_REQUIRED',
}
