// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { fakeConsent } from './fake-consent.js';
import { settle, show } from './helpers.js';

const button = (name: string) => screen.getByRole('button', { name });

describe('first layer, opt-in regime (GB)', () => {
  it('asks with Accept all, Reject all and Customize of equal prominence, nothing else pre-decided', async () => {
    await show(fakeConsent({ region: 'GB' }));
    const region = screen.getByRole('region', { name: 'Your cookie choices' });
    const buttons = within(region).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Accept all', 'Reject all', 'Customize']);
    // Same element, same classes: the same size and style weight.
    expect(new Set(buttons.map((b) => `${b.tagName}.${b.className}`)).size).toBe(1);
    expect(within(region).getByRole('link', { name: 'Privacy statement' }).getAttribute('href')).toBe('https://example.test/privacy');
    expect(within(region).queryAllByRole('switch')).toHaveLength(0);
    expect(region.textContent).toContain('Nothing optional runs until you choose.');
  });

  it('Accept all records the decision with the notice shown, then closes', async () => {
    const consent = fakeConsent({ region: 'GB' });
    await show(consent);
    fireEvent.click(button('Accept all'));
    expect(consent.calls).toHaveLength(1);
    const [call] = consent.calls;
    expect(call?.fn).toBe('acceptAll');
    expect(call?.options?.method).toBe('accept-all');
    expect(call?.options?.notice?.language).toBe('en');
    const text = call?.options?.notice?.text ?? '';
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Your cookie choices',
      expect.stringContaining('We use necessary cookies'),
    ]);
    expect(text).toContain('Privacy statement: https://example.test/privacy');
    expect(text).toContain('AdReach pixel. Provider: AdReach Networks. Personalises ads.');
    expect(text).toContain('Cookie: _mt_*; Duration: 13 months; Purpose: Distinguishes visitors.');
    await settle();
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('Reject all records a refusal', async () => {
    const consent = fakeConsent({ region: 'GB' });
    await show(consent);
    fireEvent.click(button('Reject all'));
    expect(consent.calls.map((c) => [c.fn, c.options?.method])).toEqual([['rejectAll', 'reject-all']]);
  });

  it('Customize opens preferences over the banner; Escape goes back with focus on Customize', async () => {
    await show(fakeConsent({ region: 'GB' }));
    const customize = button('Customize');
    customize.focus();
    fireEvent.click(customize);
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Cookie preferences' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog);
    expect(screen.queryByRole('region')).toBeNull(); // the banner is hidden behind the dialog
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button('Customize'));
  });

  it('uses a modal dialog when the site chose the modal layout: focus inside, Escape does not dismiss it', async () => {
    const consent = fakeConsent({ region: 'GB', config: { ui: { layout: 'modal' } } });
    await show(consent);
    const dialog = screen.getByRole('dialog', { name: 'Your cookie choices' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog);
    const [link, , , customize] = [within(dialog).getByRole('link'), ...within(dialog).getAllByRole('button')];
    customize!.focus();
    fireEvent.keyDown(customize!, { key: 'Tab' });
    expect(document.activeElement).toBe(link);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await settle();
    expect(screen.getByRole('dialog', { name: 'Your cookie choices' })).toBe(dialog);
    expect(consent.calls).toEqual([]);
  });

  it('renders into a given container', async () => {
    const container = document.body.appendChild(document.createElement('aside'));
    await show(fakeConsent({ region: 'GB' }), { container });
    expect(container.querySelector('.assent-ui')).not.toBeNull();
    expect(within(container).getByRole('button', { name: 'Accept all' })).toBeTruthy();
  });

  it('is fixed-position UI inserted first in <body>, styled through a nonce-carrying <style>', async () => {
    document.body.append(Object.assign(document.createElement('main'), { textContent: 'page' }));
    await show(fakeConsent({ region: 'GB' }), { nonce: 'n0nce' });
    expect(document.body.firstElementChild?.className).toBe('assent-ui');
    const style = document.head.querySelector('style');
    expect(style?.nonce).toBe('n0nce');
    expect(style?.textContent).toContain('.assent-ui .a-bar{');
    expect(style?.textContent).toContain('position:fixed');
    const panel = screen.getByRole('region');
    expect([...panel.classList].slice(0, 2)).toEqual(['a-panel', 'a-bar']);
    // Full size from the second frame on (the first is painted small, out of LCP's way).
    await waitFor(() => expect(panel.classList.contains('a-enter')).toBe(false));
  });
});

describe('first layer, US opt-out regime (US-CA)', () => {
  it('informs, with a "Your Privacy Choices" entry point carrying the opt-out icon', async () => {
    const consent = fakeConsent({ region: 'US-CA' });
    await show(consent);
    const region = screen.getByRole('region', { name: 'Your cookie choices' });
    expect(region.textContent).toContain('You can opt out of the sale or sharing');
    expect(within(region).getAllByRole('button').map((b) => b.textContent)).toEqual(['Your Privacy Choices', 'Customize', 'OK']);
    const entry = button('Your Privacy Choices');
    expect(entry.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    fireEvent.click(entry);
    await settle();
    expect(screen.getByRole('dialog', { name: 'Your Privacy Choices' })).toBeTruthy();
  });

  it('OK acknowledges the notice (the core keeps GPC and minors opted out)', async () => {
    const consent = fakeConsent({ region: 'US-CA' });
    await show(consent);
    fireEvent.click(button('OK'));
    expect(consent.calls[0]?.fn).toBe('acceptAll');
    expect(consent.calls[0]?.options?.notice?.text).toContain('You can opt out of the sale or sharing');
  });
});

describe('first layer, notice regime (site override)', () => {
  it('informs without the privacy-choices entry when the regime does not offer it', async () => {
    const consent = fakeConsent({ region: 'SG', config: { regions: { SG: { model: 'notice' } } } });
    expect(consent.regime.model).toBe('notice');
    await show(consent);
    expect(within(screen.getByRole('region')).getAllByRole('button').map((b) => b.textContent)).toEqual(['Customize', 'OK']);
  });
});

describe('first layer, Brazil (BR)', () => {
  it('states that consent may be refused and the consequence, in Portuguese', async () => {
    const consent = fakeConsent({ region: 'BR' });
    await show(consent);
    const region = screen.getByRole('region', { name: 'Suas escolhas de cookies' });
    expect(region.textContent).toContain('Você pode recusar os cookies opcionais.');
    expect(within(region).getAllByRole('button').map((b) => b.textContent)).toEqual(['Aceitar todos', 'Rejeitar todos', 'Personalizar']);
    fireEvent.click(button('Rejeitar todos'));
    expect(consent.calls[0]?.options?.notice).toMatchObject({ language: 'pt-BR', text: expect.stringContaining('Você pode recusar') });
  });
});

describe('first layer, other mandatory notices', () => {
  it('Mexico says how to disable cookies, Japan names the recipients', async () => {
    const mx = await show(fakeConsent({ region: 'MX' }));
    expect(screen.getByRole('region').textContent).toContain('También puede bloquear o borrar las cookies');
    mx.destroy();
    await show(fakeConsent({ region: 'JP' }));
    expect(screen.getByRole('region').textContent).toContain('分析および広告のデータは');
  });
});

describe('first layer, Quebec (CA-QC)', () => {
  it('speaks Canadian French by default and pre-ticks nothing', async () => {
    const consent = fakeConsent({ region: 'CA-QC' });
    await show(consent);
    const region = screen.getByRole('region', { name: 'Vos choix en matière de témoins' });
    expect(region.closest('.assent-ui')?.getAttribute('lang')).toBe('fr-CA');
    expect(within(region).getAllByRole('button').map((b) => b.textContent)).toEqual(['Tout accepter', 'Tout refuser', 'Personnaliser']);
    fireEvent.click(button('Personnaliser'));
    await settle();
    const optional = screen.getAllByRole('switch').filter((s) => !(s as HTMLButtonElement).disabled);
    expect(optional).toHaveLength(7); // three categories, four services
    expect(optional.every((s) => s.getAttribute('aria-checked') === 'false')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer mes choix' }));
    expect(consent.calls[0]).toMatchObject({
      fn: 'set',
      choices: { functional: false, analytics: false, advertising: false },
      options: { method: 'custom', notice: { language: 'fr-CA' } },
    });
  });
});

describe('when the banner shows', () => {
  it('stays away when no decision is needed, and opens on request', async () => {
    const consent = fakeConsent({ region: 'GB', needsDecision: false });
    const ui = await show(consent);
    expect(screen.queryByRole('region')).toBeNull();
    ui.open('banner');
    await settle();
    expect(screen.getByRole('region', { name: 'Your cookie choices' })).toBeTruthy();
  });

  it('follows consent.open(view) and closes when a decision arrives from elsewhere', async () => {
    const consent = fakeConsent({ region: 'GB' });
    await show(consent);
    consent.open('preferences');
    await settle();
    expect(screen.getByRole('dialog', { name: 'Cookie preferences' })).toBeTruthy();
    consent.acceptAll({ method: 'api' }); // e.g. a content placeholder's "allow" button
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('a second mount for the same consent reuses the mounted UI', async () => {
    const consent = fakeConsent({ region: 'GB' });
    const first = await show(consent);
    const second = await show(consent, { view: 'preferences' });
    expect(second).toBe(first);
    expect(document.querySelectorAll('.assent-ui')).toHaveLength(1);
    expect(consent.listeners('open')).toBe(1);
    await settle();
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
  });

  it('destroy() removes the UI and its listeners', async () => {
    const consent = fakeConsent({ region: 'GB' });
    const ui = await show(consent);
    expect(consent.listeners('open')).toBe(1);
    ui.destroy();
    expect(document.querySelector('.assent-ui')).toBeNull();
    expect(consent.listeners('open')).toBe(0);
    expect(consent.listeners('change')).toBe(0);
  });
});
