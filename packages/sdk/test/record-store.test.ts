// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://www.example.test/page"}
import { describe, expect, it, vi } from 'vitest';
import { createConsent } from '../src/create-consent.js';
import { cookieStore } from '../src/storage/record-store.js';
import { siteConfig } from './fixtures.js';

const assentCookies = () => document.cookie.split(';').filter((c) => c.trim().startsWith('assent='));

describe('consent cookie store', () => {
  it('shares the decision on the parent domain and removes a shadowing host-only copy', () => {
    document.cookie = 'assent=1.stale.x;Path=/';
    const c = createConsent(siteConfig({ cookie: { domain: 'example.test' } }), { region: 'FR', gate: false });
    c.acceptAll();
    expect(assentCookies()).toHaveLength(1);
    expect(cookieStore(document, 'assent', 'example.test').read()?.categories.analytics.granted).toBe(true);
  });

  it('falls back to a host-only cookie, with a warning, when the domain does not cover the page', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = cookieStore(document, 'other', 'example.org');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('does not cover www.example.test'));
    const c = createConsent(siteConfig({ cookie: { name: 'other', domain: 'example.org' } }), { region: 'FR', gate: false });
    c.rejectAll();
    expect(store.read()?.method).toBe('reject-all');
  });
});
