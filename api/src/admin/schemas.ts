import { z } from 'zod';

/** A mail the dev mailbox holds (delivered without an email provider), as `/admin/mailbox` lists it. */
export const MailItem = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() })),
    createdAt: z.string(),
  })
  .meta({ id: 'MailboxItem' });
