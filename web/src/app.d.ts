// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      code?: string;
      /** A second line under the message (what the visitor can do about it). */
      detail?: string;
    }
  }
}
export {};
