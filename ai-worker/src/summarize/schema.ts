import { z } from 'zod';

export const AbnormalValueSchema = z.object({
  name: z.string(),
  value: z.string(),
  unit: z.string().nullable().default(null),
  referenceRange: z.string().nullable().default(null),
  flag: z.enum(['high', 'low', 'abnormal']),
});
export type AbnormalValue = z.infer<typeof AbnormalValueSchema>;

export const SummarySchema = z.object({
  summary: z.string(),
  keyFindings: z.array(z.string()),
  abnormalValues: z.array(AbnormalValueSchema),
  followUpNeeded: z.boolean(),
  /** How sure we are the text we summarised is what the document says (text layer / OCR quality). */
  transcriptionConfidence: z.number().min(0).max(1),
  promptVersion: z.string().nullable(),
  source: z.enum(['extractive', 'llm']),
});
export type Summary = z.infer<typeof SummarySchema>;

export const LlmSummarySchema = z.object({
  summary: z.string().max(2000),
  keyFindings: z.array(z.string().max(400)).max(20),
  abnormalValues: z
    .array(
      z.object({
        name: z.string(),
        value: z.string(),
        unit: z.string().nullable().optional(),
        referenceRange: z.string().nullable().optional(),
        flag: z.enum(['high', 'low', 'abnormal']),
      }),
    )
    .max(50),
  followUpNeeded: z.boolean(),
});

export const LlmTranscriptionSchema = z.object({ text: z.string(), confidence: z.number().min(0).max(1) });
