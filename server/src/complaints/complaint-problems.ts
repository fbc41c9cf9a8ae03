import { Problem } from '../common/problem';
import { ComplaintsErrorCode } from './complaints.errors';

/** A link (person, request, assignee) to something that does not exist: 422 naming the field. */
export const unknownLink = (field: string, message: string) =>
  Problem.of(ComplaintsErrorCode.LinkUnknown, message, [{ field, code: ComplaintsErrorCode.LinkUnknown, message }]);

export const complaintNotFound = () => Problem.of(ComplaintsErrorCode.ComplaintNotFound, 'No such complaint');

export const transitionRefused = (from: string, action: string) =>
  Problem.of(ComplaintsErrorCode.TransitionRefused, `A ${from} complaint cannot be ${action}`, [
    { field: 'status', code: ComplaintsErrorCode.TransitionRefused, message: `Not allowed while ${from}` },
  ]);
