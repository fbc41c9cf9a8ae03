import { Problem } from '../../common/problem';
import { AffectedErrorCode } from './affected.errors';

export const incidentClosed = () =>
  Problem.of(
    AffectedErrorCode.IncidentClosed,
    'The incident is closed: its people can no longer be changed or notified',
  );

export const fieldProblem = (code: AffectedErrorCode, field: string, message: string) =>
  Problem.of(code, message, [{ field, code, message }]);
