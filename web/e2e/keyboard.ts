// Driving a page with the keyboard alone, as a person who cannot use a mouse does: Tab until the
// control wanted has focus, then Enter, Space or the arrow keys. What has focus is read from the
// page (its accessible name, roughly as a screen reader would say it) and must show a focus ring.
import type { Page } from 'playwright-core';

export interface Focused {
  tag: string;
  name: string;
  type: string | null;
  /** The focused element (or its ::before/::after, or the label around a hidden input) draws an outline or shadow. */
  ring: boolean;
}

/** What has focus now. */
export function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const text = (n: Element | null | undefined) =>
      (n as HTMLElement | null)?.innerText?.replace(/\s+/g, ' ').trim() ?? '';
    const byIds = (ids: string | null) =>
      (ids ?? '')
        .split(/\s+/)
        .map((id) => text(document.getElementById(id)))
        .join(' ')
        .trim();
    const labels = (el as HTMLInputElement).labels;
    const name =
      el.getAttribute('aria-label') ||
      byIds(el.getAttribute('aria-labelledby')) ||
      (labels && labels.length ? text(labels[0]) : '') ||
      text(el) ||
      (el as HTMLInputElement).value ||
      '';
    // A ring on the element itself, or on a pseudo-element (a card-wide link draws it on ::after).
    const drawn = (n: Element | null) =>
      !!n &&
      ([null, '::before', '::after'] as const).some((pseudo) => {
        const s = getComputedStyle(n, pseudo);
        return (
          (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) ||
          (s.boxShadow !== 'none' && s.boxShadow !== '')
        );
      });
    return {
      tag: el.tagName.toLowerCase(),
      name,
      type: el.getAttribute('type'),
      ring: drawn(el) || drawn(el.closest('label')),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's accessible name matches `name`, at most
 * `max` times; fails with the names it passed, which is what a keyboard user would have heard.
 */
export async function tabTo(
  page: Page,
  name: RegExp,
  opts: { back?: boolean; max?: number; tag?: string } = {},
): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < (opts.max ?? 80); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f && name.test(f.name) && (!opts.tag || f.tag === opts.tag)) return f;
    seen.push(f ? `${f.tag}${f.type ? `[${f.type}]` : ''} "${f.name.slice(0, 60)}"` : '(body)');
  }
  throw new Error(`Tab never reached ${name} on ${page.url()}; focus went through:\n  ${seen.join('\n  ')}`);
}
