/** Top-level codes the retention rules answer with (VERSION_CONFLICT is shared with the registers). */
export enum RetentionRulesErrorCode {
  RuleNotFound = 'RETENTION_RULE_NOT_FOUND',
  /** Another enabled rule already acts on this category of records. */
  CategoryTaken = 'RETENTION_CATEGORY_TAKEN',
  CodeTaken = 'RETENTION_RULE_CODE_TAKEN',
  VersionConflict = 'VERSION_CONFLICT',
}

/** Codes of the field errors inside a 422 (or 409) problem. */
export enum RetentionRuleFieldCode {
  InvalidRetention = 'INVALID_RETENTION',
  UnknownCategory = 'UNKNOWN_CATEGORY',
  NotAllowed = 'NOT_ALLOWED',
  Required = 'REQUIRED',
}
