/**
 * No module-level mutable state in api/src (issue 17). A module-level `let`, a top-level collection
 * or object something writes to, or a write into another module's export is shared by every app in
 * the process (tests start several) and holds whatever the last one set. Modules are built in the
 * composition root (modules.ts, runtime.ts, testing/app.ts) and handed what they need instead.
 *
 * What the scan sees, per non-test file: top-level `let`/`var`; a top-level `new Map/Set/WeakMap/
 * WeakSet/Array` not typed Readonly*; a write (assignment, `++`, `delete`, a mutating method such
 * as push/set/add/clear, `Object.assign`) into a top-level binding of the file; an assignment into an
 * imported binding. It is syntactic: state hidden in a closure a function call returns is not seen.
 * What remains is listed in ALLOWED, each with its reason, and in api/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** `path:name` (path under api/src) -> why it may stay. */
const ALLOWED: Readonly<Record<string, string>> = {
  'auth/passwords.ts:dummy':
    'memo of a constant: the hash of a fixed string, computed on first use so start-up does not pay for argon2',
  'availability/zones.ts:formatters':
    'memo of a pure function: one Intl.DateTimeFormat per IANA zone name (a bounded set)',
  'availability/zones.ts:dayOffsets':
    'memo of a pure function: UTC offset per zone and day, cleared past 50,000 days per zone',
};

type Finding = { name: string; line: number; kind: 'let' | 'collection' | 'written' | 'import-written' };

const COLLECTIONS: ReadonlySet<string> = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array']);
const MUTATORS: ReadonlySet<string> = new Set([
  'push',
  'pop',
  'shift',
  'unshift',
  'splice',
  'sort',
  'reverse',
  'fill',
  'copyWithin',
  'set',
  'add',
  'delete',
  'clear',
]);

function unwrap(e: ts.Expression): ts.Expression {
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isTypeAssertionExpression(e)
  )
    e = e.expression;
  return e;
}

/** The identifier `a.b[c].d` starts from, when the expression is such a chain. */
function rootOf(e: ts.Expression): ts.Identifier | undefined {
  e = unwrap(e);
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = unwrap(e.expression);
  return ts.isIdentifier(e) ? e : undefined;
}

const isMemberAccess = (e: ts.Expression) =>
  ts.isPropertyAccessExpression(unwrap(e)) || ts.isElementAccessExpression(unwrap(e));

function bindingNames(name: ts.BindingName): ts.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((el) => (ts.isOmittedExpression(el) ? [] : bindingNames(el.name)));
}

const isReadonlyType = (t: ts.TypeNode | undefined) =>
  !!t && ts.isTypeReferenceNode(t) && /^Readonly(Map|Set|Array)$/.test(t.typeName.getText());

/** The module-level state of each file, resolved with the binder so a local of the same name is not mistaken for it. */
export function findModuleState(files: Record<string, string>): Record<string, Finding[]> {
  const program = ts.createProgram({
    rootNames: Object.keys(files),
    options: { noLib: true, noResolve: true, allowJs: false, target: ts.ScriptTarget.ES2022 },
    host: {
      ...ts.createCompilerHost({}),
      fileExists: (f) => f in files,
      readFile: (f) => files[f],
      getSourceFile: (f, lang) =>
        f in files ? ts.createSourceFile(f, files[f]!, lang, true, ts.ScriptKind.TS) : undefined,
    },
  });
  const checker = program.getTypeChecker();
  const out: Record<string, Finding[]> = {};
  for (const file of Object.keys(files)) {
    const sf = program.getSourceFile(file)!;
    const found: Finding[] = [];
    const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const topLevel = new Set<ts.Symbol>();
    const imported = new Set<ts.Symbol>();
    const symbolOf = (id: ts.Identifier) => checker.getSymbolAtLocation(id);

    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
        const c = st.importClause;
        const ids = [
          ...(c.name ? [c.name] : []),
          ...(c.namedBindings && ts.isNamedImports(c.namedBindings)
            ? c.namedBindings.elements.map((e) => e.name)
            : c.namedBindings
              ? [c.namedBindings.name]
              : []),
        ];
        for (const id of ids) {
          const s = symbolOf(id);
          if (s) imported.add(s);
        }
      }
      if (!ts.isVariableStatement(st)) continue;
      const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of st.declarationList.declarations) {
        for (const id of bindingNames(d.name)) {
          if (!isConst) found.push({ name: id.text, line: at(id), kind: 'let' });
          const s = symbolOf(id);
          if (s) topLevel.add(s);
        }
        const init = d.initializer && unwrap(d.initializer);
        if (
          isConst &&
          init &&
          ts.isNewExpression(init) &&
          ts.isIdentifier(init.expression) &&
          COLLECTIONS.has(init.expression.text) &&
          !isReadonlyType(d.type)
        )
          found.push({ name: d.name.getText(sf), line: at(d), kind: 'collection' });
      }
    }

    /** A write into what `target` starts from; `member` when it writes a property, not the binding. */
    const wrote = (target: ts.Expression, member: boolean, call: boolean) => {
      const root = rootOf(target);
      const s = root && symbolOf(root);
      if (!root || !s) return;
      if (topLevel.has(s) && (member || call))
        found.push({ name: root.text, line: at(root), kind: 'written' });
      // Method calls on imports are left out: `z.set(...)` builds a schema, and an exported
      // collection is already caught where it is declared.
      else if (imported.has(s) && !call)
        found.push({ name: root.text, line: at(root), kind: 'import-written' });
    };
    const visit = (n: ts.Node) => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        isMemberAccess(n.left)
      )
        wrote(n.left, true, false);
      else if (
        (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
        (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) &&
        isMemberAccess(n.operand)
      )
        wrote(n.operand, true, false);
      else if (ts.isDeleteExpression(n)) wrote(n.expression, true, false);
      else if (ts.isCallExpression(n)) {
        const callee = unwrap(n.expression);
        if (ts.isPropertyAccessExpression(callee)) {
          const method = callee.name.text;
          if (callee.expression.getText(sf) === 'Object' && method === 'assign' && n.arguments[0])
            wrote(n.arguments[0], true, false);
          else if (MUTATORS.has(method)) wrote(callee.expression, false, true);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    if (found.length) out[file] = found;
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('module-level state', () => {
  it('the scan finds each kind of module state, and not a local of the same name', () => {
    const found = findModuleState({
      'a.ts': `import { hooks } from './b.ts';
        import { z } from 'zod';
        let current = 0;
        const byId = new Map<string, number>();
        const fixed: ReadonlySet<string> = new Set(['x']);
        const list: string[] = [];
        const settings = { url: '' };
        export function configure(url: string) { settings.url = url; list.push(url); }
        Object.assign(hooks, { onCancel: () => {} });
        export function local() { const list: string[] = []; list.push('ok'); return z.set(z.string()); }`,
    });
    expect(found['a.ts']!.map((f) => `${f.kind} ${f.name}`)).toEqual([
      'let current',
      'collection byId',
      'written settings',
      'written list',
      'import-written hooks',
    ]);
  });

  it('api/src has none outside the allow-list, and every allow-list entry is still needed', () => {
    const root = join(import.meta.dirname);
    const files = Object.fromEntries(sourceFiles(root).map((f) => [f, readFileSync(f, 'utf8')]));
    const found = Object.entries(findModuleState(files)).flatMap(([file, fs]) =>
      fs.map((f) => ({
        key: `${relative(root, file)}:${f.name}`,
        at: `${relative(root, file)}:${f.line} (${f.kind})`,
      })),
    );
    expect(found.filter((f) => !(f.key in ALLOWED)).map((f) => f.at)).toEqual([]);
    const stale = Object.keys(ALLOWED).filter((k) => !found.some((f) => f.key === k));
    expect(stale).toEqual([]);
  });
});
