import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@assent/sdk';
import { LABELS, namesFor } from '../src/labels.js';

describe('the scanner clicks and names what the UI shows', () => {
  it.each(LANGUAGES)('%s: every name is there, and the button names are the banner\'s', (lang) => {
    const mine = LABELS[lang];
    for (const [key, value] of Object.entries(mine)) expect(value, `${lang}.${key}`).toMatch(/\S/);
    expect(new Set([mine.acceptAll, mine.rejectAll, mine.customize]).size).toBe(3);
  });

  it('adds the site’s own overrides to the names it looks for', () => {
    const names = namesFor('acceptAll', { en: { acceptAll: 'Sounds good' }, de: {} });
    expect(names).toContain('Sounds good');
    expect(names).toContain('Tout accepter');
  });
});
