/**
 * Opt-in regions (FR, CA-QC, BR, unknown): nothing but necessary runs before a choice; each
 * first-layer button does what it says, observed at the fake vendors, in the cookie jar and in
 * server-sync.
 */
import { describe, expect, it } from 'vitest';
import type { SubjectExport } from '../../packages/sdk/src/schema/index.js';
import {
  BLOG_POST, VENDOR, VENDOR_COOKIES, consentRecord, eventually, hostsSince, newVisitor, settle, siteCookies, visit, waitForHost, type Visitor, useTestDemo,
} from './harness.js';

const env = useTestDemo();

/** Receipts server-sync holds for a subject (waits for the browser's outbox to deliver). */
async function receipts(subjectId: string, count: number) {
  return eventually(async () => {
    const { status, body } = await env.demo.api<SubjectExport>(`/v1/subjects/${subjectId}`);
    return status === 200 && body.receipts.length >= count ? body.receipts.map((r) => r.receipt) : null;
  }, `${count} receipt(s) for ${subjectId} in server-sync`);
}

async function expectNothingLoaded(v: Visitor, since: number) {
  await settle(v.page);
  expect([...hostsSince(env.demo, since)]).toEqual([]);
  const cookies = await siteCookies(v, env.demo);
  for (const name of VENDOR_COOKIES) expect(cookies.has(name), `cookie ${name}`).toBe(false);
}

const LABELS = {
  fr: { accept: 'Tout accepter', reject: 'Tout refuser', customize: 'Personnaliser', save: 'Enregistrer mes choix' },
  en: { accept: 'Accept all', reject: 'Reject all', customize: 'Customize', save: 'Save choices' },
  'pt-BR': { accept: 'Aceitar todos', reject: 'Rejeitar todos', customize: 'Personalizar', save: 'Salvar escolhas' },
} as const;

describe('France (opt-in, French)', () => {
  it('shows the banner and loads nothing until the visitor accepts; Accept all then loads every vendor', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, BLOG_POST, 'FR');
    await page.getByRole('button', { name: LABELS.fr.accept, exact: true }).waitFor();
    await expect(page.getByRole('button', { name: LABELS.fr.reject, exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: LABELS.fr.customize, exact: true }).isVisible()).resolves.toBe(true);
    await expectNothingLoaded(env.visitor, t0);
    expect(await consentRecord(env.visitor, env.demo)).toBeNull();
    // The video iframe is a placeholder: no src until functional is granted.
    expect(await page.locator('iframe[data-assent-service="demo-video"][src]').count()).toBe(0);

    const t1 = Date.now();
    await page.getByRole('button', { name: LABELS.fr.accept, exact: true }).click();
    for (const host of [VENDOR.analytics, VENDOR.ads, VENDOR.chat, VENDOR.video]) await waitForHost(env.demo, host, t1);
    await page.getByRole('button', { name: LABELS.fr.accept, exact: true }).waitFor({ state: 'hidden' });
    await eventually(async () => {
      const c = await siteCookies(env.visitor!, env.demo);
      return VENDOR_COOKIES.every((n) => c.has(n));
    }, 'the three vendor cookies');

    const record = await consentRecord(env.visitor, env.demo);
    expect(record?.categories).toEqual({
      functional: { granted: true, basis: 'consent' },
      analytics: { granted: true, basis: 'consent' },
      advertising: { granted: true, basis: 'consent' },
    });
    const [receipt] = await receipts(record!.subjectId, 1);
    expect(receipt?.event.type).toBe('given');
    expect(receipt?.jurisdiction).toMatchObject({ region: 'FR', model: 'opt-in', source: 'attribute' });
    expect(receipt?.purposes.analytics).toEqual({ granted: true, basis: 'consent' });
    expect(env.visitor.problems).toEqual([]);
  });

  it('Reject all keeps every vendor out, on this page and the next, and stores a refusal receipt', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    await visit(page, env.demo, '/', 'FR');
    const t1 = Date.now();
    await page.getByRole('button', { name: LABELS.fr.reject, exact: true }).click();
    await page.getByRole('button', { name: LABELS.fr.reject, exact: true }).waitFor({ state: 'hidden' });
    await expectNothingLoaded(env.visitor, t1);

    const t2 = Date.now();
    await visit(page, env.demo, BLOG_POST);
    await settle(page);
    expect(await page.getByRole('button', { name: LABELS.fr.accept, exact: true }).count()).toBe(0);
    await expectNothingLoaded(env.visitor, t2);

    const record = await consentRecord(env.visitor, env.demo);
    expect(record?.categories.analytics).toEqual({ granted: false, basis: 'consent' });
    const [receipt] = await receipts(record!.subjectId, 1);
    expect(receipt?.event.type).toBe('refused');
    expect(receipt?.purposes.advertising.granted).toBe(false);
  });
});

describe('Québec (opt-in, French, nothing pre-ticked)', () => {
  it('offers unticked categories and loads only what the visitor ticks', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, BLOG_POST, 'CA-QC');
    await page.getByRole('button', { name: LABELS.fr.customize, exact: true }).click();
    const switches = page.getByRole('switch');
    await switches.first().waitFor();
    // Every optional category and service starts off; only disabled (necessary) switches are on.
    const states = await switches.evaluateAll((els) =>
      els.map((e) => ({ on: e.getAttribute('aria-checked') === 'true', disabled: (e as HTMLButtonElement).disabled })),
    );
    expect(states.filter((x) => x.on && !x.disabled)).toEqual([]);
    expect(states.filter((x) => !x.disabled).length).toBeGreaterThanOrEqual(3);
    await expectNothingLoaded(env.visitor, t0);

    const t1 = Date.now();
    const functional = page.getByRole('switch', { name: 'Fonctionnels', exact: true });
    await functional.click();
    expect(await functional.getAttribute('aria-checked')).toBe('true');
    await page.getByRole('button', { name: LABELS.fr.save, exact: true }).click();
    await waitForHost(env.demo, VENDOR.chat, t1);
    await waitForHost(env.demo, VENDOR.video, t1);
    await settle(page);
    const hosts = hostsSince(env.demo, t1);
    expect(hosts.has(VENDOR.analytics)).toBe(false);
    expect(hosts.has(VENDOR.ads)).toBe(false);
    const cookies = await siteCookies(env.visitor, env.demo);
    expect(cookies.has('demo_chat_lang')).toBe(true);
    expect(cookies.has('demo_analytics_id')).toBe(false);

    const record = await consentRecord(env.visitor, env.demo);
    expect(record?.region).toBe('CA-QC');
    expect(record?.categories.functional).toEqual({ granted: true, basis: 'consent' });
    expect(record?.categories.analytics.granted).toBe(false);
    const [receipt] = await receipts(record!.subjectId, 1);
    expect(receipt?.event.method).toBe('custom');
    expect(receipt?.notice.language).toBe('fr-CA');
  });
});

describe('Brazil (opt-in, Portuguese, refusal consequence stated)', () => {
  it('tells the visitor they may refuse and what it means; Rejeitar todos loads nothing', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, '/', 'BR');
    await page.getByRole('button', { name: LABELS['pt-BR'].reject, exact: true }).waitFor();
    await expect(page.getByText(/recusar/i).first().isVisible()).resolves.toBe(true);
    await expectNothingLoaded(env.visitor, t0);
    await page.getByRole('button', { name: LABELS['pt-BR'].reject, exact: true }).click();
    await expectNothingLoaded(env.visitor, t0);
    const record = await consentRecord(env.visitor, env.demo);
    expect(record?.region).toBe('BR');
    expect(record?.categories.functional.granted).toBe(false);
  });
});

describe('Unknown region (strictest regime)', () => {
  it('asks server-sync, falls back to opt-in in English, and loads nothing before Accept all', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, '/', 'unknown');
    expect(await page.locator('script[data-assent-region]').count()).toBe(0);
    await page.getByRole('button', { name: LABELS.en.accept, exact: true }).waitFor();
    await expectNothingLoaded(env.visitor, t0);
    const regime = await page.evaluate(() => (window as unknown as { Assent: { regime: { key: string; model: string } } }).Assent.regime);
    expect(regime).toMatchObject({ key: '*', model: 'opt-in' });

    const t1 = Date.now();
    await page.getByRole('button', { name: LABELS.en.accept, exact: true }).click();
    await waitForHost(env.demo, VENDOR.analytics, t1);
    await waitForHost(env.demo, VENDOR.ads, t1);
    await waitForHost(env.demo, VENDOR.chat, t1);
  });
});

describe('Vietnam (opt-in, partial consent per service)', () => {
  it('lets the visitor grant one functional service and not the other', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, BLOG_POST, 'VN');
    await page.getByRole('button', { name: 'Tùy chỉnh', exact: true }).click();
    await expectNothingLoaded(env.visitor, t0);
    // The functional category: the demo's chat and video, and YouTube (the tag-manager page's).
    await page.locator('li').filter({ hasText: 'Chatterbox live chat' }).getByText('Dịch vụ (3)', { exact: true }).click();
    const chat = page.getByRole('switch', { name: 'Chatterbox live chat', exact: true });
    await chat.click();
    expect(await chat.getAttribute('aria-checked')).toBe('true');
    expect(await page.getByRole('switch', { name: 'Streamly video player', exact: true }).getAttribute('aria-checked')).toBe('false');

    const t1 = Date.now();
    await page.getByRole('button', { name: 'Lưu lựa chọn', exact: true }).click();
    await waitForHost(env.demo, VENDOR.chat, t1);
    await settle(page);
    const hosts = hostsSince(env.demo, t1);
    for (const host of [VENDOR.video, VENDOR.analytics, VENDOR.ads]) expect(hosts.has(host), host).toBe(false);
    expect(await page.locator('iframe[data-assent-service="demo-video"][src]').count()).toBe(0);

    const record = await consentRecord(env.visitor, env.demo);
    expect(record?.services['demo-chat']).toEqual({ granted: true, basis: 'consent' });
    expect(record?.services['demo-video']?.granted).toBe(false);
    const [receipt] = await receipts(record!.subjectId, 1);
    expect(receipt?.services['demo-chat']?.granted).toBe(true);
    expect(receipt?.services['demo-video']?.granted).toBe(false);
  });
});
