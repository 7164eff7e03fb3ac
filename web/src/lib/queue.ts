/** The AI symptom check's result (POST /triage) and how it enters a doctor's queue. */
export interface Triage {
  id: string;
  priority: 'emergency' | 'urgent' | 'routine';
  currentPriority: 'emergency' | 'urgent' | 'routine';
  reasons: string[];
  redFlags: { code: string; label: string; priority: 'emergency' | 'urgent' | 'routine' }[];
  suggestedSpecialty: string;
  disclaimer: string;
  action: 'call_emergency_services' | 'see_doctor_today' | 'book_appointment';
  patientMessage: string;
}

/** Queue priorities run 1 (most urgent) to 5. */
export const priorityTone = (p: number | null) =>
  p === null ? 'neutral' : p <= 1 ? 'danger' : p <= 2 ? 'warning' : 'info';
