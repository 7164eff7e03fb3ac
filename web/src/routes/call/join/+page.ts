import type { PageLoad } from './$types';

/** Public: a call guest has no account. The invitation token comes from the e-mailed or shared link. */
export const load: PageLoad = ({ url }) => ({ invite: url.searchParams.get('invite') ?? '' });
