// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/preact';
import { fakeConsent } from './fake-consent.js';
import { settle, show } from './helpers.js';

const sw = (name: string) => screen.getByRole('switch', { name });
const checked = (name: string) => sw(name).getAttribute('aria-checked');

async function preferences(consent = fakeConsent({ region: 'GB' })) {
  await show(consent, { view: 'preferences' });
  return { consent, dialog: screen.getByRole('dialog', { name: 'Cookie preferences' }) };
}

describe('preferences', () => {
  it('lists every category in use with its purpose; necessary is on and cannot be switched', async () => {
    const { dialog } = await preferences();
    expect(within(dialog).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Necessary', 'Functional', 'Analytics', 'Advertising',
    ]);
    expect(dialog.textContent).toContain('Remember your language and settings');
    expect(checked('Necessary')).toBe('true');
    expect((sw('Necessary') as HTMLButtonElement).disabled).toBe(true);
    expect(within(dialog).getByText('Always on')).toBeTruthy();
    expect(['Functional', 'Analytics', 'Advertising'].map(checked)).toEqual(['false', 'false', 'false']);
  });

  it('shows only the categories the site uses', async () => {
    await preferences(fakeConsent({ region: 'GB', config: { categories: ['analytics'], services: [] } }));
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Necessary', 'Analytics']);
  });

  it('reflects the current decisions', async () => {
    await preferences(fakeConsent({ region: 'GB', needsDecision: false, decisions: { analytics: true } }));
    expect(['Functional', 'Analytics', 'Advertising'].map(checked)).toEqual(['false', 'true', 'false']);
  });

  it('expands services: provider, purpose and a cookie table', async () => {
    const { dialog } = await preferences();
    const summary = within(dialog).getByText('Services (2)');
    fireEvent.click(summary);
    const chat = screen.getByRole('heading', { name: 'Chatterbox live chat' }).closest('.a-svc') as HTMLElement;
    expect(chat.textContent).toContain('Provider: Chatterbox Ltd.');
    expect(chat.textContent).toContain('Lets you chat with our team.');
    const table = within(chat).getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Cookie', 'Duration', 'Purpose']);
    expect(within(table).getAllByRole('cell').map((td) => td.textContent)).toEqual(['chat_lang', '6 months', 'Remembers the chat language.']);
    const video = screen.getByRole('heading', { name: 'Streamly video' }).closest('.a-svc') as HTMLElement;
    expect(within(video).queryByRole('table')).toBeNull();
    expect(video.textContent).toContain('Sets no cookies of its own.');
  });

  it('switches announce their state as it changes', async () => {
    await preferences();
    fireEvent.click(sw('Analytics'));
    expect(checked('Analytics')).toBe('true');
    expect(checked('Metricly analytics')).toBe('true');
    fireEvent.click(sw('Analytics'));
    expect(checked('Analytics')).toBe('false');
  });

  it('saves per-service choices', async () => {
    const { consent } = await preferences();
    fireEvent.click(sw('Functional'));
    fireEvent.click(sw('Streamly video'));
    expect(checked('Functional')).toBe('true');
    expect(checked('Streamly video')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));
    expect(consent.calls).toEqual([
      {
        fn: 'set',
        choices: {
          functional: true, analytics: false, advertising: false,
          services: { chat: true, video: false, metricly: false, adreach: false },
        },
        options: { method: 'custom', notice: { language: 'en', text: expect.stringContaining('Cookie preferences') } },
      },
    ]);
  });

  it('switching one service on in an off category grants that service only', async () => {
    const { consent } = await preferences();
    fireEvent.click(sw('Streamly video'));
    expect(checked('Functional')).toBe('true');
    expect(checked('Chatterbox live chat')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));
    expect(consent.calls[0]).toMatchObject({ choices: { functional: true, services: { chat: false, video: true } } });
  });

  it('offers Accept all and Reject all too', async () => {
    const { consent } = await preferences();
    fireEvent.click(screen.getByRole('button', { name: 'Reject all' }));
    expect(consent.calls.map((c) => c.fn)).toEqual(['rejectAll']);
    expect(consent.calls[0]?.options?.method).toBe('reject-all');
  });

  it('never offers advertising as on to a declared minor', async () => {
    const consent = fakeConsent({ region: 'US-CA', needsDecision: false, config: { declaredMinor: true } });
    expect(consent.get().advertising).toBe(true); // even if the state said so
    await preferences(consent);
    expect(checked('Advertising')).toBe('false');
    expect((sw('Advertising') as HTMLButtonElement).disabled).toBe(true);
    expect(checked('AdReach pixel')).toBe('false');
    expect(screen.getByText('Not offered to minors')).toBeTruthy();
  });

  it('traps Tab inside, Escape closes and focus returns to what opened it', async () => {
    const consent = fakeConsent({ region: 'GB', needsDecision: false });
    const opener = document.body.appendChild(Object.assign(document.createElement('button'), { textContent: 'Cookie settings' }));
    await show(consent);
    opener.focus();
    consent.open('preferences');
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Cookie preferences' });
    expect(document.activeElement).toBe(dialog);
    const close = within(dialog).getByRole('button', { name: 'Close' });
    const rejectAll = within(dialog).getByRole('button', { name: 'Reject all' });
    rejectAll.focus();
    fireEvent.keyDown(rejectAll, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(rejectAll);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(consent.calls).toEqual([]);
  });
});

describe('privacy choices (US)', () => {
  const open = async (consent = fakeConsent({ region: 'US-CA', needsDecision: false })) => {
    await show(consent, { view: 'privacy-choices' });
    return { consent, dialog: screen.getByRole('dialog', { name: 'Your Privacy Choices' }) };
  };
  const optOut = 'Do not sell or share my personal information / targeted advertising';

  it('switches sale/share and targeted advertising off', async () => {
    const { consent, dialog } = await open();
    expect(dialog.querySelector('h2 svg')).not.toBeNull();
    expect(within(dialog).queryByRole('status')).toBeNull();
    expect(checked(optOut)).toBe('false');
    fireEvent.click(sw(optOut));
    expect(checked(optOut)).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));
    expect(consent.calls).toEqual([
      {
        fn: 'setSaleShareOptOut',
        optOut: true,
        options: { method: 'privacy-choices', notice: { language: 'en', text: expect.stringContaining(optOut) } },
      },
    ]);
  });

  it('shows a Global Privacy Control signal as an opt-out already honored', async () => {
    const { consent, dialog } = await open(fakeConsent({ region: 'US-CA', gpc: true, needsDecision: false }));
    expect(within(dialog).getByRole('status').textContent).toBe(
      'Opt-out request honored: your browser sent a Global Privacy Control signal.',
    );
    expect(checked(optOut)).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Save choices' }));
    expect(consent.calls[0]).toMatchObject({ optOut: true });
    expect(consent.calls[0]?.options?.notice?.text).toContain('Opt-out request honored');
  });

  it('keeps a declared minor opted out', async () => {
    await open(fakeConsent({ region: 'US-CA', needsDecision: false, record: { declaredMinor: true } }));
    expect(checked(optOut)).toBe('true');
    expect((sw(optOut) as HTMLButtonElement).disabled).toBe(true);
  });
});
