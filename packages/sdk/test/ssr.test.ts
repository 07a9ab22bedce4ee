// Runs in plain Node: importing the SDK must not touch window or document.
import { describe, expect, it } from 'vitest';
import { siteConfig } from './fixtures.js';

describe('server-side rendering', () => {
  it('imports without a window and answers with the strictest decisions', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const { createConsent } = await import('../src/index.js');
    const c = createConsent(siteConfig(), { region: 'US-CA' });
    await c.ready;
    expect(c.get().necessary).toBe(true);
    c.acceptAll();
    expect(c.get().analytics).toBe(true);
  });
});
