// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine.js';
import { createGate, SDK_VERSION } from '@assent/sdk/internal';

await import('../src/engine.js');
const engine = (window as Window & { AssentCore?: Engine }).AssentCore!;
const configText = JSON.stringify({ policyVersion: 'e-1', privacyPolicyUrl: '/privacy', services: [] });

describe('assent-core.js', () => {
  it('refuses to run under an assent.js of another release, and says so', () => {
    const gate = createGate(window as Window & typeof globalThis);
    expect(() => engine.start({ version: '9.9.9', page: { configText, regionAttr: 'FR' }, gate })).toThrow(
      /assent-core\.js .* cannot run under assent\.js 9\.9\.9/,
    );
    const region = { code: 'FR', source: 'attribute' as const };
    const { consent } = engine.start({ version: SDK_VERSION, page: { configText, regionAttr: 'FR' }, region, gate });
    expect(consent.regime.key).toBe('FR');
    consent.destroy();
  });
});
