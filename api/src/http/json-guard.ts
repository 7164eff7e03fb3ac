import type { FieldProblem } from './errors.ts';

const MAX_REPORTED = 20;

/**
 * Where a parsed JSON value holds a NUL character, in a string or an object key, as field paths
 * (`body.items.0.name`). PostgreSQL text cannot store NUL, so without this check such a request fails
 * deep in a query as a 500; refused here, it is a 400 that names the field. Pure, so it is tested
 * without a server.
 */
export function findNulPaths(value: unknown, root: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const walk = (v: unknown, path: string) => {
    if (problems.length >= MAX_REPORTED) return;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) problems.push({ path, message: 'must not contain NUL characters' });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${path}.${i}`));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes('\u0000'))
          problems.push({
            path: `${path}.${k.replaceAll('\u0000', '\\u0000')}`,
            message: 'must not contain NUL characters',
          });
        else walk(item, `${path}.${k}`);
      }
    }
  };
  walk(value, root);
  return problems;
}
