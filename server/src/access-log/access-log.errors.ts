export enum AccessLogErrorCode {
  /** A route declared @Audited answered without writing its event: refused rather than unrecorded. */
  AuditMissing = 'AUDIT_MISSING',
  AuditEventNotFound = 'AUDIT_EVENT_NOT_FOUND',
  AuditHeadNotFound = 'AUDIT_HEAD_NOT_FOUND',
  AuditLogTampered = 'AUDIT_LOG_TAMPERED',
  AuditLogPurged = 'AUDIT_LOG_PURGED',
  AuditLogGap = 'AUDIT_LOG_GAP',
  AuditHeadMissing = 'AUDIT_HEAD_MISSING',
  AuditPurgeForged = 'AUDIT_PURGE_FORGED',
  MonthNotOver = 'MONTH_NOT_OVER',
  ReviewAlreadySigned = 'REVIEW_ALREADY_SIGNED',
  ReviewGroupNotFound = 'REVIEW_GROUP_NOT_FOUND',
  /** Field-level code (inside VALIDATION_FAILED): a date range longer than the log answers at once. */
  RangeTooLarge = 'RANGE_TOO_LARGE',
}
