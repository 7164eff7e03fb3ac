/**
 * Preferred simulcast layer from the viewer's tile size: pure, unit-tested.
 * A viewer never needs more pixels than its tile shows, and a thumbnail receiving 720p wastes the
 * patient's downlink (often a phone on mobile data).
 */

export type TileSize = { width: number; height: number; devicePixelRatio?: number };
export type Layers = { spatialLayer: number; temporalLayer?: number };

/**
 * @param layerHeights height in pixels of each spatial layer, lowest first (e.g. [180, 360, 720]).
 * Picks the smallest layer at least ~90 % as tall as the tile in device pixels; the top layer if
 * none is. A hidden tile (0x0) gets the lowest layer; callers pause the consumer instead when they
 * can (a paused consumer costs nothing).
 */
export function spatialLayerForTile(tile: TileSize, layerHeights: readonly number[]): number {
  if (layerHeights.length === 0) return 0;
  const dpr = tile.devicePixelRatio && tile.devicePixelRatio > 0 ? tile.devicePixelRatio : 1;
  const needed = Math.max(0, tile.height) * dpr;
  if (needed === 0) return 0;
  for (let i = 0; i < layerHeights.length; i++) {
    if ((layerHeights[i] ?? 0) >= needed * 0.9) return i;
  }
  return layerHeights.length - 1;
}

/**
 * Layer heights of a producer's simulcast encodings given its capture height, from
 * scaleResolutionDownBy (default: each layer halves the next, as browsers do).
 */
export function layerHeightsFor(
  captureHeight: number,
  encodings: readonly { scaleResolutionDownBy?: number }[],
): number[] {
  const n = Math.max(1, encodings.length);
  return Array.from({ length: n }, (_, i) => {
    const scale = encodings[i]?.scaleResolutionDownBy ?? 2 ** (n - 1 - i);
    return Math.round(captureHeight / Math.max(1, scale));
  });
}
