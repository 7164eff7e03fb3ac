// Accessibility checked, not hoped for: axe-core runs inside the page under test and a serious or
// critical violation fails the test with a list a person can act on (rule, element, what to fix).
// The page's CSP forbids injected <script> tags (addScriptTag), so axe's source goes in through
// page.evaluate, which the DevTools protocol runs outside the page's script-src.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** Impacts that fail a check; minor and moderate findings are reported by axe but do not block. */
export const BLOCKING = ['serious', 'critical'] as const;
type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  rule: string;
  impact: Impact | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

/** axe's bundled source (half a megabyte; the OS caches the file between pages). */
const source = () => readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations on the page as it is now (axe's WCAG 2.x A/AA and best-practice rules). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(source());
  const found = await page.evaluate(async () => {
    type AxeRun = (
      ctx: Document,
      opts: object,
    ) => Promise<{
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    }>;
    const axe = (window as unknown as { axe: { run: AxeRun } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }));
  });
  return (found as Violation[]).filter((v) => (BLOCKING as readonly string[]).includes(v.impact ?? ''));
}

/** One line per element: `[serious] color-contrast: Elements must meet ... — .btn.ghost (Fix ...)`. */
export function describeViolations(where: string, violations: Violation[]): string {
  const lines = violations.flatMap((v) =>
    v.nodes.map(
      (n) => `  [${v.impact}] ${v.rule}: ${v.help} — ${n.target}${n.summary ? ` (${n.summary})` : ''}`,
    ),
  );
  return `${where}: ${violations.length} serious/critical axe violation(s)\n${lines.join('\n')}`;
}

/**
 * Fails when the page has a serious or critical violation. `where` names the step in the message
 * (the URL is added). Wait for what the step shows before calling it: axe checks what is rendered.
 */
export async function checkA11y(page: Page, where = ''): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length) {
    const label = `${where ? `${where} ` : ''}${new URL(page.url()).pathname}${new URL(page.url()).search}`;
    throw new Error(describeViolations(label, violations));
  }
}
