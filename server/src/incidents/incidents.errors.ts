import { Problem } from '../common/problem';

export enum IncidentsErrorCode {
  IncidentNotFound = 'INCIDENT_NOT_FOUND',
  TaskNotFound = 'INCIDENT_TASK_NOT_FOUND',
  EvidenceNotFound = 'INCIDENT_EVIDENCE_NOT_FOUND',
  ObligationNotFound = 'OBLIGATION_NOT_FOUND',
  /** Awareness before detection: every clock counts from awareness. */
  AwareBeforeDetection = 'AWARE_BEFORE_DETECTION',
  /** A negative, fractional or absurd number of affected people. */
  AffectedCountInvalid = 'AFFECTED_COUNT_INVALID',
  /** A processor, category, owner, assignee or template that does not exist. */
  LinkUnknown = 'INCIDENT_LINK_UNKNOWN',
  /** Closing without the post-incident review and the GDPR Art. 33(5) register fields. */
  CloseReviewRequired = 'CLOSE_REVIEW_REQUIRED',
  ObligationsPending = 'OBLIGATIONS_PENDING',
  /** A notification done after its deadline without the reasons for the delay (GDPR Art. 33(1)). */
  LateReasonRequired = 'LATE_REASON_REQUIRED',
  /** The timeline is never edited: a correction is a new entry. */
  TimelineAppendOnly = 'TIMELINE_APPEND_ONLY',
  /** A change the incident's or the obligation's state does not allow. */
  IncidentTransitionRefused = 'INCIDENT_TRANSITION_REFUSED',
  EvidenceTooLarge = 'EVIDENCE_TOO_LARGE',
  VersionConflict = 'VERSION_CONFLICT',
}

export const incidentNotFound = () => Problem.of(IncidentsErrorCode.IncidentNotFound, 'No such incident');

export const unknownLink = (field: string, message: string) =>
  Problem.of(IncidentsErrorCode.LinkUnknown, message, [{ field, code: IncidentsErrorCode.LinkUnknown, message }]);

export const transitionRefused = (field: string, message: string) =>
  Problem.of(IncidentsErrorCode.IncidentTransitionRefused, message, [
    { field, code: IncidentsErrorCode.IncidentTransitionRefused, message },
  ]);

export const staleVersion = (edited: number, current: number) =>
  Problem.of(IncidentsErrorCode.VersionConflict, 'Someone changed this after you opened it', [
    {
      field: 'version',
      code: 'STALE_VERSION',
      message: `You edited version ${edited}; it is now at version ${current}. Reload and edit again.`,
    },
  ]);
