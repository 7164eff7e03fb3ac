import { getContext, setContext } from 'svelte';
import type { PrescriptionDraft } from '$lib/visits.ts';

/** A doctor's unsaved visit notes for one room. */
export interface VisitDraft {
  notes: string;
  diagnoses: { description: string; code: string }[];
  rx: PrescriptionDraft[];
}

const KEY = Symbol('visit-drafts');

/**
 * Unsaved visit notes per room, in memory only (never in storage: they are clinical notes). The
 * root layout provides one store for the tab, so a draft survives switching the call's tabs and the
 * call ending, which remount the doctor's panel on another page, and is gone with the tab.
 */
export const provideVisitDrafts = () => setContext(KEY, new Map<string, VisitDraft>());

/** The tab's drafts (see `provideVisitDrafts`); call during component initialisation. */
export const visitDrafts = () => getContext<Map<string, VisitDraft>>(KEY);
