/**
 * The embed: the README documents one script tag, synchronous and first in <head>, and the
 * browser tests use exactly that tag. A page that still loads assent.js async, or late, gets one
 * console warning that says how to fix it; the documented embed gets none.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { TAG_MANAGER_VENDORS, vendorServices } from '../../examples/shared/vendor-services.mjs';
import { assentEmbed, snippet, useStack, type Visit } from './harness.js';

const stack = useStack();
const services = vendorServices();
const config = {
  policyVersion: 'stack-embed-1',
  privacyPolicyUrl: '/privacy',
  language: 'en',
  services: TAG_MANAGER_VENDORS.map((id) => services[id]),
  gate: { interceptNetwork: true },
};

/** Attributes of a `<script>` start tag (`async` → `''`). */
function attributes(html: string): Map<string, string> {
  const start = /<script\b([^>]*)>/.exec(html)?.[1] ?? '';
  const out = new Map<string, string>();
  for (const m of start.matchAll(/([\w-]+)(?:\s*=\s*"([^"]*)")?/g)) out.set(m[1]!.toLowerCase(), m[2] ?? '');
  return out;
}

/** The README's script tag: the first `<script>` of the "Marketing site" section's first HTML block. */
function documentedEmbed(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Marketing site'));
  const block = /```html\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return /<script\b[^>]*>/.exec(block)?.[0] ?? '';
}

const LOADING = ['async', 'defer', 'type'];

describe('the documented embed', () => {
  it('the README documents a synchronous tag', () => {
    const tag = documentedEmbed();
    expect(tag, 'the README shows an assent.js script tag').toMatch(/assent\.js/);
    const attrs = attributes(tag);
    for (const a of LOADING) expect(attrs.has(a), `README's tag has "${a}": ${tag}`).toBe(false);
  });

  it('is the tag these browser tests use: same attributes, first script in <head>, synchronous', async () => {
    const ours = attributes(assentEmbed());
    const documented = attributes(documentedEmbed());
    expect([...ours.keys()].sort()).toEqual([...documented.keys()].filter((a) => !LOADING.includes(a)).sort());
    for (const a of LOADING) expect(ours.has(a)).toBe(false);

    // As the pages of these tests are served: assent.js is the first script of <head>.
    stack.site.pages.set('/embed', { head: [assentEmbed(), snippet('google-tag-manager')].join('\n'), body: '<h1>Embed</h1>' });
    const html = await (await fetch(`${stack.site.url}/embed`)).text();
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    const first = /<script\b[^>]*>/.exec(head)?.[0] ?? '';
    expect(attributes(first).get('src')).toBe('/assent/assent.js');
    for (const a of LOADING) expect(attributes(first).has(a)).toBe(false);
  });
});

describe('a late or async assent.js', () => {
  beforeEach(async () => {
    await stack.reset();
    stack.site.json.set('/site.json', { body: JSON.stringify(config) });
  });

  /** Console warnings that name assent.js and the synchronous fix. */
  const fixWarnings = (v: Visit) =>
    v.console.filter((m) => m.type === 'warning' && /assent\.js/i.test(m.text) && /synchronous/i.test(m.text)).map((m) => m.text);

  it('the documented embed: no such warning', async () => {
    stack.site.pages.set('/documented', { head: [assentEmbed(), snippet('google-tag-manager')].join('\n'), body: '<h1>Documented</h1>' });
    const v = await stack.visit('/documented', { timing: 'container-after-ready' });
    expect(fixWarnings(v)).toEqual([]);
    expect(v.errors).toEqual([]);
  });

  it('async after the tag manager snippet (a gtm.js event already in the dataLayer): one warning with the fix', async () => {
    const asyncTag = assentEmbed().replace('></script>', ' async></script>');
    stack.site.pages.set('/async', { head: [snippet('google-tag-manager'), asyncTag].join('\n'), body: '<h1>Async</h1>' });
    const v = await stack.visit('/async');
    expect(fixWarnings(v), `console: ${JSON.stringify(v.console)}`).toHaveLength(1);
    expect(v.errors).toEqual([]);
  });

  it('synchronous but late, after a vendor snippet (a script toward a service host already in the DOM): one warning with the fix', async () => {
    stack.site.pages.set('/late', { head: snippet('meta-pixel'), body: `<h1>Late</h1>${assentEmbed()}` });
    const v = await stack.visit('/late');
    expect(fixWarnings(v), `console: ${JSON.stringify(v.console)}`).toHaveLength(1);
    expect(v.errors).toEqual([]);
  });
});
