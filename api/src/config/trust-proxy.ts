import { isIP } from 'node:net';
import { z } from 'zod';

/** Express's names for address ranges ("trust proxy" presets). */
const PRESETS = ['loopback', 'linklocal', 'uniquelocal'] as const;

/** What Express's `trust proxy` gets: nothing, a hop count, or the addresses of the proxies. */
export type TrustProxy = false | number | string[];

function validEntry(entry: string): boolean {
  if ((PRESETS as readonly string[]).includes(entry)) return true;
  const [addr, bits, extra] = entry.split('/');
  if (extra !== undefined || !addr) return false;
  const family = isIP(addr);
  if (!family) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128) && /^\d+$/.test(bits);
}

/**
 * TRUST_PROXY: whose `X-Forwarded-For` decides the client address that per-IP brute-force budgets,
 * audit entries and logs use. Default: nobody's, so a client cannot pick its own address. Behind a
 * reverse proxy set its address(es) or CIDR ranges (or a preset such as `loopback`), or the number
 * of proxy hops. `true` (believe any sender) is refused: it is the spoofing this setting prevents.
 * The in-process WebSocket hop needs no trust here: it replaces any client-sent X-Forwarded-For.
 */
export const TrustProxySchema = z
  .string()
  .default('false')
  .transform((raw, c): TrustProxy => {
    const v = raw.trim().toLowerCase();
    if (v === 'false' || v === 'none' || v === '0') return false;
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
    }
    const entries = v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = entries.filter((e) => !validEntry(e));
    if (v === 'true' || !entries.length || bad.length) {
      c.addIssue({
        code: 'custom',
        message:
          'must be false, a hop count (1-10), or comma-separated proxy addresses/CIDRs (loopback, linklocal, uniquelocal allowed)',
      });
      return z.NEVER;
    }
    return entries;
  });
