import { z } from 'zod';

/** How an admin resolves a chat report (issue 18). */
export const ReportResolutions = ['dismiss', 'warn', 'deactivate'] as const;
export type ReportResolution = (typeof ReportResolutions)[number];

export const ReportStatuses = ['open', 'resolved'] as const;

const Person = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string(),
  status: z.enum(['active', 'suspended']),
});

/** One message as the review shows it: the reported one, and a little of what surrounds it. */
export const ReportContextMessage = z
  .object({
    id: z.uuid(),
    seq: z.number().int(),
    senderId: z.uuid(),
    senderName: z.string(),
    text: z.string(),
    createdAt: z.string(),
    reported: z.boolean(),
  })
  .meta({ id: 'ChatReportContextMessage' });

export const ChatReport = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    reason: z.string(),
    createdAt: z.string(),
    reporter: Person,
    /** Whom the report is about: the reported message's sender (or the other participant). */
    reported: Person,
    /** Null for a report about the whole conversation (the context is then its last messages). */
    messageId: z.uuid().nullable(),
    context: z.array(ReportContextMessage),
    status: z.enum(ReportStatuses),
    resolution: z.enum(ReportResolutions).nullable(),
    resolutionNote: z.string().nullable(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'ChatReport' });
export type ChatReport = z.infer<typeof ChatReport>;

export const ChatReportList = z.object({ items: z.array(ChatReport) }).meta({ id: 'ChatReportList' });

export const ChatReportQuery = z.object({
  status: z.enum(ReportStatuses).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ResolveChatReport = z
  .object({
    resolution: z.enum(ReportResolutions),
    /** Why; recorded in the audit entry, and shown to the warned user. */
    note: z.string().trim().min(3).max(1000),
  })
  .meta({ id: 'ResolveChatReport' });
