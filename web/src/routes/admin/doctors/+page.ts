import { api } from '$lib/api.ts';
import type { Paged } from '$lib/types.ts';
import { DEPS } from '../../deps.ts';
import { failed } from '../../failed.ts';
import type { PageLoad } from './$types';

// Shape of GET /admin/doctor-applications (api/src/onboarding).
export interface Application {
  doctorId: string;
  name: string;
  email: string;
  state: 'incomplete' | 'pending_verification' | 'verified' | 'rejected';
  missing: ('profile' | 'credentials' | 'photo' | 'hours')[];
  credentials: {
    registrationNumber: string;
    registrationCouncil: string;
    qualifications: string[];
    experienceYears: number;
    rejectionReason: string | null;
  } | null;
  profile: {
    specialty: string;
    languages: string[];
    feeMinor: number;
    currency: string;
    photoUrl: string | null;
  } | null;
}

export const load: PageLoad = async ({ parent, depends }) => {
  depends(DEPS.doctorApplications);
  await parent();
  const applications = await api
    .get<Paged<Application>>('/admin/doctor-applications', { query: { pageSize: 100 } })
    .catch(failed);
  return { rows: applications.items };
};
