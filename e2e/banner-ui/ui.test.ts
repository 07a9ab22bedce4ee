/**
 * The built UI in real Chromium, loaded by the real `assent.js` under a strict nonce CSP:
 * axe-core WCAG 2.1 A + AA, keyboard use, switch states in the accessibility tree, lazy loading.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, axSwitches, focused } from './a11y.js';
import { launch, openPage, startSite, type Browser, type Site } from './site.mjs';

let site: Site;
let browser: Browser;
let page: Page | undefined;
let errors: string[] = [];

beforeAll(async () => {
  site = await startSite();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
afterEach(async () => {
  expect(errors, 'console errors (CSP violations among them)').toEqual([]);
  await page?.close();
  page = undefined;
  await browser.context.clearCookies();
});

async function visit(query: string, init?: () => void): Promise<Page> {
  site.hits.length = 0;
  ({ page, errors } = await openPage(browser, `${site.url}/?${query}`, init));
  return page;
}

describe('the UI never writes HTML', () => {
  it("no UI source sets HTML (Preact's dangerouslySetInnerHTML path is unreachable), and the first layer is built from text nodes", () => {
    const sources = readdirSync('packages/banner-ui/src', { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && /\.tsx?$/.test(f.name))
      .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'));
    expect(sources.length).toBeGreaterThan(10);
    for (const src of sources) expect(src).not.toMatch(/innerHTML|insertAdjacentHTML|outerHTML|dangerouslySetInnerHTML/);
  });
});

const gpcOn = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });

describe('first layer', () => {
  it('en: no axe violations; Tab reaches the banner first, then the page', async () => {
    const p = await visit('region=GB');
    const banner = p.getByRole('region', { name: 'Your cookie choices' });
    await banner.waitFor();
    // assent.js draws the first layer itself, in English from its own texts (no language file);
    // the engine waits for the visitor (the UK grants nothing before a decision), the dialogs'
    // bundle for one to open.
    expect(site.hits.filter((h) => h.startsWith('/dist/')).sort()).toEqual(['/dist/assent.js']);
    expect(await axeViolations(p)).toEqual([]);
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await p.keyboard.press('Tab');
      order.push(await focused(p));
    }
    expect(order).toEqual([
      'a "Privacy statement"',
      'button "Accept all"',
      'button "Reject all"',
      'button "Customize"',
      'a "Pricing"',
      'button "Start free trial"',
    ]);
    // Equal prominence, measured: the three buttons render at the same size and colours.
    const looks = await banner.getByRole('button').evaluateAll((bs) =>
      bs.map((b) => {
        const s = getComputedStyle(b);
        const r = b.getBoundingClientRect();
        return `${Math.round(r.width)}x${Math.round(r.height)} ${s.backgroundColor} ${s.color} ${s.fontWeight} ${s.fontSize}`;
      }),
    );
    expect(new Set(looks).size).toBe(1);
    expect(await banner.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  });

  it('is readable within a frame, does not animate, shifts nothing, and is not the page\'s Largest Contentful Paint', async () => {
    const p = await visit('region=GB');
    await p.getByRole('region').waitFor();
    await p.waitForFunction(() => !document.querySelector('.assent-ui .a-enter'));
    expect(await p.evaluate(() => document.getAnimations().length)).toBe(0);
    // This page's own text is far smaller than the banner's paragraph, so only the first-frame
    // rule keeps the banner out of LCP.
    const lcp = await p.evaluate(
      () =>
        new Promise<string>((resolve) =>
          new PerformanceObserver((list) => {
            const last = list.getEntries().at(-1) as PerformanceEntry & { element: Element | null };
            resolve(last.element?.closest('.assent-ui') ? 'banner' : last.element?.tagName ?? 'none');
          }).observe({ type: 'largest-contentful-paint', buffered: true }),
        ),
    );
    expect(lcp).not.toBe('banner');
    const shifts = await p.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let sum = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as Array<PerformanceEntry & { value: number }>) sum += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => resolve(sum), 100);
        }),
    );
    expect(shifts).toBe(0);
  });

  it('ar: no axe violations, right-to-left', async () => {
    const p = await visit('region=SA');
    const banner = p.getByRole('region', { name: 'خياراتك بشأن ملفات تعريف الارتباط' });
    await banner.waitFor();
    expect(await banner.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(site.hits).toContain('/dist/i18n/ar.js');
    expect(await axeViolations(p)).toEqual([]);
  });

  it('loads only the language in use, with the page nonce', async () => {
    const p = await visit('region=FR');
    await p.getByRole('button', { name: 'Tout accepter', exact: true }).waitFor();
    expect(site.hits.filter((h) => h.startsWith('/dist/')).sort()).toEqual(['/dist/assent.js', '/dist/i18n/fr.js']);
    // One fetch of the language file, a script carrying the nonce (the CSP allows nothing else).
    expect(
      await p.evaluate(() =>
        performance.getEntriesByType('resource').filter((e) => e.name.includes('/i18n/')).map((e) => (e as PerformanceResourceTiming).initiatorType),
      ),
    ).toEqual(['script']);
    // Styles came in through a <style> carrying the nonce (the CSP allows nothing else).
    expect(await p.evaluate(() => !!document.querySelector('style#assent-ui-css')?.getAttribute('nonce') || !!document.querySelector<HTMLStyleElement>('style#assent-ui-css')?.nonce)).toBe(true);
  });

  it('a returning visitor downloads assent.js alone', async () => {
    const p = await visit('region=GB');
    await p.getByRole('button', { name: 'Accept all', exact: true }).click();
    await p.getByRole('region').waitFor({ state: 'detached' });
    // The decision fetched the engine, which records it.
    await p.waitForFunction(() => !(window as unknown as { Assent: { needsDecision: boolean } }).Assent.needsDecision);
    site.hits.length = 0;
    await p.reload();
    await p.getByRole('button', { name: 'Cookie settings' }).waitFor();
    await p.waitForTimeout(300);
    expect(site.hits.filter((h) => h.startsWith('/dist/'))).toEqual(['/dist/assent.js']);
  });
});

describe('preferences', () => {
  for (const [lang, query, customize, title] of [
    ['en', 'region=GB', 'Customize', 'Cookie preferences'],
    ['ar', 'region=SA', 'تخصيص', 'تفضيلات ملفات تعريف الارتباط'],
  ] as const) {
    it(`${lang}: no axe violations with services expanded`, async () => {
      const p = await visit(query);
      await p.getByRole('button', { name: customize, exact: true }).click();
      const dialog = p.getByRole('dialog', { name: title });
      await dialog.waitFor();
      for (const summary of await dialog.locator('summary').all()) await summary.click();
      expect(await axeViolations(p)).toEqual([]);
    });
  }

  it('keyboard: focus moves in, Tab stays inside, Escape closes and focus returns to Customize', async () => {
    const p = await visit('region=GB');
    const customize = p.getByRole('button', { name: 'Customize', exact: true });
    await customize.focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog', { name: 'Cookie preferences' });
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d === document.activeElement)).toBe(true);
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      await p.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      seen.add(await focused(p));
    }
    // Every control is reachable: close, the summaries, the switches and the three actions.
    for (const name of ['button "Close"', 'summary "Services (1)"', 'switch ""', 'button "Save choices"', 'button "Accept all"', 'button "Reject all"'])
      expect([...seen]).toContain(name);
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(p)).toBe('button "Customize"');
  });

  it('switches are announced with their state, and Space toggles them', async () => {
    const p = await visit('region=GB');
    await p.getByRole('button', { name: 'Customize', exact: true }).click();
    await p.getByRole('dialog').waitFor();
    expect(await axSwitches(p)).toMatchObject({ Necessary: 'true', Functional: 'false', Analytics: 'false', Advertising: 'false' });
    await p.getByRole('switch', { name: 'Analytics', exact: true }).focus();
    await p.keyboard.press('Space');
    expect(await axSwitches(p)).toMatchObject({ Analytics: 'true' });
    await p.getByRole('button', { name: 'Save choices', exact: true }).click();
    await p.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await p.evaluate(() => (window as unknown as { Assent: { get(): object } }).Assent.get())).toEqual({
      necessary: true, functional: false, analytics: true, advertising: false,
    });
  });

  it('a service switched on in a category that was off is granted alone, with its category', async () => {
    const p = await visit('region=GB');
    await p.getByRole('button', { name: 'Customize', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: 'Cookie preferences' });
    await dialog.waitFor(); // the dialogs' bundle loads on the click
    for (const summary of await dialog.locator('summary').all()) await summary.click();
    await dialog.getByRole('switch', { name: 'Metricly analytics' }).click();
    expect(await axSwitches(p)).toMatchObject({ Analytics: 'true', 'Metricly analytics': 'true', Functional: 'false', 'Chatterbox live chat': 'false' });
    await dialog.getByRole('switch', { name: 'Advertising', exact: true }).click();
    expect(await axSwitches(p)).toMatchObject({ Advertising: 'true', 'AdReach pixel': 'true' });
    await dialog.getByRole('button', { name: 'Save choices', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const services = await p.evaluate(() => (window as unknown as { Assent: { services(): object } }).Assent.services());
    expect(services).toEqual({ chat: false, metricly: true, adreach: true });
  });

  it("a declared minor's advertising is off and cannot be switched on", async () => {
    const p = await visit('region=GB&minor=1');
    await p.getByRole('button', { name: 'Customize', exact: true }).click();
    const dialog = p.getByRole('dialog', { name: 'Cookie preferences' });
    await dialog.getByText('Not offered to minors').waitFor();
    const advertising = dialog.getByRole('switch', { name: 'Advertising', exact: true });
    expect(await advertising.isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Accept all', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await p.evaluate(() => (window as unknown as { Assent: { get(): { advertising: boolean } } }).Assent.get().advertising)).toBe(false);
  });

  it('modal layout: the banner is a dialog that keeps focus; preferences open over it and Escape returns to Customize', async () => {
    const p = await visit('region=GB&layout=modal');
    const banner = p.getByRole('dialog', { name: 'Your cookie choices' });
    await banner.waitFor();
    expect(await banner.evaluate((d) => d === document.activeElement)).toBe(true);
    for (let i = 0; i < 6; i++) {
      await p.keyboard.press('Tab');
      expect(await banner.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    expect(await axeViolations(p)).toEqual([]);
    await banner.getByRole('button', { name: 'Customize', exact: true }).click();
    const prefs = p.getByRole('dialog', { name: 'Cookie preferences' });
    await prefs.waitFor();
    expect(await banner.isHidden()).toBe(true);
    await p.keyboard.press('Escape');
    await prefs.waitFor({ state: 'detached' });
    expect(await focused(p)).toBe('button "Customize"');
    await banner.getByRole('button', { name: 'Reject all', exact: true }).click();
    await banner.waitFor({ state: 'detached' });
    expect(await p.evaluate(() => (window as unknown as { Assent: { record(): { method: string } | null } }).Assent.record()?.method)).toBe('reject-all');
  });

  it('opened from the footer widget, Escape gives focus back to the widget', async () => {
    const p = await visit('region=GB');
    await p.getByRole('button', { name: 'Accept all', exact: true }).click();
    const widget = p.getByRole('button', { name: 'Cookie settings' });
    await widget.focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog', { name: 'Cookie preferences' });
    await dialog.waitFor();
    expect(await axSwitches(p)).toMatchObject({ Functional: 'true', Analytics: 'true', Advertising: 'true' });
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focused(p)).toBe('button "Cookie settings"');
  });
});

describe('privacy choices (US-CA)', () => {
  for (const [lang, query, entry, switchName, status] of [
    ['en', 'region=US-CA', 'Your Privacy Choices', /Do not sell or share/, 'Opt-out request honored'],
    ['ar', 'region=US-CA&language=ar', 'خيارات الخصوصية', /لا تبع بياناتي/, 'تم احترام طلب الرفض'],
  ] as const) {
    it(`${lang}: with GPC, the opt-out shows as honored; no axe violations`, async () => {
      const p = await visit(query, gpcOn);
      const banner = p.getByRole('region');
      await banner.waitFor();
      await banner.getByRole('button', { name: entry }).click();
      const dialog = p.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.getByRole('status').textContent()).toContain(status);
      expect(await dialog.getByRole('switch', { name: switchName }).getAttribute('aria-checked')).toBe('true');
      expect(await axeViolations(p)).toEqual([]);
    });
  }

  it('the opt-out switch records a privacy-choices decision', async () => {
    const p = await visit('region=US-CA');
    await p.getByRole('region').getByRole('button', { name: 'Your Privacy Choices' }).click();
    await p.getByRole('switch', { name: /Do not sell or share/ }).click();
    await p.getByRole('button', { name: 'Save choices', exact: true }).click();
    await p.getByRole('dialog').waitFor({ state: 'detached' });
    const state = await p.evaluate(() => {
      const a = (window as unknown as { Assent: { get(): { advertising: boolean }; record(): { method: string } | null } }).Assent;
      return { advertising: a.get().advertising, method: a.record()?.method };
    });
    expect(state).toEqual({ advertising: false, method: 'privacy-choices' });
  });
});
