// Builds the web app when build/handler.js is missing or older than any source file, so `npm test -w web`
// always drives the current code without paying for a rebuild every run.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const handler = join(root, process.env.WEB_BUILD_DIR ?? 'build', 'handler.js');

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let m = 0;
  for (const e of readdirSync(path)) m = Math.max(m, newest(join(path, e)));
  return m;
}

const inputs = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json']
  .map((p) => join(root, p))
  .filter(existsSync);
const stale = !existsSync(handler) || Math.max(...inputs.map(newest)) > statSync(handler).mtimeMs;
if (stale) {
  // tsconfig.json extends .svelte-kit/tsconfig.json, which a build into WEB_BUILD_DIR does not write.
  if (!existsSync(join(root, '.svelte-kit/tsconfig.json'))) {
    const { WEB_BUILD_DIR: _, ...env } = process.env;
    execSync('npx svelte-kit sync', { cwd: root, stdio: 'inherit', env });
  }
  console.error('web: building (sources changed since the last build)');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
