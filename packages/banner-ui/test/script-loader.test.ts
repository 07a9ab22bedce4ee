// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.js';
import fr from '../src/i18n/fr.js';
import { KEYS } from '../src/i18n/keys.js';
import { addMessages, scriptCatalogue } from '../src/i18n/script-loader.js';

const inserted = () => document.head.querySelector('script') as HTMLScriptElement;

afterEach(() => document.head.replaceChildren());

describe('script-tag catalogue loader', () => {
  it('inserts i18n/<lang>.js beside assent-ui.js with the nonce, and resolves with what it delivers', async () => {
    const loading = scriptCatalogue('https://cdn.example/assent/1.0/assent-ui.js', 'n0nce')('fr');
    const s = inserted();
    expect(s.src).toBe('https://cdn.example/assent/1.0/i18n/fr.js');
    expect(s.nonce).toBe('n0nce');
    addMessages('fr', KEYS.map((k) => fr[k])); // what the language file runs: values in KEYS order
    s.dispatchEvent(new Event('load'));
    await expect(loading).resolves.toEqual(fr);
    expect(document.head.querySelector('script')).toBeNull();
  });

  it('rejects when the file fails to load', async () => {
    const loading = scriptCatalogue('https://cdn.example/assent-ui.js')('de');
    inserted().dispatchEvent(new Event('error'));
    await expect(loading).rejects.toThrow('https://cdn.example/i18n/de.js could not be loaded');
  });

  it('KEYS lists exactly the keys of the English catalogue', () => {
    expect([...KEYS].sort()).toEqual(Object.keys(en).sort());
    expect(new Set(KEYS).size).toBe(KEYS.length);
  });

  it('does not take a list that does not match the keys (another version\'s file): the load fails', async () => {
    const loading = scriptCatalogue('https://cdn.example/assent-ui.js')('de');
    addMessages('de', KEYS.slice(1).map((k) => en[k]));
    inserted().dispatchEvent(new Event('load'));
    await expect(loading).rejects.toThrow('did not deliver its texts');
  });

  it('rejects when the file loads but delivers no texts', async () => {
    const loading = scriptCatalogue('https://cdn.example/assent-ui.js')('ja');
    inserted().dispatchEvent(new Event('load'));
    await expect(loading).rejects.toThrow('did not deliver its texts');
  });
});
