/**
 * Media parameters shared by the SFU and the browser client. Type-only imports from mediasoup, so
 * this module is safe to bundle for the browser.
 */
import type { types } from 'mediasoup';

/** Router codecs: Opus for audio; VP8 first (best simulcast support), H264 for Safari/iOS. */
export const ROUTER_MEDIA_CODECS: types.RouterRtpCodecCapability[] = [
  {
    kind: 'audio',
    mimeType: 'audio/opus',
    clockRate: 48000,
    channels: 2,
    parameters: { useinbandfec: 1, usedtx: 1 },
  },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
      'x-google-start-bitrate': 1000,
    },
  },
];

/** What a producer's track is; one producer per source per peer. Screen share is a second video. */
export const MediaSources = ['mic', 'camera', 'screen'] as const;
export type MediaSource = (typeof MediaSources)[number];
export const kindOfSource = (s: MediaSource): 'audio' | 'video' => (s === 'mic' ? 'audio' : 'video');

/**
 * Camera simulcast, three layers (client passes these as `encodings` to mediasoup-client's
 * transport.produce). Bitrates sized for a consultation: the 720p top layer is what a 1:1 viewer
 * with a large tile receives.
 */
export const CAMERA_SIMULCAST_ENCODINGS = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
] as const;

/** Screen share: text must stay legible, so one full-resolution layer at low frame rate. */
export const SCREEN_SHARE_ENCODINGS = [
  { maxBitrate: 1_500_000, scalabilityMode: 'L1T3', dtx: true },
] as const;

/** Capture size the client is asked for (the simulcast layers are 1/4, 1/2 and 1/1 of it). */
export const CAMERA_CAPTURE = { width: 1280, height: 720, frameRate: 30 } as const;
