export enum AffectedErrorCode {
  /** A closed incident takes no new people, removals or notifications. */
  IncidentClosed = 'AFFECTED_INCIDENT_CLOSED',
  /** Removing a person who was already sent a notice. */
  AlreadyNotified = 'AFFECTED_ALREADY_NOTIFIED',
  PersonNotSelected = 'AFFECTED_PERSON_NOT_SELECTED',
  /** The obligation is not one of this incident's notices to people. */
  ObligationUnknown = 'AFFECTED_OBLIGATION_UNKNOWN',
  NoticeUnknown = 'AFFECTED_NOTICE_UNKNOWN',
  /** The notice was drafted on a template version that has since changed. */
  NoticeOutdated = 'AFFECTED_NOTICE_OUTDATED',
  /** The channel asked for is not the one the notice's template is sent on. */
  ChannelMismatch = 'AFFECTED_CHANNEL_MISMATCH',
  /** The selection's window: `to` before `from`, or longer than the access log may be searched. */
  WindowInvalid = 'AFFECTED_WINDOW_INVALID',
}
