/** The checklist vocabulary; the shared words come from core's `../incident-types.ts`. */
import type { Bilingual, IncidentPhase } from '../incident-types';

export {
  INCIDENT_PHASES,
  INCIDENT_VECTORS,
  type Bilingual,
  type IncidentPhase,
  type IncidentVector,
} from '../incident-types';

/** Who usually does a task: the security team runs the incident, the DPO decides and notifies. */
export const TASK_ROLES = ['security', 'dpo'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

/** One task of a template version, as stored in incident_template_versions.tasks. */
export interface TemplateTask {
  key: string;
  phase: IncidentPhase;
  title: Bilingual;
  description?: Bilingual;
  /** Hours from the moment of awareness (0 to a year). */
  dueOffsetHours: number;
  /** Keys of tasks of the same version that come first. */
  dependsOn: string[];
  role?: TaskRole;
}

/** A task ready to become an incident_tasks row (instantiate). */
export interface TaskDraft {
  templateKey: string;
  phase: IncidentPhase;
  position: number;
  title: Bilingual;
  description: Bilingual | null;
  dueAt: Date;
  dependsOn: string[];
}

export const MAX_OFFSET_HOURS = 8760;
export const MAX_TASKS = 100;
export const TASK_KEY = /^[a-z][a-z0-9_]{1,60}$/;
