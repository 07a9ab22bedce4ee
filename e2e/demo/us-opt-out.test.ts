/**
 * California (opt-out): the regime's defaults apply at once and are recorded, advertising included;
 * a Global Privacy Control signal is an opt-out of sale/share and targeted advertising from the
 * first request, and the ad vendor never hears from the browser.
 */
import { describe, expect, it } from 'vitest';
import type { SubjectExport } from '../../packages/sdk/src/schema/index.js';
import {
  VENDOR, consentRecord, eventually, hostsSince, newVisitor, settle, siteCookies, visit, waitForHost, useTestDemo,
} from './harness.js';

const env = useTestDemo();

async function latestReceipt(subjectId: string) {
  return eventually(async () => {
    const { status, body } = await env.demo.api<SubjectExport>(`/v1/subjects/${subjectId}`);
    return status === 200 ? body.receipts.at(-1)?.receipt ?? null : null;
  }, `a receipt for ${subjectId}`);
}

describe('US-CA without GPC', () => {
  it('runs every vendor under the regime default and offers "Your Privacy Choices", whose opt-out stops the ad vendor', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, '/', 'US-CA');
    for (const host of [VENDOR.analytics, VENDOR.ads, VENDOR.chat]) await waitForHost(env.demo, host, t0);
    await eventually(async () => (await siteCookies(env.visitor!, env.demo)).has('demo_ads_id'), 'the ad cookie');
    const record = await consentRecord(env.visitor, env.demo);
    expect(record?.categories.advertising).toEqual({ granted: true, basis: 'default' });
    const receipt = await latestReceipt(record!.subjectId);
    expect(receipt.jurisdiction).toMatchObject({ region: 'US-CA', model: 'opt-out' });
    expect(receipt.purposes.advertising).toEqual({ granted: true, basis: 'default' });
    await expect(page.getByRole('link', { name: 'Your Privacy Choices' }).isVisible()).resolves.toBe(true);

    // The notice (first layer) is shown but asks nothing; its "Your Privacy Choices" opens the opt-out.
    const notice = page.getByRole('region', { name: 'Your cookie choices' });
    await notice.getByRole('button', { name: 'Your Privacy Choices' }).click();
    await page.getByRole('switch', { name: /Do not sell or share/ }).click();
    await page.getByRole('button', { name: 'Save choices', exact: true }).click();
    await eventually(async () => !(await siteCookies(env.visitor!, env.demo)).has('demo_ads_id'), 'the ad cookie removed');

    const t1 = Date.now();
    await visit(page, env.demo, '/product');
    await waitForHost(env.demo, VENDOR.analytics, t1);
    await settle(page);
    expect(hostsSince(env.demo, t1).has(VENDOR.ads)).toBe(false);
    expect((await consentRecord(env.visitor, env.demo))?.categories.advertising.granted).toBe(false);
  });
});

describe('US-CA with GPC', () => {
  it('never contacts the ad vendor, runs analytics and chat, and records the honoured signal', async () => {
    env.visitor = await newVisitor({ gpc: true });
    const { page } = env.visitor;
    const t0 = Date.now();
    await visit(page, env.demo, '/', 'US-CA');
    expect(await page.evaluate(() => (window as unknown as { Assent: { gpc: boolean } }).Assent.gpc)).toBe(true);
    await waitForHost(env.demo, VENDOR.analytics, t0);
    await waitForHost(env.demo, VENDOR.chat, t0);
    await settle(page);
    expect(hostsSince(env.demo, t0).has(VENDOR.ads)).toBe(false);
    const cookies = await siteCookies(env.visitor, env.demo);
    expect(cookies.has('demo_ads_id')).toBe(false);
    expect(cookies.has('demo_analytics_id')).toBe(true);

    const record = await consentRecord(env.visitor, env.demo);
    expect(record?.gpc).toBe(true);
    expect(record?.categories.advertising).toEqual({ granted: false, basis: 'signal' });
    const receipt = await latestReceipt(record!.subjectId);
    expect(receipt.signals.gpc).toEqual({ value: true, honoured: true });
    expect(receipt.services['demo-ads']?.granted).toBe(false);

    // And on the next page too: the opt-out persists.
    const t1 = Date.now();
    await visit(page, env.demo, '/pricing');
    await waitForHost(env.demo, VENDOR.analytics, t1);
    await settle(page);
    expect(hostsSince(env.demo, t1).has(VENDOR.ads)).toBe(false);
  });
});
