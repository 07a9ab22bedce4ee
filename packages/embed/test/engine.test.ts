// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createGate, parseConfig, regimeOf, SDK_VERSION } from '@assent/sdk/internal';
import type { AssentWindow, EngineStart } from '../src/protocol.js';

await import('../src/engine.js');
const engine = (window as AssentWindow).AssentCore!;
const configText = JSON.stringify({ policyVersion: 'e-1', privacyPolicyUrl: '/privacy', services: [] });
const { config } = parseConfig(JSON.parse(configText));

const start = (version: string): EngineStart => ({
  version,
  config,
  regime: regimeOf({ state: 'known', code: 'FR', source: 'attribute' }),
  gate: createGate(window as Window & typeof globalThis),
  announced: { decisions: { functional: false, analytics: false, advertising: false }, services: {} },
  language: 'fr',
  labels: new Promise(() => {}),
  widget: Promise.resolve({ lang: 'fr', rtl: false, cookieSettings: 'Paramètres des cookies', privacyChoices: 'Vos choix' }),
  page: { configText, regionAttr: 'FR' },
});

describe('assent-core.js', () => {
  it('refuses to run under an assent.js of another release, and says so', () => {
    expect(() => engine.start(start('9.9.9'))).toThrow(/assent-core\.js .* cannot run under assent\.js 9\.9\.9/);
    const { consent } = engine.start(start(SDK_VERSION));
    expect(consent.regime.key).toBe('FR');
    consent.destroy();
  });
});
