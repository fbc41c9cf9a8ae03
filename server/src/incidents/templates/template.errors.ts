/** The checklist templates' problem codes (statuses in common/problem-status.ts). */
export enum IncidentTemplateErrorCode {
  NotFound = 'INCIDENT_TEMPLATE_NOT_FOUND',
  /** Tasks that depend on each other in a circle: none of them could ever start. */
  Cycle = 'TEMPLATE_CYCLE',
  /** A phase other than the four of NIST SP 800-61. */
  UnknownPhase = 'TEMPLATE_UNKNOWN_PHASE',
  /** A dependency on a key no task of the template has. */
  UnknownDependency = 'TEMPLATE_UNKNOWN_DEPENDENCY',
  DuplicateKey = 'TEMPLATE_DUPLICATE_KEY',
  /** A due offset that is not a whole number of hours from 0 to 8,760 (a year). */
  OffsetOutOfRange = 'TEMPLATE_OFFSET_OUT_OF_RANGE',
  /** A template without tasks (or with more than the limit). */
  Empty = 'TEMPLATE_EMPTY',
  /** A task that is not of the task shape (key, bilingual title, role, …). */
  TaskInvalid = 'TEMPLATE_TASK_INVALID',
  KeyTaken = 'INCIDENT_TEMPLATE_KEY_TAKEN',
  /** Someone saved the template after the editor opened it. */
  VersionConflict = 'INCIDENT_TEMPLATE_VERSION_CONFLICT',
  /** An archived template is neither edited nor used for a new incident. */
  Archived = 'INCIDENT_TEMPLATE_ARCHIVED',
}
