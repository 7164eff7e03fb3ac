import { api } from './api.ts';
import { auth } from './auth.svelte.ts';
import type { Family } from './types.ts';

/**
 * The signed-in patient's family, shared by the header's switcher and the family page: loaded once
 * per session person, reloaded by the page after a change. The family routes answer for the person
 * behind the token, so it loads the same while acting for a member.
 */
class FamilyStore {
  family = $state<Family | null>(null);
  #for: string | null = null;

  async load(force = false): Promise<Family | null> {
    const self = auth.self;
    if (!self || self.role !== 'patient') {
      this.family = null;
      this.#for = null;
      return null;
    }
    if (!force && this.#for === self.id && this.family) return this.family;
    this.#for = self.id;
    try {
      this.family = await api.get<Family>('/family');
    } catch {
      this.family = null;
    }
    return this.family;
  }
}

export const familyStore = new FamilyStore();
