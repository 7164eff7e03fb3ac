import { createMemoryBus, type Bus } from './bus.ts';
import type { SignalingConfig } from './config.ts';
import { createRedisBus } from './redis-bus.ts';

export function createBusFromConfig(config: Pick<SignalingConfig, 'REDIS_URL' | 'WS_CHANNEL_PREFIX'>): Bus {
  return config.REDIS_URL ? createRedisBus(config.REDIS_URL, config.WS_CHANNEL_PREFIX) : createMemoryBus();
}
