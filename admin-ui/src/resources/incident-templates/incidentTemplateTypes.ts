// The checklist templates (F8): types and the form ⇄ API mapping. No React here, so tests load it.

export const INCIDENT_TEMPLATES = 'incident-templates';
export const T = 'resources.incident-templates';

export const PHASES = [
  'preparation',
  'detection_analysis',
  'containment_eradication_recovery',
  'post_incident',
] as const;
export type Phase = (typeof PHASES)[number];
export const VECTORS = ['outside_hacking', 'insider', 'loss_theft', 'misdelivery', 'vendor', 'other'] as const;
export const ROLES = ['security', 'dpo'] as const;
export const MAX_OFFSET_HOURS = 8760;

export interface Bilingual {
  ko: string;
  en: string;
}

export interface TemplateTask {
  key: string;
  phase: Phase;
  title: Bilingual;
  description?: Bilingual;
  dueOffsetHours: number;
  dependsOn: string[];
  role?: 'security' | 'dpo';
}

export interface TemplateVersionSummary {
  version: number;
  note: string;
  taskCount: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface IncidentTemplate {
  id: string;
  key: string;
  name: Bilingual;
  description: Bilingual | null;
  suggestedVector: string | null;
  currentVersion: number;
  taskCount: number;
  archived: boolean;
  updatedAt: string;
  version: number;
  tasks: TemplateTask[];
  // Absent while react-admin shows the list row before the detail arrives.
  versions?: TemplateVersionSummary[];
}

/** A task as the form edits it: the phase is the group it sits in. */
export type TaskValues = Omit<TemplateTask, 'phase'>;

export interface TemplateFormValues {
  key?: string;
  name: Bilingual;
  description?: Bilingual | null;
  suggestedVector?: string | null;
  phases: Record<Phase, TaskValues[]>;
  note?: string;
}

/** The template's tasks grouped by phase, in their order. */
export const toFormValues = (record: IncidentTemplate | undefined): TemplateFormValues => ({
  key: record?.key,
  name: record?.name ?? { ko: '', en: '' },
  description: record?.description ?? null,
  suggestedVector: record?.suggestedVector ?? null,
  phases: Object.fromEntries(
    PHASES.map((phase) => [
      phase,
      (record?.tasks ?? [])
        .filter((task) => task.phase === phase)
        .map(({ phase: _phase, ...task }) => ({ ...task, dependsOn: task.dependsOn ?? [] })),
    ]),
  ) as Record<Phase, TaskValues[]>,
  note: '',
});

const blankToUndefined = (text: Bilingual | null | undefined): Bilingual | undefined =>
  text && (text.ko?.trim() || text.en?.trim()) ? text : undefined;

/**
 * The body the server takes, and where each of its tasks sits in the form (`tasks.5` is
 * `phases.detection_analysis.2`), so that a 422 lands next to the right task.
 */
export const toWriteBody = (values: TemplateFormValues) => {
  const paths: string[] = [];
  const tasks = PHASES.flatMap((phase) =>
    (values.phases?.[phase] ?? []).map((task, j) => {
      paths.push(`phases.${phase}.${j}`);
      const description = blankToUndefined(task.description);
      return {
        key: task.key,
        phase,
        title: task.title,
        ...(description ? { description } : {}),
        dueOffsetHours: typeof task.dueOffsetHours === 'number' ? task.dueOffsetHours : Number(task.dueOffsetHours),
        dependsOn: task.dependsOn ?? [],
        ...(task.role ? { role: task.role } : {}),
      };
    }),
  );
  const description = blankToUndefined(values.description);
  return {
    body: {
      name: values.name,
      description: description ?? null,
      suggestedVector: values.suggestedVector || null,
      tasks,
      note: values.note ?? '',
    },
    paths,
  };
};

/** A server field (`tasks.5.dependsOn`) as the form's path (`phases.detection_analysis.2.dependsOn`). */
export const formPathOf = (field: string, paths: string[]): string => {
  const match = /^tasks\.(\d+)(\..*)?$/.exec(field);
  if (!match) return field;
  const at = paths[Number(match[1])];
  return at === undefined ? field : `${at}${match[2] ?? ''}`;
};

/** 75 → { days: 3, hours: 3 }: the offset as people say it. */
export const daysAndHours = (hours: number) => ({ days: Math.floor(hours / 24), hours: hours % 24 });
