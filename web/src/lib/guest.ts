import { SignalingClient } from '@telehealth/signaling/client';
import { exponentialBackoff } from '@telehealth/signaling/reconnect-backoff';
import { api } from './api.ts';
import type { CallLink } from './call.svelte.ts';
import type { GuestPass, GuestSelf } from './types.ts';

/**
 * A call guest (issue 18) has no account: opening an invitation link gives a guest pass, an access
 * token for that one consultation. The pass is kept in this tab's sessionStorage, keyed by the
 * link, so a reload of the waiting page does not need the (already used) link again.
 */
const KEY = 'th.guestPass';

export function savedPass(invite: string): GuestPass | null {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { invite: string; pass: GuestPass } | null;
    return s?.invite === invite && Date.parse(s.pass.expiresAt) > Date.now() ? s.pass : null;
  } catch {
    return null;
  }
}

export const forgetPass = () => sessionStorage.removeItem(KEY);

export async function redeem(invite: string, name: string): Promise<GuestPass> {
  const pass = await api.post<GuestPass>(
    '/consultations/invites/redeem',
    { token: invite, name },
    { anonymous: true },
  );
  sessionStorage.setItem(KEY, JSON.stringify({ invite, pass }));
  return pass;
}

const bearer = (pass: GuestPass) => ({
  anonymous: true,
  headers: { Authorization: `Bearer ${pass.accessToken}` },
});

/** Where the guest stands: waiting, admitted, declined or removed. */
export const guestStatus = (pass: GuestPass) => api.get<GuestSelf>('/call-guests/me', bearer(pass));

/** The guest's own socket, opened with the pass (the tab's shared socket belongs to accounts). */
export function guestLink(pass: GuestPass): CallLink & { close(): void } {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const client = new SignalingClient({
    url: `${scheme}://${location.host}/ws`,
    getToken: async () => pass.accessToken,
    reconnectPolicy: exponentialBackoff({ minMs: 300, maxMs: 5_000 }),
  });
  let open = false;
  client.on('disconnected', () => (open = false));
  client.on('reconnected', () => (open = true));
  return {
    async ready() {
      if (!client.connected) await client.connect();
      open = true;
      return client;
    },
    isOpen: () => open,
    close: () => client.close(),
  };
}
