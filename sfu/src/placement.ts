/** Pure placement choices (which worker / which node), unit-tested apart from mediasoup. */

export type WorkerLoad = {
  index: number;
  alive: boolean;
  routers: number;
  producers: number;
  consumers: number;
};

/**
 * Load score: consumers dominate a worker's CPU (each forwarded stream is encrypted and sent once
 * per consumer); producers cost a receive + decrypt; a router with no media yet still means a
 * consultation about to start, so it counts too (otherwise a burst of new rooms lands on one worker).
 */
export const workerLoadScore = (w: WorkerLoad): number => w.consumers + w.producers + 2 * w.routers;

/** Least-loaded alive worker; ties go to the lowest index (stable, testable). */
export function pickLeastLoaded<T extends WorkerLoad>(
  workers: readonly T[],
  filter: (w: T) => boolean = () => true,
): T | undefined {
  let best: T | undefined;
  for (const w of workers) {
    if (!w.alive || !filter(w)) continue;
    if (!best || workerLoadScore(w) < workerLoadScore(best)) best = w;
  }
  return best;
}

export type NodeLoad = { nodeId: string; load: number; capacity: number; updatedAtMs: number };

/** Least-loaded fresh node with spare capacity (load / capacity), for multi-node placement. */
export function pickLeastLoadedNode(
  nodes: readonly NodeLoad[],
  nowMs: number,
  staleAfterMs: number,
): NodeLoad | undefined {
  let best: NodeLoad | undefined;
  let bestRatio = Infinity;
  for (const n of nodes) {
    if (nowMs - n.updatedAtMs > staleAfterMs) continue;
    const ratio = n.capacity > 0 ? n.load / n.capacity : Infinity;
    if (ratio >= 1) continue;
    if (ratio < bestRatio || (ratio === bestRatio && best && n.nodeId < best.nodeId)) {
      best = n;
      bestRatio = ratio;
    }
  }
  return best;
}
