// `npm start` serves the web app from web/build; build it once on a fresh clone (later builds: npm run build).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../web/build/handler.js', import.meta.url))) {
  console.log('Building the web app once (web/build is missing)...');
  execSync('npm run build -w web', { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
}
