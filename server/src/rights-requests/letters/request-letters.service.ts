import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../calendar/clock';
import { DocumentRenderer } from '../../outbox/document-renderer';
import { OutboxService } from '../../outbox/outbox.service';
import type { RecipientKind } from '../../outbox/outbox-types';
import { TemplatesService } from '../../outbox/templates.service';
import {
  mergeDataOf,
  templateKeyOf,
  type LetterChannel,
  type LetterKind,
  type LetterLocale,
  type RequestLetterView,
  letterFileName,
} from './letter-data';

/** A letter as rendered: what the requester reads, and the PDF to keep with the request. */
export interface RenderedLetter {
  subject: string;
  body: string;
  pdf: Buffer;
  /** The template and version it came from (the record keeps the version it used). */
  templateKey: string;
  templateVersion: number;
  /** File name for the request's documents. */
  fileName: string;
}

/** Where a letter goes: the requester (a subject) or a processor, with the address for the channel. */
export interface LetterRecipient {
  kind: RecipientKind;
  id: string;
  /** An e-mail address, or the postal address / name for a letter: sealed by the outbox at once. */
  address: string;
}

/** What the request records about a letter it sent: which, how and when. */
export interface SentLetter {
  messageId: string;
  kind: LetterKind;
  channel: LetterChannel;
  templateKey: string;
  language: LetterLocale;
  queuedAt: string;
}

/**
 * The response letters of rights requests, from the DPO's versioned templates (F6), in Korean and
 * English. `render` gives the text and a PDF (Pretendard embedded, so Hangul renders); `send`
 * queues the letter in the outbox inside the caller's transaction. The caller checks its ability on
 * the request and writes the access-log event for the personal data the letter carries.
 */
@Injectable()
export class RequestLettersService {
  constructor(
    private readonly templates: TemplatesService,
    private readonly documents: DocumentRenderer,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async render(kind: LetterKind, view: RequestLetterView, locale: LetterLocale = view.locale): Promise<RenderedLetter> {
    const rendered = await this.templates.renderByKey(
      templateKeyOf(kind, 'letter'),
      locale,
      mergeDataOf(kind, view, locale),
    );
    const footer = `${view.reference} · ${rendered.templateKey} v${rendered.version}`;
    const pdf = await this.documents.renderPdf({
      title: rendered.subject,
      body: rendered.text,
      language: locale,
      footer,
    });
    return {
      subject: rendered.subject,
      body: rendered.text,
      pdf,
      templateKey: rendered.templateKey,
      templateVersion: rendered.version,
      fileName: letterFileName(view.reference, kind, locale),
    };
  }

  /** Queues the letter in the view's language on `channel`, in the caller's (ambient) transaction. */
  async send(
    kind: LetterKind,
    view: RequestLetterView,
    channel: LetterChannel,
    to: LetterRecipient & { createdBy?: string | null },
    manager?: EntityManager,
  ): Promise<SentLetter> {
    const templateKey = templateKeyOf(kind, channel);
    const queuedAt = this.clock.now().toISOString();
    const messageId = await this.outbox.enqueue(
      {
        templateKey,
        language: view.locale,
        recipient: { kind: to.kind, id: to.id, address: to.address },
        data: mergeDataOf(kind, view, view.locale),
        reference: `rights-request:${view.reference}`,
        createdBy: to.createdBy ?? null,
      },
      manager,
    );
    return { messageId, kind, channel, templateKey, language: view.locale, queuedAt };
  }
}
