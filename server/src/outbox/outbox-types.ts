export const CHANNELS = ['email', 'sms', 'app_push', 'letter', 'regulator_portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const RECIPIENT_KINDS = ['subject', 'processor', 'regulator', 'staff'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export const LANGUAGES = ['ko', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const TEMPLATE_KINDS = ['message', 'document'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** What a template version holds (the snapshot of its history row). */
export interface TemplateContent {
  /** What the template is for, in English and in Korean. */
  description: string;
  descriptionKo: string;
  subjectKo: string;
  subjectEn: string;
  bodyKo: string;
  bodyEn: string;
  deleteContentAfterSend: boolean;
  sampleData: Record<string, unknown>;
}

/** A message as rendered for one language: what the sender delivers. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** How a message left: never its content or its address. */
export interface DeliveryResult {
  transport: 'smtp' | 'file';
  /** Why a file: no SMTP_URL set, or no real transport for this channel yet. */
  note?: string;
  messageId?: string;
  response?: string;
  accepted?: number;
  rejected?: number;
  file?: string;
}
