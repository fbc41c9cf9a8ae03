import nodemailer, { type Transporter } from 'nodemailer';
import type { DeliveryResult } from '../outbox-types';
import { MessageSender, type OutgoingMessage } from './message-sender';

/** E-mail by SMTP (SMTP_URL). The server's answer and message id are the delivery result. */
export class SmtpSender extends MessageSender {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: OutgoingMessage): Promise<DeliveryResult> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { 'X-Outbox-Message': message.id, 'Content-Language': message.language },
    });
    return {
      transport: 'smtp',
      messageId: info.messageId,
      response: info.response,
      accepted: info.accepted?.length ?? 0,
      rejected: info.rejected?.length ?? 0,
    };
  }

  close(): void {
    this.transport.close();
  }
}
