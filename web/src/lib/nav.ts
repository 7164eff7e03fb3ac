import type { MessageKey } from './i18n/index.svelte.ts';
import type { Role } from './types.ts';

export interface NavItem {
  href: string;
  label: MessageKey;
  /** Shown only when the API has a route under one of these prefixes (the domain has landed). */
  needs?: string[];
}

export const NAV: Record<Role | 'guest', NavItem[]> = {
  guest: [{ href: '/doctors', label: 'nav.findDoctors' }],
  patient: [
    { href: '/doctors', label: 'nav.findDoctors' },
    { href: '/appointments', label: 'nav.appointments', needs: ['/appointments'] },
    { href: '/symptom-check', label: 'nav.symptomCheck', needs: ['/triage'] },
    { href: '/records', label: 'nav.records', needs: ['/records'] },
    { href: '/health-profile', label: 'profile.nav', needs: ['/patients'] },
    { href: '/messages', label: 'nav.messages' },
    { href: '/wallet', label: 'nav.wallet', needs: ['/wallet'] },
    { href: '/family', label: 'family.nav', needs: ['/family'] },
  ],
  doctor: [
    { href: '/doctor', label: 'nav.agenda' },
    { href: '/doctor/queue', label: 'nav.queue' },
    { href: '/doctor/visits', label: 'nav.visits', needs: ['/consultations'] },
    {
      href: '/doctor/availability',
      label: 'nav.availability',
      needs: ['/doctors/me/availability'],
    },
    { href: '/doctor/patients', label: 'nav.patients', needs: ['/consents'] },
    { href: '/messages', label: 'nav.messages' },
    { href: '/doctor/profile', label: 'nav.myProfile' },
  ],
  admin: [
    { href: '/admin', label: 'nav.overview' },
    { href: '/admin/users', label: 'nav.users' },
    { href: '/admin/doctors', label: 'nav.doctors' },
    { href: '/admin/analytics', label: 'nav.analytics', needs: ['/admin/analytics'] },
    { href: '/admin/ratings', label: 'nav.ratings', needs: ['/admin/ratings'] },
    { href: '/admin/chat-reports', label: 'nav.chatReports', needs: ['/admin/chat-reports'] },
    { href: '/admin/audit', label: 'nav.audit', needs: ['/admin/audit'] },
    {
      href: '/admin/emergency-access',
      label: 'nav.emergency',
      needs: ['/admin/emergency-access'],
    },
    { href: '/admin/mailbox', label: 'nav.mailbox' },
  ],
};
