import { Problem } from '../common/problem';
import { IncidentsErrorCode } from './incidents.errors';

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
