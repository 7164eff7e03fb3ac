// The app renders in the browser: the access token lives only in memory, so the server has nothing
// user-specific to render. Kit still serves the shell with CSP nonces on its bootstrap script.
export const ssr = false;
export const prerender = false;
