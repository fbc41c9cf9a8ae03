export const TEMPLATES = 'templates';
export const T = 'resources.templates';

export interface MessageTemplate {
  id: string;
  key: string;
  kind: 'message' | 'document';
  channel: 'email' | 'sms' | 'app_push' | 'letter' | 'regulator_portal';
  /** What the template is for, in English and in Korean. */
  description: string;
  descriptionKo: string;
  subjectKo: string;
  subjectEn: string;
  bodyKo: string;
  bodyEn: string;
  deleteContentAfterSend: boolean;
  sampleData: Record<string, unknown>;
  fields: string[];
  version: number;
  updatedAt: string;
}

export interface TemplateHistoryEntry {
  version: number;
  operation: 'seed' | 'update';
  changedAt: string;
  author: { id: string | null; displayName: string };
  reason: string;
  changed: string[];
}

export interface TemplatePreview {
  subject: string;
  text: string;
  html: string;
  missing: string[];
}

/** The fields a PUT takes: sample data is edited as JSON text in the form. */
export const templateWriteBody = (data: Partial<MessageTemplate> & { reason?: string; sampleDataJson?: string }) => ({
  description: data.description,
  descriptionKo: data.descriptionKo,
  subjectKo: data.subjectKo,
  subjectEn: data.subjectEn,
  bodyKo: data.bodyKo,
  bodyEn: data.bodyEn,
  deleteContentAfterSend: data.deleteContentAfterSend,
  sampleData: data.sampleDataJson === undefined ? data.sampleData : (JSON.parse(data.sampleDataJson) as unknown),
  reason: data.reason,
  version: data.version,
});
