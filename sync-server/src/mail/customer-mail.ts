import type { MailRequest, SettingsFields } from '@stallkeeper/shared';
import type { MailMessage } from './message.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * The email a customer gets with their receipt or invoice: from the server's
 * sender, in the shop's name, answered to the member who sent it.
 */
export function customerMail(
  request: MailRequest,
  shop: Pick<SettingsFields, 'shopName' | 'address' | 'contact'>,
  doc: { what: string; filename: string; pdf: Uint8Array },
  replyTo?: string,
): MailMessage {
  const lines = [
    ...(request.note.trim() ? [request.note.trim()] : []),
    `${doc.what} from ${shop.shopName} is attached as a PDF.`,
    'Thank you for your custom.',
    [shop.shopName, shop.address, shop.contact].filter((l) => l.trim()).join('\n'),
  ];
  return {
    to: request.to,
    subject: `${doc.what} from ${shop.shopName}`,
    text: lines.join('\n\n'),
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${lines
      .map((l) => `<p>${escape(l).replace(/\n/g, '<br>')}</p>`)
      .join('')}</body></html>`,
    ...(replyTo ? { replyTo } : {}),
    attachments: [
      {
        filename: doc.filename,
        contentType: 'application/pdf',
        base64: Buffer.from(doc.pdf).toString('base64'),
      },
    ],
  };
}
