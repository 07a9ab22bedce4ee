/** Accessibility probes in real Chromium: axe-core (WCAG 2.1 A + AA) and Chromium's own AX tree. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  help: string;
  nodes: string[];
}

/** Runs axe with the WCAG 2.0/2.1 A and AA rules; returns the violations (rule, help, targets). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** What a screen reader gets for the focused element: role, name, and checked state if any. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'body';
    const role = el.getAttribute('role') ?? el.tagName.toLowerCase();
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
    return `${role} "${name}"`;
  });
}

/** Switches as Chromium's accessibility tree exposes them: name and checked state. */
export async function axSwitches(page: Page): Promise<Record<string, string>> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
    nodes: Array<{ role?: { value: string }; name?: { value: string }; properties?: Array<{ name: string; value: { value: unknown } }>; ignored?: boolean }>;
  };
  await cdp.detach();
  const out: Record<string, string> = {};
  for (const n of nodes) {
    if (n.ignored || n.role?.value !== 'switch') continue;
    const checked = n.properties?.find((p) => p.name === 'checked')?.value.value;
    out[n.name?.value ?? ''] = String(checked);
  }
  return out;
}
