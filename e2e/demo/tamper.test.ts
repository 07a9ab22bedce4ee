/** A consent cookie edited by hand reads as "no decision": the banner returns and nothing runs. */
import { describe, expect, it } from 'vitest';
import { VENDOR, consentRecord, eventually, hostsSince, newVisitor, settle, visit, waitForHost, useTestDemo } from './harness.js';

const env = useTestDemo();

/** Rewrites the JSON inside the cookie (refusals become grants) but keeps the old checksum. */
function forge(value: string): string {
  const [v, body, sum] = value.split('.');
  const json = Buffer.from(body!, 'base64url').toString('utf8').replace(/"c":"[^"]*"/, '"c":"1c1c1c"');
  return `${v}.${Buffer.from(json, 'utf8').toString('base64url')}.${sum}`;
}

describe('tampered consent cookie', () => {
  for (const [label, edit] of [
    ['forged grants with a stale checksum', forge],
    ['truncated value', (v: string) => v.slice(0, Math.floor(v.length / 2))],
  ] as const) {
    it(`${label}: the banner shows again and no vendor is contacted`, async () => {
      env.visitor = await newVisitor();
      const { page, context } = env.visitor;
      await visit(page, env.demo, '/', 'FR');
      await page.getByRole('button', { name: 'Tout refuser', exact: true }).click();
      // Recorded once the engine, fetched as the pointer reached the banner, has arrived.
      await eventually(() => consentRecord(env.visitor!, env.demo), 'the consent cookie');

      const [cookie] = (await context.cookies(env.demo.urls.site)).filter((c) => c.name === 'assent');
      await context.addCookies([{ ...cookie!, value: edit(cookie!.value) }]);
      expect(await consentRecord(env.visitor, env.demo)).toBeNull();

      const t1 = Date.now();
      await visit(page, env.demo, '/blog/support-at-the-speed-of-video');
      await page.getByRole('button', { name: 'Tout accepter', exact: true }).waitFor();
      await settle(page);
      expect([...hostsSince(env.demo, t1)]).toEqual([]);
      const decisions = await page.evaluate(() => (window as unknown as { Assent: { get(): Record<string, boolean> } }).Assent.get());
      expect(decisions).toEqual({ necessary: true, functional: false, analytics: false, advertising: false });

      // A fresh choice still works afterwards.
      const t2 = Date.now();
      await page.getByRole('button', { name: 'Tout accepter', exact: true }).click();
      await waitForHost(env.demo, VENDOR.analytics, t2);
    });
  }
});
