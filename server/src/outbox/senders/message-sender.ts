import type { Channel, DeliveryResult, Language } from '../outbox-types';

/** A message ready to leave: the address and content opened from their seals just for this. */
export interface OutgoingMessage {
  id: string;
  channel: Channel;
  to: string;
  language: Language;
  subject: string;
  text: string;
  html: string;
  templateKey: string;
  templateVersion: number;
}

/** One way out. Throws when the message was not accepted; the dispatcher records why and retries. */
export abstract class MessageSender {
  abstract send(message: OutgoingMessage): Promise<DeliveryResult>;
}
