import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The dependency graph between the repository's npm workspaces, read from their sources: what
 * each one imports (`@telehealth/<name>/...`) and what its package.json declares. The rule it
 * serves (issue #17): dependencies point one way (platform at the bottom, the API as the
 * composition root on top) and every workspace declares what it imports.
 */
export interface Workspace {
  /** Folder below the repository root (`signaling`). */
  dir: string;
  /** Package name (`@telehealth/signaling`). */
  name: string;
  /** Workspace packages named in dependencies or devDependencies. */
  declared: ReadonlySet<string>;
  /** Imported workspace package name -> the first file importing it (repository-relative). */
  imports: ReadonlyMap<string, string>;
}

export type GraphProblem =
  | { kind: 'cycle'; path: readonly string[] }
  | { kind: 'undeclared'; from: string; to: string; file: string }
  | { kind: 'unknown'; from: string; to: string; file: string };

const SOURCE = /\.(ts|mts|js|mjs|svelte)$/;
const SKIP = new Set(['node_modules', '.svelte-kit', 'build', 'dist', 'coverage']);
// Static and dynamic imports and re-exports; the package name only (`@telehealth/api`).
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](@telehealth\/[a-z0-9-]+)(?:\/[^'"]*)?['"]/g;
// Comments mention import paths in prose ("Import from '@telehealth/api/...'"); they are no edge.
const COMMENT = /\/\*[\s\S]*?\*\/|(?<![:'"`\w])\/\/[^\n]*/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name) || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return SOURCE.test(e.name) ? [path] : [];
  });
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

export function readWorkspaces(root: string): Workspace[] {
  const dirs = (readJson(join(root, 'package.json')).workspaces ?? []) as string[];
  return dirs.map((dir) => {
    const pkg = readJson(join(root, dir, 'package.json'));
    const name = String(pkg.name);
    const declared = new Set(
      [pkg.dependencies, pkg.devDependencies].flatMap((d) => Object.keys((d ?? {}) as object)),
    );
    const imports = new Map<string, string>();
    for (const file of sourceFiles(join(root, dir))) {
      const text = readFileSync(file, 'utf8').replace(COMMENT, '');
      for (const m of text.matchAll(IMPORT)) {
        const to = m[1]!;
        if (to !== name && !imports.has(to)) imports.set(to, relative(root, file));
      }
    }
    return { dir, name, declared, imports };
  });
}

/** Every import of a workspace that is not declared, or not a workspace at all, and every cycle. */
export function graphProblems(workspaces: readonly Workspace[]): GraphProblem[] {
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const problems: GraphProblem[] = [];
  for (const w of workspaces)
    for (const [to, file] of w.imports) {
      if (!byName.has(to)) problems.push({ kind: 'unknown', from: w.name, to, file });
      else if (!w.declared.has(to)) problems.push({ kind: 'undeclared', from: w.name, to, file });
    }
  // Depth-first search; a back edge to a workspace on the current path closes a cycle.
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (name: string) => {
    state.set(name, 'open');
    path.push(name);
    for (const to of byName.get(name)?.imports.keys() ?? []) {
      if (!byName.has(to)) continue;
      if (state.get(to) === 'open')
        problems.push({ kind: 'cycle', path: [...path.slice(path.indexOf(to)), to] });
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(name, 'done');
  };
  for (const w of workspaces) if (!state.has(w.name)) visit(w.name);
  return problems;
}

export const describeProblem = (p: GraphProblem): string =>
  p.kind === 'cycle'
    ? `import cycle: ${p.path.join(' -> ')}`
    : p.kind === 'undeclared'
      ? `${p.from} imports ${p.to} (${p.file}) without declaring it in its package.json`
      : `${p.from} imports ${p.to} (${p.file}), which is not a workspace`;
