import { registerChatHandlers } from './chat/handlers.ts';
import type { SignalingConfig, SignalingConfigInput } from './config.ts';
import { SignalingConfigSchema } from './config.ts';
import { registerNotificationHandlers } from './notify-handlers.ts';
import { registerQueueHandlers } from './queue/handlers.ts';
import { createCore } from './server.ts';
import type { SignalingDeps, SignalingServer } from './types.ts';

export { SignalingConfigSchema, loadSignalingConfig } from './config.ts';
export type { SignalingConfig, SignalingConfigInput } from './config.ts';
export {
  createMemoryBus,
  type Bus,
  type BusFrameHandler,
  type BusListener,
  type FrameMeta,
  type PresenceStore,
} from './bus.ts';
export { createRedisBus } from './redis-bus.ts';
export { createDefaultAuthorizer, type Authorize, type TopicAccess } from './authorize.ts';
export {
  ACCESS_CONTROL_TOPIC,
  announceAccessChange,
  disconnectUser,
  revalidateTopic,
  type AccessControl,
  type DisconnectReason,
} from './access-control.ts';
export { notify, listNotifications, markRead, NotificationKinds, type NotifyInput } from './notify.ts';
export { openConversation, setFollowUpWindow } from './chat/store.ts';
export { SignalingError } from './errors.ts';
export * from './call-protocol.ts';
export { createHttpBridge, type HttpBridge } from './http-bridge.ts';
export type * from './types.ts';

export interface SignalingServerWithModules extends SignalingServer {
  /** Runs the queue no-show sweep once (also part of sweep()). */
  sweepNoShows(): Promise<void>;
}

/**
 * The WebSocket tier. Call `listen()` to bind `WS_HOST:WS_PORT`, `close()` on shutdown. All I/O goes
 * through the injected dependencies; `config` is parsed with SignalingConfigSchema.
 */
export function createSignalingServer(
  deps: SignalingDeps,
  config: SignalingConfig | SignalingConfigInput = {},
): SignalingServerWithModules {
  const cfg = SignalingConfigSchema.parse(config);
  const core = createCore(deps, cfg);
  registerChatHandlers(core, deps);
  registerNotificationHandlers(core, deps);
  const queue = registerQueueHandlers(core, deps);
  return Object.assign(core.server, { sweepNoShows: queue.sweepNoShows });
}

/** Bus for this config: Redis pub/sub with REDIS_URL, otherwise in-process. */
export { createBusFromConfig } from './bus-factory.ts';
