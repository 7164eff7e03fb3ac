import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMAIL_CATALOG, emailLinks, LINKLESS_ELSEWHERE, type EmailFixture } from './catalog.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return e === 'node_modules' || e === 'testing' ? [] : sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** Every template name the code can put into the outbox, read from the source itself. */
function templatesInCode() {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const file of [...sources(join(ROOT, 'api/src')), ...sources(join(ROOT, 'signaling/src'))]) {
    if (file.endsWith('email/catalog.ts')) continue;
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/template:\s*'([a-z0-9_.]+)'/g)) names.add(m[1]!);
    for (const m of src.matchAll(/template:\s*`([a-z0-9_]+)\$\{/g)) prefixes.add(m[1]!);
    // booking/emails.ts names its templates as the first argument of its `mail(...)` helper.
    for (const m of src.matchAll(/\bmail\(\s*'([a-z0-9_.]+)'/g)) names.add(m[1]!);
    for (const m of src.matchAll(/\bmail\(\s*`([a-z0-9_]+)\$\{/g)) prefixes.add(m[1]!);
    // Rows written into the outbox by hand (the socket tier has no enqueueEmail).
    for (const m of src.matchAll(
      /outbox_emails \(to_address, template[^)]*\)\s*(?:VALUES \(\$1, |SELECT \w+, )'([^']+)'/g,
    ))
      names.add(m[1]!);
  }
  const templates = readFileSync(join(ROOT, 'api/src/email/templates.ts'), 'utf8');
  // A member of the EmailMessage union, its doc comment (if any) before `kind`.
  for (const m of templates.matchAll(/\|\s*\{\s*(?:\/\*\*[\s\S]*?\*\/\s*)?kind: '([a-z_]+)'/g))
    names.add(m[1]!);
  return { names, prefixes };
}

const fixture: EmailFixture = {
  publicUrl: 'https://th.example',
  appointmentId: '11111111-1111-4111-8111-111111111111',
  doctorId: '22222222-2222-4222-8222-222222222222',
  paymentId: '33333333-3333-4333-8333-333333333333',
};

describe('the e-mail catalog', () => {
  it('has every template the code sends, and nothing else', () => {
    const { names, prefixes } = templatesInCode();
    const catalogued = new Set(EMAIL_CATALOG.map((e) => e.template));
    const known = new Set<string>([...catalogued, ...LINKLESS_ELSEWHERE]);
    expect([...names].filter((n) => !known.has(n))).toEqual([]);
    for (const p of prefixes) expect([...catalogued].some((c) => c.startsWith(p))).toBe(true);
    const stale = [...known].filter((c) => !names.has(c) && ![...prefixes].some((p) => c.startsWith(p)));
    expect(stale).toEqual([]);
    // The scan itself found what it must (a broken regex would make the first check vacuous).
    expect(names.size).toBeGreaterThanOrEqual(15);
    expect(names).toContain('queue.called');
  });

  it('every link is absolute, on the app’s origin, and never the JSON API', () => {
    for (const e of EMAIL_CATALOG) {
      const links = emailLinks(e.render(fixture));
      if (!['registration_otp', 'password_changed'].includes(e.template))
        expect(links.length, `${e.template} has a link`).toBeGreaterThan(0);
      for (const l of links) {
        expect(l.startsWith(`${fixture.publicUrl}/`), `${e.template}: ${l}`).toBe(true);
        expect(l, e.template).not.toContain('/api/');
      }
    }
  });

  it('the e-mails rendered elsewhere carry no link to check', () => {
    const handler = readFileSync(join(ROOT, 'signaling/src/queue/handlers.ts'), 'utf8');
    const fn = handler.slice(
      handler.indexOf('async function outboxQueueCalledEmail'),
      handler.indexOf('export function registerQueueHandlers'),
    );
    expect(fn).toContain("'queue.called'");
    expect(fn).not.toMatch(/https?:|href=/);
  });
});
