// The consent libraries the UI benchmark compares, each in its minimal documented setup on the
// shared page (page.mjs), with what the benchmark needs to know about it:
// - `files`/`mounts`: what the bench's server serves for it (paths carry the version, as a CDN's or a
//   versioned deploy folder's would, except Assent's `assent.js`, whose URL is stable by design);
// - `markup(origin)`: its tags in `<head>`, its gated analytics script, its tags at the end of `<body>`;
// - `owns(path)`: the requests that are the library's (its files, and Assent's config or region
//   lookup when the embed fetches them), counted as "library requests";
// - `scripts(path)`: its script files, to which main-thread CPU samples are attributed;
// - `banner`: `container` (anything inside it is "the banner" for the LCP check), `root` (the
//   banner element: "banner root in DOM" is when it is first in the document), `buttons` (the
//   first layer's buttons, which the "visible" rule looks at), `accept` (what "Accept all" clicks).
// The gated analytics script is the same file everywhere (page.mjs, ANALYTICS_PATH); "gated script
// ran" is its `performance.mark`, whichever library inserted it.
import { ANALYTICS_PATH } from './page.mjs';

const attr = (s) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');

// One service per optional category, the same three in every library that has categories.
const SERVICES = [
  { id: 'chat', name: 'Chatterbox live chat', category: 'functional' },
  { id: 'metricly', name: 'Metricly analytics', category: 'analytics' },
  { id: 'adreach', name: 'AdReach pixel', category: 'advertising' },
];

/**
 * The Assent site config: the README's required fields, one service per optional category, and
 * `language: 'en'`: without it a visitor in region FR is asked in French (the regime's language
 * comes before the page's `lang`), and every banner here is in English.
 */
export const assentConfig = ({ layout, serverSync }) => ({
  policyVersion: 'bench-1',
  privacyPolicyUrl: '/privacy',
  language: 'en',
  ...(layout && { ui: { layout } }),
  ...(serverSync && { serverSync: { url: serverSync } }),
  services: SERVICES.map(({ id, name, category }) => ({
    id, name, provider: `${name} Inc.`, category, purpose: `What ${name} does.`, hosts: [`${id}.example`],
    cookies: [{ name: `${id}_id`, duration: '13 months', purpose: 'Distinguishes visitors.' }],
  })),
});

/**
 * How Assent is embedded, always first in <head>. `config`: `inline` (the JSON in
 * `data-assent-config`) or `url` (a URL the entry fetches); `region`: the `data-assent-region`
 * code, or `none` (no attribute: the config then names the bench's server as server-sync, whose
 * `GET /v1/region` answers `FR`, as the README documents); `load`: `sync` (the README's embed:
 * "first in <head>, synchronous") or `async`; `layout`: the config's `ui.layout` (unset: Assent's
 * default). Parsed from a comma list, e.g. `url,none,async,box`; unknown words are errors.
 */
export function parseAssentEmbed(spec) {
  const e = { config: 'inline', region: 'FR', load: 'sync', layout: undefined };
  for (const w of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (w === 'inline' || w === 'url') e.config = w;
    else if (w === 'async' || w === 'sync') e.load = w;
    else if (w === 'bar' || w === 'box' || w === 'modal') e.layout = w;
    else if (w === 'none' || /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(w)) e.region = w;
    else throw new Error(`--assent: unknown word "${w}" (inline|url, a region code or none, async|sync, bar|box|modal)`);
  }
  return e;
}
export const describeEmbed = (e) =>
  [e.config === 'inline' ? 'inline config' : 'config URL', e.region === 'none' ? 'no region attribute' : `region ${e.region}`, e.load, e.layout]
    .filter(Boolean)
    .join(', ');

/**
 * Assent from one build: `dirs` are served as one folder (the README: "Serve one folder"), the
 * first that has a file wins (by default the one folder packages/embed/dist; several folders serve
 * builds from before it, e.g. packages/sdk/dist:packages/banner-ui/dist).
 */
export function assent({ id, label, prefix, dirs, embed }) {
  const configPath = `/site/${id}.json`;
  const config = (origin) => assentConfig({ layout: embed.layout, serverSync: embed.region === 'none' ? origin : undefined });
  return {
    id,
    label,
    describe: `${describeEmbed(embed)}; served from ${dirs.join(' + ')}`,
    mounts: [{ prefix, dirs }],
    routes: { [configPath]: (origin) => ({ body: JSON.stringify(config(origin)), type: 'application/json' }) },
    markup: (origin) => ({
      first: `<script src="${prefix}assent.js" data-assent-config='${attr(embed.config === 'inline' ? JSON.stringify(config(origin)) : configPath)}'${
        embed.region === 'none' ? '' : ` data-assent-region="${embed.region}"`}${embed.load === 'async' ? ' async' : ''}></script>`,
      head: '',
      gated: `<script type="text/plain" data-assent-category="analytics" data-assent-service="metricly" src="${ANALYTICS_PATH}"></script>`,
      tail: '',
    }),
    owns: (p) => p.startsWith(prefix) || p === configPath || p === '/v1/region',
    scripts: (p) => p.startsWith(prefix),
    // The UI's host element holds every view; the first layer is its first labelled region
    // (the bar/box <section aria-labelledby> or the modal dialog). Buttons have the public
    // contract's accessible names.
    banner: {
      container: '.assent-ui',
      root: '.assent-ui [aria-labelledby]',
      buttons: 'button',
      accept: '.assent-ui button:has-text("Accept all")',
    },
  };
}

const VCC = '/lib/vanilla-cookieconsent@3.1.0/';
// vanilla-cookieconsent has no built-in texts: these match Assent's English first layer in length.
const vccRun = `CookieConsent.run({
  hideFromBots: false, // headless Chromium reports navigator.webdriver, which would hide the banner
  categories: { necessary: { enabled: true, readOnly: true }, functional: {}, analytics: {}, advertising: {} },
  language: { default: 'en', translations: { en: {
    consentModal: { title: 'Your cookie choices', description: 'We use necessary cookies to run this site. With your consent we also use cookies to remember your settings, measure how the site is used and show personalised ads. Nothing optional runs until you choose.',
      acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Customize' },
    preferencesModal: { title: 'Cookie preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save choices', closeIconLabel: 'Close',
      sections: [
        { title: 'Necessary', description: 'Security, network management and accessibility.', linkedCategory: 'necessary' },
        { title: 'Functional', description: 'Remember your language and settings.', linkedCategory: 'functional' },
        { title: 'Analytics', description: 'Measure how the site is used.', linkedCategory: 'analytics' },
        { title: 'Advertising', description: 'Personalised ads with partners.', linkedCategory: 'advertising' } ] } } } }
});`;

/** vanilla-cookieconsent 3.1.0: its CSS in <head>, the UMD build and `CookieConsent.run()` at the end of <body> (its docs' "getting started"). */
export const vanillaCookieconsent = {
  id: 'vanilla',
  label: 'vanilla-cookieconsent 3.1.0',
  files: {
    [`${VCC}cookieconsent.umd.js`]: 'node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
    [`${VCC}cookieconsent.css`]: 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css',
  },
  markup: () => ({
    head: `<link rel="stylesheet" href="${VCC}cookieconsent.css">`,
    // Its script-tag management: type="text/plain" + data-category, run once the category is accepted.
    gated: `<script type="text/plain" data-category="analytics" src="${ANALYTICS_PATH}"></script>`,
    tail: `<script src="${VCC}cookieconsent.umd.js"></script><script>${vccRun}</script>`,
  }),
  owns: (p) => p.startsWith(VCC),
  scripts: (p) => p.startsWith(VCC),
  // #cc-main holds both modals; `.cm` is the consent modal (the first layer).
  banner: { container: '#cc-main', root: '#cc-main .cm', buttons: 'button', accept: '#cc-main .cm button[data-role="all"]' },
};

const OSANO = '/lib/cookieconsent@3.1.1/';
/**
 * Osano cookieconsent 3.1.1: its CSS in <head>, the script and `cookieconsent.initialise()` at the
 * end of <body> (its examples), type `opt-in` with its built-in English texts. It has no categories
 * and does not manage script tags: its documented opt-in pattern loads the tags from
 * `onInitialise` (a returning visitor) and `onStatusChange` (a decision) when `hasConsented()`.
 */
export const osanoCookieconsent = {
  id: 'osano',
  label: 'Osano cookieconsent 3.1.1',
  files: {
    [`${OSANO}cookieconsent.min.js`]: 'node_modules/cookieconsent/build/cookieconsent.min.js',
    [`${OSANO}cookieconsent.min.css`]: 'node_modules/cookieconsent/build/cookieconsent.min.css',
  },
  markup: () => ({
    head: `<link rel="stylesheet" href="${OSANO}cookieconsent.min.css">`,
    gated: '',
    tail: `<script src="${OSANO}cookieconsent.min.js"></script><script>
function loadAnalytics() { var s = document.createElement('script'); s.src = '${ANALYTICS_PATH}'; document.head.appendChild(s); }
window.cookieconsent.initialise({
  type: 'opt-in',
  content: { href: '/privacy' },
  onInitialise: function () { if (this.hasConsented()) loadAnalytics(); },
  onStatusChange: function () { if (this.hasConsented()) loadAnalytics(); }
});</script>`,
  }),
  owns: (p) => p.startsWith(OSANO),
  scripts: (p) => p.startsWith(OSANO),
  banner: { container: '.cc-window', root: '.cc-window', buttons: '.cc-btn', accept: '.cc-window .cc-allow' },
};

const KLARO = '/lib/klaro@0.7.22/';
const klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  acceptAll: true,
  privacyPolicy: '/privacy',
  translations: { en: { purposes: { necessary: 'Necessary', functional: 'Functional', analytics: 'Analytics', advertising: 'Advertising' } } },
  services: [
    { name: 'session', title: 'Session', purposes: ['necessary'], required: true },
    ...SERVICES.map(({ id, name, category }) => ({ name: id, title: name, purposes: [category] })),
  ],
};
/**
 * Klaro 0.7.22: `klaroConfig` defined before `klaro.js` (which carries its CSS and translations),
 * both in <head>, `defer` as its docs show; necessary is a `required` service, the three other
 * categories are purposes. Its notice (the first layer; not a modal without `mustConsent`).
 */
export const klaro = {
  id: 'klaro',
  label: 'Klaro 0.7.22',
  files: { [`${KLARO}klaro.js`]: 'node_modules/klaro/dist/klaro.js' },
  markup: () => ({
    head: `<script>var klaroConfig = ${JSON.stringify(klaroConfig)};</script><script defer src="${KLARO}klaro.js"></script>`,
    gated: `<script type="text/plain" data-type="text/javascript" data-name="metricly" data-src="${ANALYTICS_PATH}"></script>`,
    tail: '',
  }),
  owns: (p) => p.startsWith(KLARO),
  scripts: (p) => p.startsWith(KLARO),
  banner: { container: '.klaro', root: '.klaro .cookie-notice', buttons: 'button', accept: '.klaro .cookie-notice .cm-btn-success' },
};

/** The page alone, no consent library: the baseline for LCP and long tasks. */
export const none = {
  id: 'none',
  label: 'page alone (no banner)',
  files: {},
  markup: () => ({ head: '', gated: '', tail: '' }),
  owns: () => false,
  scripts: () => false,
  banner: null,
};

export const PEERS = { vanilla: vanillaCookieconsent, osano: osanoCookieconsent, klaro, none };
