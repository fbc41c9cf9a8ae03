import { Injectable } from '@nestjs/common';
import { Problem } from '../common/problem';
import type { StaffContext } from '../context/staff-context';
import type { AnomalyLinker, IncidentTaskSource, TaskDraft } from './incident-ports';
import { IncidentsErrorCode } from './incidents.errors';

/**
 * Stand-ins for the seams other F8 parts build (the checklist templates, the anomaly link), so
 * the incidents core runs and is tested on its own; the module swaps in the real providers (one
 * line each) when those parts land.
 */

/** Without the checklist templates no template can be started; ad-hoc tasks still work. */
@Injectable()
export class NoTemplateTaskSource implements IncidentTaskSource {
  instantiate(): Promise<{ templateVersionId: string; tasks: TaskDraft[] }> {
    return Promise.reject(
      Problem.of(IncidentsErrorCode.LinkUnknown, 'No such checklist template', [
        { field: 'templateId', code: IncidentsErrorCode.LinkUnknown, message: 'No such checklist template' },
      ]),
    );
  }
}

/** Without the affected-people part no anomaly can be linked. */
@Injectable()
export class NoAnomalyLinker implements AnomalyLinker {
  linkAnomaly(_ctx: StaffContext): Promise<number> {
    return Promise.reject(
      Problem.of(IncidentsErrorCode.LinkUnknown, 'Anomaly links are not available', [
        { field: 'anomaly', code: IncidentsErrorCode.LinkUnknown, message: 'Anomaly links are not available' },
      ]),
    );
  }
}
