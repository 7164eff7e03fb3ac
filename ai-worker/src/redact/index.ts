export { redact } from './redact.ts';
export * from './types.ts';
