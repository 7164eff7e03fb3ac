import { SignalingClientError } from '@telehealth/signaling/client';
import { socket } from './socket.svelte.ts';

export type OpenedConversation = { ok: true; conversationId: string } | { ok: false; code: string };

/**
 * The patient's conversation with a doctor outside a visit (chat.open): created on first use, allowed
 * while they have a paid, not cancelled appointment with that doctor (the server decides; refused
 * with `no_appointment` otherwise).
 */
export async function openDoctorConversation(doctorId: string): Promise<OpenedConversation> {
  try {
    const client = await socket.ready();
    const { conversationId } = await client.request('chat.open', { doctorId });
    return { ok: true, conversationId };
  } catch (err) {
    return { ok: false, code: err instanceof SignalingClientError ? err.code : 'unavailable' };
  }
}
