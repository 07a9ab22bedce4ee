/** Mounting helpers shared by the component tests: every mounted UI is destroyed after each test. */
import { afterEach } from 'vitest';
import { cleanup, waitFor } from '@testing-library/preact';
import { mountUI, type MountOptions, type UIHandle } from '../src/index.js';
import type { FakeConsent } from './fake-consent.js';

const mounted: UIHandle[] = [];

afterEach(() => {
  mounted.splice(0).forEach((h) => h.destroy());
  cleanup();
  document.head.replaceChildren();
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
});

/** Mounts the UI and waits until the mount has rendered (ready, catalogue, first render). */
export async function show(consent: FakeConsent, options: Partial<MountOptions> = {}): Promise<UIHandle> {
  const handle = mountUI(consent, { view: 'banner', ...options });
  mounted.push(handle);
  // Rendered once the App's root is in the host (catalogue chunks may take a while to import).
  await waitFor(() => {
    if (!document.querySelector('.assent-ui > div')) throw new Error('the UI has not rendered yet');
  }, { timeout: 5000 });
  return handle;
}

/** Lets pending promises (ready, catalogue import) and Preact's render queue run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}
