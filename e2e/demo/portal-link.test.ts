/**
 * Across both origins: a decision on the marketing site is the Portal's decision too, and
 * server-sync links website analytics to the Portal account only while analytics is consented.
 */
import { describe, expect, it } from 'vitest';
import type { LinkEventsResponse, LinkListResponse } from '../../packages/sdk/src/schema/index.js';
import { consentRecord, eventually, newVisitor, siteCookies, visit, type Visitor, useTestDemo } from './harness.js';

const env = useTestDemo();

/** Logs in to the Portal and returns the account id it shows. */
async function logIn(v: Visitor, email: string): Promise<string> {
  const { page } = v;
  await page.goto(env.demo.urls.portal);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  const account = await page.getByText(/^Account acct_[0-9a-f]+$/).textContent();
  return account!.replace('Account ', '');
}

const activeLinks = async (accountId: string) =>
  (await env.demo.api<LinkListResponse>(`/v1/links?accountId=${encodeURIComponent(accountId)}`)).body.links;

const eventsFor = async (subjectId: string) =>
  (await env.demo.api<LinkEventsResponse>('/v1/links/events?since=0')).body.events.filter((e) => e.subjectId === subjectId);

describe('website ↔ Portal link', () => {
  it('links after Accept all on the site, never shows the banner again, and a withdrawal from the Portal Cookie settings button revokes it', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    await visit(page, env.demo, '/', 'FR');
    await page.getByRole('button', { name: 'Tout accepter', exact: true }).click();
    const record = await eventually(() => consentRecord(env.visitor!, env.demo), 'the consent cookie');
    // Let the receipt reach server-sync before the Portal asks for the link.
    await eventually(async () => (await env.demo.api(`/v1/subjects/${record.subjectId}`)).status === 200, 'the receipt in server-sync');

    const accountId = await logIn(env.visitor, 'ana@northwind.example');
    expect(await page.getByRole('button', { name: 'Tout accepter', exact: true }).count()).toBe(0);
    await page.getByText(/^Linked:/).waitFor();
    const links = await activeLinks(accountId);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ subjectId: record.subjectId, revokedAt: null });
    expect(links[0]!.joinKey).not.toContain(accountId);
    await page.getByText(/Portal analytics: running/).waitFor();

    // Withdraw analytics from the Portal's footer widget (bottom right), labelled in the
    // regime's language: French for this FR visitor.
    await page.getByRole('button', { name: 'Paramètres des cookies', exact: true }).click();
    const analytics = page.getByRole('switch', { name: 'Analytiques', exact: true });
    await analytics.click();
    expect(await analytics.getAttribute('aria-checked')).toBe('false');
    await page.getByRole('button', { name: 'Enregistrer mes choix', exact: true }).click();

    await eventually(async () => (await activeLinks(accountId)).length === 0, 'the link revoked');
    const revoked = (await eventsFor(record.subjectId)).filter((e) => e.type === 'revoked');
    expect(revoked).toHaveLength(1);
    expect(revoked[0]!.reason).toBe('withdrawn');
    await page.getByText(/Portal analytics: stopped/).waitFor();
    await page.getByText(/Not linked \(consent_required\)/).waitFor();
    await eventually(async () => !(await siteCookies(env.visitor!, env.demo)).has('demo_analytics_id'), 'the analytics cookie removed');
  });

  it('refuses the link with consent_required for a visitor who rejected analytics', async () => {
    env.visitor = await newVisitor();
    const { page } = env.visitor;
    await visit(page, env.demo, '/', 'FR');
    await page.getByRole('button', { name: 'Tout refuser', exact: true }).click();
    const record = await eventually(() => consentRecord(env.visitor!, env.demo), 'the consent cookie');
    await eventually(async () => (await env.demo.api(`/v1/subjects/${record.subjectId}`)).status === 200, 'the receipt in server-sync');

    const accountId = await logIn(env.visitor, 'ben@northwind.example');
    await page.getByText(/Not linked \(consent_required\)/).waitFor();
    expect(await activeLinks(accountId)).toEqual([]);
    const events = await eventsFor(record.subjectId);
    expect(events.map((e) => [e.type, e.reason])).toEqual([['refused', 'consent_required']]);
  });
});
