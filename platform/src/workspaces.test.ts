import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeProblem, graphProblems, readWorkspaces, type Workspace } from './testing/workspaces.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const ws = (name: string, imports: string[], declared = imports): Workspace => ({
  dir: name,
  name: `@telehealth/${name}`,
  declared: new Set(declared.map((d) => `@telehealth/${d}`)),
  imports: new Map(imports.map((i) => [`@telehealth/${i}`, `${name}/src/x.ts`])),
});

describe('the workspace graph', () => {
  it('has no import cycle, and every workspace declares the workspaces it imports', () => {
    const workspaces = readWorkspaces(ROOT);
    expect(workspaces.map((w) => w.dir)).toContain('platform');
    expect(graphProblems(workspaces).map(describeProblem)).toEqual([]);
  });

  it('keeps platform at the bottom: it imports no other workspace', () => {
    const platform = readWorkspaces(ROOT).find((w) => w.dir === 'platform')!;
    expect([...platform.imports.keys()]).toEqual([]);
  });

  it('finds a cycle and an undeclared import (the tree before issue #17: api <-> signaling)', () => {
    const before = [ws('api', ['signaling', 'sfu']), ws('signaling', ['api'], []), ws('sfu', [])];
    expect(graphProblems(before).map(describeProblem)).toEqual([
      '@telehealth/signaling imports @telehealth/api (signaling/src/x.ts) without declaring it in its package.json',
      'import cycle: @telehealth/api -> @telehealth/signaling -> @telehealth/api',
    ]);
  });

  it('finds a longer cycle and an import of a package that is no workspace', () => {
    const tree = [ws('a', ['b']), ws('b', ['c']), ws('c', ['a', 'gone'])];
    expect(graphProblems(tree).map(describeProblem)).toEqual([
      '@telehealth/c imports @telehealth/gone (c/src/x.ts), which is not a workspace',
      'import cycle: @telehealth/a -> @telehealth/b -> @telehealth/c -> @telehealth/a',
    ]);
  });
});
