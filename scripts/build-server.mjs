// Compiles the server (api/src/main.ts and the workspaces it imports) into one ES module, so the
// production image runs plain `node dist/server.mjs`: no TypeScript loader at start, no sources.
// npm packages stay external (installed as production dependencies next to the bundle).
//
//   node scripts/build-server.mjs [outdir]      (default: dist)
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(root, process.argv[2] ?? 'dist');

/** Our workspaces are bundled; every other bare import is a package resolved at run time. */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@telehealth/') || args.path.startsWith('node:') ? undefined : { external: true },
    );
  },
};

/**
 * Modules find files next to their source (migrations, the web build) and resolve packages from it
 * (createRequire) through `import.meta.url`. In one bundle that would be the bundle's location, so
 * each module's `import.meta.url` is rewritten to where its source was, relative to the bundle: the
 * image keeps platform/migrations and web/build at the same places relative to dist/.
 */
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = relative(outdir, args.path).split('\\').join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`),
        loader: 'ts',
      };
    });
  },
};

const result = await build({
  entryPoints: [join(root, 'api/src/main.ts')],
  outfile: join(outdir, 'server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Stack traces point at the TypeScript sources (node --enable-source-maps).
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [externalPackages, sourceLocation],
});
const bytes = Object.values(result.metafile.outputs).reduce((a, o) => a + o.bytes, 0);
console.log(
  `server bundle: ${relative(root, join(outdir, 'server.mjs'))} (${Math.round(bytes / 1024)} KiB with its map)`,
);
