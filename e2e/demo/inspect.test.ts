/** /inspect shows what was stored and sent, from the visitor's own browser, without the API key. */
import { describe, expect, it } from 'vitest';
import { consentRecord, eventually, newVisitor, visit, useTestDemo } from './harness.js';

const env = useTestDemo();

describe('/inspect', () => {
  it('shows the regime and why, the decisions, the receipts server-sync holds and the Consent Mode commands', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    await visit(page, env.demo, '/', 'CA-QC');
    await page.getByRole('button', { name: 'Tout refuser', exact: true }).click();
    const record = await eventually(() => consentRecord(env.visitor!, env.demo), 'the consent cookie');

    const bodies: string[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(env.demo.urls.site)) void r.text().then((t) => bodies.push(t), () => {});
    });
    await visit(page, env.demo, '/inspect');
    await page.getByText(`1 receipt(s) for subject ${record.subjectId}`).waitFor();
    await page.locator('#regime').getByText('CA-QC from attribute; row CA-QC').waitFor();
    await expect(page.locator('#decisions').textContent()).resolves.toMatch(/analyticsrefused/);
    await expect(page.locator('#receipts').textContent()).resolves.toMatch(/refusedreject-all/);
    await expect(page.locator('#datalayer').textContent()).resolves.toMatch(/\["consent","default",\{[^\n]*"analytics_storage":"denied"/);
    // The key stays on the demo server: no page, script or JSON the browser got carries it.
    expect(bodies.length).toBeGreaterThan(2);
    for (const b of bodies) expect(b).not.toContain(env.demo.apiKey);
  });
});
