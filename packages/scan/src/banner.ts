/**
 * The banner, handled as a visitor would: buttons found by their accessible names (Assent's in
 * every shipped language, plus the site's overrides), "Customize" or the "Cookie settings" widget
 * opened when "Reject all" / "Accept all" is not on the first layer (the US opt-out banner).
 */
import type { Locator, Page } from 'playwright-core';
import { namesFor } from './labels.js';

export interface BannerNames {
  acceptAll: RegExp;
  rejectAll: RegExp;
  customize: RegExp;
  cookieSettings: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (names: string[]) => new RegExp(`^\\s*(?:${names.map(escape).join('|')})\\s*$`);

export function bannerNames(texts: Record<string, Record<string, string>>): BannerNames {
  return {
    acceptAll: exactly(namesFor('acceptAll', texts)),
    rejectAll: exactly(namesFor('rejectAll', texts)),
    customize: exactly(namesFor('customize', texts)),
    cookieSettings: exactly(namesFor('cookieSettings', texts)),
  };
}

const button = (page: Page, name: RegExp): Locator => page.getByRole('button', { name }).filter({ visible: true }).first();

async function visible(l: Locator): Promise<boolean> {
  return (await l.count().catch(() => 0)) > 0;
}

/** Whether the banner's first layer (accept, reject or customize) shows within `timeout`. */
export async function waitForBanner(page: Page, names: BannerNames, timeout: number): Promise<boolean> {
  const any = new RegExp(`${names.acceptAll.source}|${names.rejectAll.source}|${names.customize.source}`);
  try {
    await button(page, any).waitFor({ state: 'visible', timeout });
    return true;
  } catch {
    return false;
  }
}

/**
 * Clicks "Accept all" or "Reject all", opening "Customize" (or, failing that, the "Cookie settings"
 * widget) first when the choice is not on screen. Returns the accessible names clicked, in order;
 * `null` when the choice never became reachable within `timeout`.
 */
export async function decide(page: Page, choice: 'acceptAll' | 'rejectAll', names: BannerNames, timeout: number): Promise<string[] | null> {
  const target = button(page, names[choice]);
  const openers = [button(page, names.customize), button(page, names.cookieSettings)];
  const clicked: string[] = [];
  const start = Date.now();
  let opener = 0;
  while (Date.now() - start < timeout) {
    if (await visible(target)) {
      const name = (await target.textContent().catch(() => null))?.trim() || choice;
      await target.click({ timeout: 5_000 });
      clicked.push(name);
      // The banner or preferences close once the decision is recorded.
      await target.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
      return clicked;
    }
    // "Customize" at once; the widget only once the first layer has had half the time to show.
    const next = openers[opener];
    if (next && (opener === 0 || Date.now() - start > timeout / 2) && (await visible(next))) {
      const name = (await next.getAttribute('aria-label').catch(() => null)) ?? (await next.textContent().catch(() => null))?.trim() ?? '';
      await next.click({ timeout: 5_000 }).catch(() => {});
      clicked.push(name);
      opener = openers.length; // one opener is enough: after it, only the target is looked for
      continue;
    }
    if (opener === 0 && Date.now() - start > timeout / 2) opener = 1;
    await page.waitForTimeout(100);
  }
  return null;
}
