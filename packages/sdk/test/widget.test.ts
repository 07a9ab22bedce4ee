// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createConsent } from '../src/create-consent.js';
import { mountWidget } from '../src/widget/index.js';
import type { UIView } from '../src/types.js';
import { siteConfig } from './fixtures.js';

afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.lang = '';
});

const buttons = () => Array.from(document.querySelectorAll('.assent-widget button')).map((b) => b.getAttribute('aria-label'));

describe('footer widget', () => {
  it('is one "Cookie settings" button that opens preferences', () => {
    const c = createConsent(siteConfig(), { region: 'GB', gate: false });
    const opened: UIView[] = [];
    c.on('open', ({ view }) => opened.push(view));
    mountWidget(c);
    expect(buttons()).toEqual(['Cookie settings']);
    (document.querySelector('.assent-widget button') as HTMLButtonElement).click();
    expect(opened).toEqual(['preferences']);
  });

  it('adds "Your Privacy Choices" in US opt-out regimes', () => {
    const c = createConsent(siteConfig(), { region: 'US-CA', gate: false });
    const opened: UIView[] = [];
    c.on('open', ({ view }) => opened.push(view));
    mountWidget(c);
    expect(buttons()).toEqual(['Your Privacy Choices', 'Cookie settings']);
    (document.querySelector('.assent-widget button') as HTMLButtonElement).click();
    expect(opened).toEqual(['privacy-choices']);
    expect(document.querySelector('.assent-widget svg')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('speaks the regime language (Quebec: témoins), right to left in Arabic, and takes overrides as text', () => {
    mountWidget(createConsent(siteConfig(), { region: 'CA-QC', gate: false }));
    expect(buttons()).toEqual(['Paramètres des témoins']);
    document.body.replaceChildren();
    const sa = createConsent(siteConfig({ texts: { ar: { cookieSettings: '<img src=x onerror=alert(1)>' } } }), { region: 'SA', gate: false });
    mountWidget(sa);
    const bar = document.querySelector('.assent-widget') as HTMLElement;
    expect(bar.dir).toBe('rtl');
    expect(buttons()).toEqual(['<img src=x onerror=alert(1)>']);
    expect(bar.querySelector('img')).toBeNull();
  });

  it('can be hidden or moved by the site config', () => {
    mountWidget(createConsent(siteConfig({ ui: { widget: { hidden: true } } }), { region: 'GB', gate: false }));
    expect(document.querySelector('.assent-widget')).toBeNull();
    const remove = mountWidget(createConsent(siteConfig({ ui: { widget: { position: 'bottom-left' } } }), { region: 'GB', gate: false }));
    const bar = document.querySelector('.assent-widget') as HTMLElement;
    expect(bar.style.left).toBe('16px');
    expect(bar.style.right).toBe('');
    remove();
    expect(document.querySelector('.assent-widget')).toBeNull();
  });
});
