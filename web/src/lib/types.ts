// Shapes of the API responses the web app reads (the API's zod schemas are the source; see /api/v1/openapi.json).
export const ROLES = ['patient', 'doctor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  role: Role;
  status: 'active' | 'suspended';
  mfaEnabled: boolean;
  timezone: string;
  locale: string;
  createdAt: string;
}

export interface Session {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Doctor {
  id: string;
  name: string;
  specialty: string;
  languages: string[];
  feeMinor: number;
  currency: string;
  timezone: string;
  bio: string;
  photoUrl: string | null;
  slotMinutes: number;
  bufferMinutes: number;
  onCall: boolean;
  verified: boolean;
}

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface MailItem {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
  createdAt: string;
}
