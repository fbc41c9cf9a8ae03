import type { Bilingual, IncidentVector, TemplateTask } from '../template-types';

export interface IncidentTemplateListItem {
  id: string;
  key: string;
  name: Bilingual;
  description: Bilingual | null;
  suggestedVector: IncidentVector | null;
  currentVersion: number;
  taskCount: number;
  archived: boolean;
  archivedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface IncidentTemplateVersionSummary {
  version: number;
  note: string;
  taskCount: number;
  createdAt: string;
  /** Null for the defaults the console ships. */
  createdBy: { id: string; name: string } | null;
}

export interface IncidentTemplateVersionView extends IncidentTemplateVersionSummary {
  templateId: string;
  name: Bilingual;
  description: Bilingual | null;
  tasks: TemplateTask[];
}

export interface IncidentTemplateDetail extends IncidentTemplateListItem {
  tasks: TemplateTask[];
  versions: IncidentTemplateVersionSummary[];
}
