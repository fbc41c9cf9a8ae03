import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import nodemailer from 'nodemailer';
import type { DocumentRenderer } from '../document-renderer';
import type { DeliveryResult } from '../outbox-types';
import { MessageSender, type OutgoingMessage } from './message-sender';

/**
 * Writes each message as a file under OUTBOX_DIR: an .eml for e-mail (what an SMTP server would
 * have received), a PDF for a letter (what would be printed and posted), JSON for the channels
 * that have no transport yet (SMS, app push, regulator portals). Files are readable by the
 * server's user only: they hold the address and content in clear.
 */
export class FileSender extends MessageSender {
  private readonly eml = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly documents: DocumentRenderer,
    private readonly note: string,
  ) {
    super();
  }

  async send(message: OutgoingMessage): Promise<DeliveryResult> {
    const folder = join(this.dir, message.channel);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    let file: string;
    let messageId: string | undefined;
    switch (message.channel) {
      case 'email': {
        const info = await this.eml.sendMail({
          from: this.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'X-Outbox-Message': message.id, 'Content-Language': message.language },
        });
        file = join(folder, `${message.id}.eml`);
        messageId = info.messageId;
        await writeFile(file, info.message as Buffer, { mode: 0o600 });
        break;
      }
      case 'letter': {
        file = join(folder, `${message.id}.pdf`);
        const pdf = await this.documents.renderPdf({
          title: message.subject,
          body: message.text,
          language: message.language,
          footer: `${message.templateKey} v${message.templateVersion}`,
        });
        await writeFile(file, pdf, { mode: 0o600 });
        break;
      }
      case 'sms':
      case 'app_push':
      case 'regulator_portal': {
        file = join(folder, `${message.id}.json`);
        const { id, channel, to, language, subject, text, templateKey, templateVersion } = message;
        const body = { id, channel, to, language, subject, text, templateKey, templateVersion };
        await writeFile(file, JSON.stringify(body, null, 2) + '\n', { mode: 0o600 });
        break;
      }
      default: {
        const unknown: never = message.channel;
        throw new Error(`No file form for channel ${String(unknown)}`);
      }
    }
    return { transport: 'file', note: this.note, file: relative(this.dir, file), ...(messageId ? { messageId } : {}) };
  }
}
