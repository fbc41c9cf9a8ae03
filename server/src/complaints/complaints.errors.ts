export enum ComplaintsErrorCode {
  ComplaintNotFound = 'COMPLAINT_NOT_FOUND',
  /** A linked person, rights request or assignee that does not exist (or cannot be assigned). */
  LinkUnknown = 'COMPLAINT_LINK_UNKNOWN',
  ResolutionRequired = 'COMPLAINT_RESOLUTION_REQUIRED',
  /** A change its current status does not allow (resolving a closed complaint, closing an open one). */
  TransitionRefused = 'COMPLAINT_TRANSITION_REFUSED',
}
