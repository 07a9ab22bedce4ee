/**
 * The privacy console in Chromium, against the demo with its seeded month of traffic: sign in with
 * the demo key typed into the password field, charts whose numbers equal a count over the stored
 * receipts, a subject opened, verified, exported and erased after typing its id, the audit entry;
 * a viewer's erase refused by the API; no endpoint without a session; CSRF; the cookie's flags;
 * axe-core clean, keyboard usable, 360 px wide, in English and French, under the strict CSP.
 */
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method, SubjectExport } from '../../packages/sdk/src/schema/index.js';
import { newAccessKey } from '../../packages/server-sync/src/console/access-keys.js';
import { startDemoStack, type DemoStack } from '../../examples/demo-stack.mjs';
import { axeViolations } from '../banner-ui/a11y.js';
import { launchChromium } from '../support/chromium.mjs';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

let stack: DemoStack;
let dir: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];
/** What the stored receipts say, counted here as the console should. */
let expected: {
  perDayCsv: string;
  outcomes: { acceptAll: number; rejectAll: number; customised: number; noChoice: number };
  grants: { functional: number; analytics: number; advertising: number };
  us: number;
  gpc: number;
  total: number;
};
let subjectId: string;

const DAY_MS = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const group = (m: Method) => (m === 'accept-all' ? 'acceptAll' : m === 'reject-all' ? 'rejectAll' : m === 'gpc' || m === 'regime-default' ? 'noChoice' : 'customised');

async function api<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${stack.urls.sync}${path}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

/** Counts over every stored receipt of the seeded subjects, read back through the export API. */
async function countStoredReceipts(subjects: string[]): Promise<typeof expected> {
  const now = Date.now();
  const days = Array.from({ length: 30 }, (_, i) => utcDay(now - (29 - i) * DAY_MS));
  const perDay = new Map(days.map((d) => [d, { acceptAll: 0, rejectAll: 0, customised: 0, noChoice: 0, total: 0 }]));
  const outcomes = { acceptAll: 0, rejectAll: 0, customised: 0, noChoice: 0 };
  const grants = { functional: 0, analytics: 0, advertising: 0 };
  let us = 0;
  let gpc = 0;
  let total = 0;
  for (let i = 0; i < subjects.length; i += 25) {
    const exports = await Promise.all(subjects.slice(i, i + 25).map((id) => api<SubjectExport>(`/v1/subjects/${id}`)));
    for (const { body } of exports) {
      for (const sealed of body.receipts) {
        const r = sealed.receipt;
        const day = perDay.get(utcDay(Math.min(Date.parse(r.event.clientTime), Date.parse(sealed.serverTime))));
        if (!day) continue;
        const g = group(r.event.method);
        day[g]++;
        day.total++;
        outcomes[g]++;
        total++;
        for (const c of ['functional', 'analytics', 'advertising'] as const) if (r.purposes[c].granted) grants[c]++;
        if (r.jurisdiction.region?.startsWith('US')) {
          us++;
          if (r.signals.gpc.value) gpc++;
        }
      }
    }
  }
  const rows = days.map((d) => {
    const c = perDay.get(d)!;
    return [d, c.acceptAll, c.rejectAll, c.customised, c.noChoice, c.total].join(',');
  });
  return { perDayCsv: ['Day,Accepted all,Rejected all,Customised,No choice (GPC or regional default),Total', ...rows].join('\r\n') + '\r\n', outcomes, grants, us, gpc, total };
}

async function watch(p: Page): Promise<Page> {
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  return p;
}

async function downloaded(p: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([p.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

async function signIn(p: Page, key: string): Promise<void> {
  await p.goto(stack.urls.console!);
  await p.getByLabel('Access key').fill(key);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('button', { name: 'Sign out' }).waitFor();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assent-console-e2e-'));
  stack = await startDemoStack({
    ports: { site: 0, portal: 0, thirdParty: 0, sync: 0 },
    dbFile: join(dir, 'assent.db'),
    seedTraffic: true,
    serverSync: { log: () => {} },
  });
  if (!stack.urls.console || !stack.seeded || stack.missing.length) throw new Error(`the demo is incomplete: ${stack.missing.join('; ')}`);
  const subjects = [...new Set(stack.seeded.receipts.map((r) => r.subjectId))];
  expected = await countStoredReceipts(subjects);
  // A visitor linked to a Portal account and still linked: links and events to show.
  subjectId = stack.seeded.portal.find((p) => p.withdrawAfterDays === null && stack.seeded!.receipts.find((r) => r.subjectId === p.subjectId)?.purposes.analytics.granted)!.subjectId;
  browser = await launchChromium({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await watch(browser.context.pages()[0] ?? (await browser.context.newPage()));
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('privacy console', () => {
  it('answers nothing without a session, and signs in with the demo key typed into the password field, by keyboard', async () => {
    for (const path of ['session', 'insights', 'audit', `subjects/${subjectId}`, `subjects/${subjectId}/export`, `subjects/${subjectId}/verify`, 'accounts/x/links']) {
      expect([path, (await fetch(`${stack.urls.sync}/console/api/${path}`)).status]).toEqual([path, 401]);
    }
    expect((await fetch(`${stack.urls.sync}/console/api/subjects/${subjectId}`, { method: 'DELETE', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await fetch(`${stack.urls.sync}/console/api/logout`, { method: 'POST' })).status).toBe(401);

    await page.goto(stack.urls.console!);
    const password = page.getByLabel('Access key');
    expect(await password.getAttribute('type')).toBe('password');
    expect(await axeViolations(page)).toEqual([]);
    // The heading has the focus; the key field is the next stop.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('access-key');
    await page.keyboard.type('demo-admin-key');
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as admin (privacy officer)').waitFor();

    const cookie = (await browser.context.cookies(stack.urls.console!)).find((c) => c.name === 'assent_console');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/console' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('assent_console');
  });

  it('charts the seeded month: the tables and CSV downloads equal a count over the stored receipts', async () => {
    await page.getByRole('heading', { name: 'Consent insights' }).waitFor();
    await page.locator('table[data-table="per-day"] tbody tr').first().waitFor();
    const perDay = await downloaded(page, () => page.getByRole('button', { name: 'Download CSV: Decisions per day' }).click());
    expect(perDay.text).toBe(expected.perDayCsv);
    expect(perDay.name).toMatch(/^decisions-per-day_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(expected.total).toBe(stack.seeded!.accepted);
    // The seeded month makes every chart non-empty.
    expect(Object.values(expected.outcomes).every((v) => v > 0)).toBe(true);
    expect(expected.gpc).toBeGreaterThan(0);

    const cell = async (table: string, row: string, column: number) =>
      (await page.locator(`table[data-table="${table}"] tbody tr`).filter({ has: page.getByRole('rowheader', { name: row, exact: true }) }).locator('td').nth(column).textContent())?.trim();
    const n = (v: number) => v.toLocaleString('en-US');
    const pct = (part: number, whole: number) => (part / whole).toLocaleString('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const outcomeRows = [
      ['Accepted all', expected.outcomes.acceptAll],
      ['Rejected all', expected.outcomes.rejectAll],
      ['Customised', expected.outcomes.customised],
      ['No choice (GPC or regional default)', expected.outcomes.noChoice],
    ] as const;
    for (const [label, count] of outcomeRows) {
      expect([label, await cell('outcomes', label, 0), await cell('outcomes', label, 1)]).toEqual([label, n(count), pct(count, expected.total)]);
    }
    for (const [label, count] of [['Functional', expected.grants.functional], ['Analytics', expected.grants.analytics], ['Advertising', expected.grants.advertising]] as const) {
      // Granted, among how many decisions, and the rate.
      expect([label, await cell('grants', label, 0), await cell('grants', label, 1), await cell('grants', label, 2)])
        .toEqual([label, n(count), n(expected.total), pct(count, expected.total)]);
    }
    expect(await cell('gpc', 'Total', 0)).toBe(n(expected.us));
    expect(await cell('gpc', 'Total', 1)).toBe(n(expected.gpc));
    expect(await cell('gpc', 'Total', 2)).toBe(pct(expected.gpc, expected.us));
    // Receipts record when a visitor decided, not when the notice appeared: the console says so instead of a median.
    expect(await page.getByRole('region', { name: 'Time to decide' }).textContent()).toContain('Not available: receipts record when a visitor decided, not when the notice appeared.');
    const links = await downloaded(page, () => page.getByRole('button', { name: 'Download CSV: Website↔Portal links per day' }).click());
    const sums = links.text.trim().split('\r\n').slice(1).map((l) => l.split(',').slice(1).map(Number)).reduce((a, b) => a.map((v, i) => v + (b[i] ?? 0)));
    // Linked, then revoked (withdrawn, expired, policy, erased), then refused (4 reasons).
    expect(sums[0]).toBe(stack.seeded!.links);
    expect(sums[1]).toBe(stack.seeded!.portal.filter((p) => p.withdrawAfterDays !== null).length);
    expect(sums.slice(5).reduce((a, b) => a + b, 0)).toBe(stack.seeded!.refused);
    // Every chart is an image with a summary for screen readers.
    const labels = await page.locator('canvas[role="img"]').evaluateAll((cs) => cs.map((c) => c.getAttribute('aria-label') ?? ''));
    expect(labels).toHaveLength(5);
    expect(labels[0]).toContain(`${n(expected.total)} in 30 days`);

    // One region: the marketing team's Quebec question.
    await page.getByLabel('Region', { exact: true }).selectOption('CA-QC');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('canvas[role="img"]')?.getAttribute('aria-label')?.includes('Decisions per day') && !document.querySelector('[aria-busy="true"]'));
    const quebec = stack.seeded!.receipts.filter((r) => r.jurisdiction.region === 'CA-QC').length;
    await page.waitForFunction((q) => document.querySelector('table[data-table="outcomes"] tbody tr:last-child td')?.textContent === q, quebec.toLocaleString('en-US'));
    expect(await axeViolations(page)).toEqual([]);
  });

  it('opens a subject (timeline, notice, chain, links), verifies and exports it in the existing format', async () => {
    await page.getByRole('link', { name: 'Rights requests' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Rights requests', level: 1 }).waitFor();
    await page.getByLabel('Subject id').fill(subjectId);
    await page.getByLabel('Subject id').press('Enter');
    await page.getByRole('heading', { name: `Subject ${subjectId}` }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('subject-title');
    expect(await page.locator('[data-chain]').getAttribute('data-chain')).toBe('valid');
    await page.getByText(/^Verified: 1 receipts/).waitFor();
    await page.getByText('Notice shown (', { exact: false }).first().click();
    await page.getByText(/We use cookies|Nous utilisons des cookies/).first().waitFor();
    expect(await page.getByRole('region', { name: 'Links' }).getByRole('row').count()).toBe(2);

    await page.getByRole('button', { name: 'Verify again' }).click();
    await page.getByText(/^Checked at /).waitFor();
    const file = await downloaded(page, () => page.getByRole('button', { name: 'Export as JSON' }).click());
    expect(file.name).toBe(`subject-${subjectId}.json`);
    const exported = JSON.parse(file.text) as SubjectExport;
    const v1 = (await api<SubjectExport>(`/v1/subjects/${subjectId}`)).body;
    expect({ ...exported, exportedAt: '' }).toEqual({ ...v1, exportedAt: '' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('erases the subject only once its id is typed, and the audit log shows the erasure without the id', async () => {
    await page.getByRole('button', { name: 'Erase this subject…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase subject' });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // Escape closes it and nothing happens.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await api(`/v1/subjects/${subjectId}`)).status).toBe(200);

    await page.getByRole('button', { name: 'Erase this subject…' }).click();
    const erase = dialog.getByRole('button', { name: 'Erase', exact: true });
    await dialog.getByLabel('Type the subject id to confirm').fill(subjectId.slice(0, 20));
    expect(await erase.isDisabled()).toBe(true);
    await dialog.getByLabel('Type the subject id to confirm').fill(subjectId);
    await erase.click();
    const done = await page.getByText(/^Erased: 1 receipts and 1 links deleted\. Tombstone /).textContent();
    const tombstone = /Tombstone ([0-9a-f-]{36})/.exec(done ?? '')?.[1];
    expect(tombstone).toBeTruthy();
    expect((await api(`/v1/subjects/${subjectId}`)).status).toBe(404);

    await page.getByRole('link', { name: 'Audit log' }).click();
    const row = page.locator('tr[data-action="erase"]').first();
    await row.waitFor();
    expect(await row.textContent()).toContain(tombstone);
    expect(await row.textContent()).toContain('admin');
    expect(await page.locator('table.audit').textContent()).not.toContain(subjectId);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses a state change without the CSRF token, and a viewer\'s erase with 403 from the API', async () => {
    const victim = stack.seeded!.receipts.find((r) => r.subjectId !== subjectId && r.jurisdiction.region === 'FR')!.subjectId;
    const withoutToken = await page.evaluate(async (id) => {
      const res = await fetch(`console/api/subjects/${id}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ confirm: id }) });
      return res.status;
    }, victim);
    expect(withoutToken).toBe(403);
    expect((await api(`/v1/subjects/${victim}`)).status).toBe(200);

    const key = await newAccessKey();
    await stack.serverSync!.service.storage.addConsoleUser({ user_id: key.userId, name: 'Vic Viewer', role: 'viewer', key_hash: key.hash, created_ms: Date.now() });
    const viewer = await launchChromium({ viewport: { width: 1280, height: 900 } });
    try {
      const vp = await watch(viewer.context.pages()[0] ?? (await viewer.context.newPage()));
      await signIn(vp, key.key);
      await vp.getByText('Signed in as Vic Viewer (viewer)').waitFor();
      expect(await vp.getByRole('link', { name: 'Rights requests' }).count()).toBe(0);
      await vp.goto(`${stack.urls.console}#/rights/${victim}`);
      await vp.getByText('This needs the privacy-officer role.').waitFor();
      // Not only a hidden button: the API refuses the viewer's erase, with a valid session and CSRF token.
      const status = await vp.evaluate(async (id) => {
        const session = await (await fetch('console/api/session')).json();
        const res = await fetch(`console/api/subjects/${id}`, {
          method: 'DELETE', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify({ confirm: id }),
        });
        return res.status;
      }, victim);
      expect(status).toBe(403);
      expect((await api(`/v1/subjects/${victim}`)).status).toBe(200);
    } finally {
      await viewer.close();
    }
    await page.reload();
    await page.locator('tr[data-action="erase"][data-outcome="denied"]').first().waitFor();
  });

  it('works at 360 px wide and in French, axe-clean, under the CSP', async () => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${stack.urls.console}#/insights`);
    await page.locator('table[data-table="per-day"] tbody tr').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Language', { exact: true }).selectOption('fr');
    await page.getByRole('heading', { name: 'Statistiques de consentement' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByRole('button', { name: 'Télécharger en CSV : Décisions par jour' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Langue', { exact: true }).selectOption('en');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(problems).toEqual([]);
  });
});
