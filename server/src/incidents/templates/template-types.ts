/**
 * The checklist vocabulary. INCIDENT_PHASES and INCIDENT_VECTORS repeat core's
 * incident-types.ts (F8 contract, "shared vocabulary") until the parts are merged.
 */
export const INCIDENT_PHASES = [
  'preparation',
  'detection_analysis',
  'containment_eradication_recovery',
  'post_incident',
] as const;
export type IncidentPhase = (typeof INCIDENT_PHASES)[number];

export const INCIDENT_VECTORS = ['outside_hacking', 'insider', 'loss_theft', 'misdelivery', 'vendor', 'other'] as const;
export type IncidentVector = (typeof INCIDENT_VECTORS)[number];

/** Who usually does a task: the security team runs the incident, the DPO decides and notifies. */
export const TASK_ROLES = ['security', 'dpo'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

export interface Bilingual {
  ko: string;
  en: string;
}

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
