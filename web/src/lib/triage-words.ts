import { hasKey, i18n, t } from './i18n/index.svelte.ts';

/**
 * The triage service writes its advice, disclaimer and reasons in English. The advice and the
 * disclaimer are fixed per priority, so the app writes them in the UI's language itself; a reason
 * it knows is translated, the rule labels (clinical wording the doctor also reads) stay as sent.
 */
type Priority = 'emergency' | 'urgent' | 'routine';

export const adviceText = (r: { priority: Priority; patientMessage: string }) =>
  i18n.locale === 'en' ? r.patientMessage : t(`triage.advice.${r.priority}`);

export const disclaimerText = (r: { disclaimer: string }) =>
  i18n.locale === 'en' ? r.disclaimer : t('triage.disclaimer');

const KNOWN_REASONS: Readonly<Record<string, 'triage.reason.noRedFlags'>> = {
  'No red-flag symptoms found in the description': 'triage.reason.noRedFlags',
};

export const reasonText = (reason: string) => {
  const key = KNOWN_REASONS[reason];
  return key ? t(key) : reason;
};

/** A suggested specialty code ('ent') by its name in the UI's language. */
export const specialtyName = (code: string) => {
  const key = `specialty.${code}`;
  return hasKey(key) ? t(key) : code;
};

const PRIORITY = /^(EMERGENCY|URGENT|ROUTINE)\b/;
const priorityWord = (p: string) => t(`triage.priority.${p.toLowerCase() as Priority}`);

/**
 * The queue's one-line triage summary, which the server stores formatted in English
 * ("ROUTINE · ent — Patient's own view: URGENT — <reasons>"): in another language its priority,
 * specialty, the patient's own view and the known reasons are written in that language; rule
 * labels stay as they are.
 */
export function summaryText(summary: string): string {
  if (i18n.locale === 'en') return summary;
  return summary
    .split(' — ')
    .map((part, i) => {
      const head = i === 0 ? /^(EMERGENCY|URGENT|ROUTINE) · (\w+)$/.exec(part) : null;
      if (head) return `${priorityWord(head[1]!)} · ${specialtyName(head[2]!)}`;
      const own = /^Patient's own view: (\w+)(.*)$/.exec(part);
      if (own && PRIORITY.test(own[1]!))
        return `${t('visit.patientView')}: ${priorityWord(own[1]!)}${own[2]}`;
      return reasonText(part);
    })
    .join(' — ');
}
