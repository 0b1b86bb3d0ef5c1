/** One email as the outbox keeps it (attachments inline, so a restart loses nothing). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  /** the bytes, base64 */
  base64: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  attachments?: MailAttachment[];
}

/** What a message is about, so whoever asked for it hears how it went. */
export interface MailRef {
  /** `shop-mail`: a shop's request to email a customer (status goes back to the shop) */
  kind: string;
  shopId?: string;
  id?: string;
}
