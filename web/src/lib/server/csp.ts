/**
 * The app's socket origin for the Content-Security-Policy. svelte.config.js fixes the policy at build
 * time with `connect-src 'self'`; the deployment's address is only known at run time (PUBLIC_URL), so
 * the server adds its ws:/wss: form here. Browsers that match 'self' against same-host sockets (CSP
 * Level 3) need nothing more; the explicit origin covers the rest. Any other host stays refused: a
 * script that got in cannot open a socket to carry data away.
 */
export function socketOrigin(publicUrl: string): string | undefined {
  let u: URL;
  try {
    u = new URL(publicUrl);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return `${u.protocol === 'https:' ? 'wss' : 'ws'}://${u.host}`;
}

/** Appends sources to the policy's connect-src directive, leaving every other directive as it is. */
export function withConnectSources(policy: string, sources: readonly string[]): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => (/^connect-src(\s|$)/i.test(d) ? [d, ...sources].join(' ') : d))
    .join('; ');
}
