import { Injectable } from '@nestjs/common';
import type { StaffContext } from '../context/staff-context';
import type { AnomalyLinker, IncidentTaskSource, TaskDraft } from './incident-ports';
import { unknownLink } from './incident-problems';

/**
 * Stand-ins for the seams other F8 parts build (the checklist templates, the anomaly link), so
 * the incidents core runs and is tested on its own; the module swaps in the real providers (one
 * line each) when those parts land.
 */

/** Without the checklist templates no template can be started; ad-hoc tasks still work. */
@Injectable()
export class NoTemplateTaskSource implements IncidentTaskSource {
  instantiate(): Promise<{ templateVersionId: string; tasks: TaskDraft[] }> {
    return Promise.reject(unknownLink('templateId', 'No such checklist template'));
  }
}

/** Without the affected-people part no anomaly can be linked. */
@Injectable()
export class NoAnomalyLinker implements AnomalyLinker {
  linkAnomaly(_ctx: StaffContext): Promise<number> {
    return Promise.reject(unknownLink('anomaly', 'Anomaly links are not available'));
  }
}
