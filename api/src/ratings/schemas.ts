import { z } from 'zod';
import { safeText } from '../http/text.ts';

export const RateVisit = z
  .object({
    stars: z.number().int().min(1).max(5),
    comment: safeText({ max: 2000 }).default(''),
  })
  .meta({ id: 'RateVisit' });

export const Rating = z
  .object({
    appointmentId: z.uuid(),
    stars: z.number().int(),
    comment: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Rating' });

/** What the public sees on a doctor's profile: no comments, no patients. */
export const RatingSummary = z
  .object({
    doctorId: z.uuid(),
    average: z.number().nullable().meta({ description: 'Mean stars, one decimal; null without ratings' }),
    count: z.number().int(),
  })
  .meta({ id: 'RatingSummary' });

export const AdminRating = Rating.extend({
  doctorId: z.uuid(),
  doctorName: z.string(),
  patientName: z.string(),
}).meta({ id: 'AdminRating' });

/** Mean of the stars to one decimal (4.25 → 4.3), null for none. Pure. */
export function averageStars(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : null;
}
