import { i18n, t } from './i18n/index.svelte.ts';

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
