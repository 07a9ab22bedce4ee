// Page templates of the demo marketing site ("Vocaro", a fictional B2B communications platform).
// Every page shares one layout: the Assent script tag, the gated vendor tags, the region switcher
// and a footer with a "Cookie settings" link that opens the preferences.
import { html } from '../shared/html.mjs';
import { DEMO_REGIONS } from '../shared/regions.mjs';

const NAV = [
  { path: '/', label: 'Home' },
  { path: '/product', label: 'Product' },
  { path: '/pricing', label: 'Pricing' },
  { path: '/blog/support-at-the-speed-of-video', label: 'Blog' },
  { path: '/tag-manager', label: 'Tag manager' },
  { path: '/inspect', label: 'Inspect consent' },
];

function regionSwitcher(path, region) {
  const current = region ?? 'unknown';
  return html`<nav class="region-switcher" aria-label="Demo region">
    <span class="region-switcher__label">Demo region (as an edge geo header would say):</span>
    <ul>${DEMO_REGIONS.map(
      (r) => html`<li><a href="${path}?region=${r.code}" ${r.code === current ? html`aria-current="true"` : ''}>${r.label} <span class="code">${r.code}</span></a></li>`,
    )}</ul>
  </nav>`;
}

/**
 * The shared page layout. Assent's script tag comes first in <head> and is synchronous, as the
 * README documents: the guard, the network hold and Consent Mode's default must be in place
 * before any tag manager or tag runs. `head` goes right after it (a tag manager's snippet),
 * `bodyStart` right after <body> (its noscript part).
 * @param {{ title: string, path: string, region: string | null, nonce: string, vendors: (host: string) => string, portalUrl: string, body: import('../shared/html.mjs').SafeHtml, head?: import('../shared/html.mjs').SafeHtml, bodyStart?: import('../shared/html.mjs').SafeHtml, scripts?: import('../shared/html.mjs').SafeHtml }} p
 */
export function layout(p) {
  const { title, path, region, nonce, vendors, portalUrl, body } = p;
  const us = region?.startsWith('US') ?? false;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<script src="/assent/assent.js" data-assent-config="/site.json" ${region ? html`data-assent-region="${region}"` : ''} nonce="${nonce}"></script>
${p.head ?? ''}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Vocaro</title>
<link rel="stylesheet" href="/static/site.css">
<script type="text/plain" data-assent-category="analytics" data-assent-service="demo-analytics" src="${vendors('analytics.localhost')}/tag.js" nonce="${nonce}"></script>
<script type="text/plain" data-assent-category="analytics" data-assent-service="demo-analytics" nonce="${nonce}">
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'demo_page_view', page: location.pathname });
</script>
<script type="text/plain" data-assent-category="advertising" data-assent-service="demo-ads" src="${vendors('ads.localhost')}/pixel.js" nonce="${nonce}"></script>
<script type="text/plain" data-assent-category="functional" data-assent-service="demo-chat" src="${vendors('chat.localhost')}/widget.js" nonce="${nonce}"></script>
</head>
<body>
${p.bodyStart ?? ''}
<a class="skip-link" href="#main">Skip to content</a>
${regionSwitcher(path, region)}
<header class="site-header">
  <div class="container site-header__inner">
    <a class="brand" href="/"><span class="brand__mark" aria-hidden="true">V</span> Vocaro</a>
    <nav aria-label="Main">
      <ul class="main-nav">${NAV.map(
        (n) => html`<li><a href="${n.path}" ${n.path === path ? html`aria-current="page"` : ''}>${n.label}</a></li>`,
      )}</ul>
    </nav>
    <a class="button button--ghost" href="${portalUrl}">Log in to Portal</a>
  </div>
</header>
<main id="main">
${body}
</main>
<footer class="site-footer">
  <div class="container site-footer__inner">
    <p>© 2026 Vocaro Communications (a fictional company for the Assent demo).</p>
    <ul class="footer-links">
      <li><a href="/privacy">Privacy statement</a></li>
      <li><a href="/privacy#cookies" data-assent-open>Cookie settings</a></li>
      ${us ? html`<li><a href="/privacy#choices" data-assent-open="privacy-choices">Your Privacy Choices</a></li>` : ''}
    </ul>
  </div>
</footer>
${p.scripts ?? ''}
</body>
</html>`;
}

export const homePage = () => html`
<section class="hero">
  <div class="container">
    <p class="eyebrow">Customer communications platform</p>
    <h1>Every conversation with your customers, on one platform.</h1>
    <p class="lead">Messaging, voice and video APIs with a contact center on top. Built for teams that
      talk to millions of customers and answer to regulators in forty countries.</p>
    <p class="hero__actions"><a class="button" href="/pricing">Start free</a> <a class="button button--ghost" href="/product">See the product</a></p>
  </div>
</section>
<section class="container grid grid--3" aria-label="Highlights">
  <article class="card"><h2>Messaging</h2><p>SMS, WhatsApp and in-app chat through one API, with delivery receipts in real time.</p></article>
  <article class="card"><h2>Voice</h2><p>Programmable calls, IVR and recording in 60 regions, with data kept where you choose.</p></article>
  <article class="card"><h2>Video</h2><p>Browser-based video rooms for support and sales, no download for your customers.</p></article>
</section>
<section class="container stats" aria-label="In numbers">
  <p><strong>12 bn</strong> messages a year</p>
  <p><strong>99.99 %</strong> API uptime</p>
  <p><strong>4,000+</strong> businesses</p>
</section>`;

export const productPage = () => html`
<section class="container page-head">
  <h1>The Vocaro platform</h1>
  <p class="lead">Four building blocks. Use one API or the whole contact center.</p>
</section>
<section class="container grid grid--2">
  <article class="card"><h2>Messaging API</h2><p>Send and receive on every channel with one payload format. Templates, opt-out handling and per-country sender rules are built in.</p></article>
  <article class="card"><h2>Voice API</h2><p>Place and receive calls, build IVR flows, transcribe and redact recordings before they are stored.</p></article>
  <article class="card"><h2>Video rooms</h2><p>One-click video rooms with screen sharing, for up to 50 participants, recorded on request.</p></article>
  <article class="card"><h2>Contact center</h2><p>Routing, queues and a unified inbox for agents, with analytics your supervisors will actually read.</p></article>
</section>`;

export const pricingPage = () => html`
<section class="container page-head">
  <h1>Pricing</h1>
  <p class="lead">Pay for what you send. No setup fees.</p>
</section>
<section class="container grid grid--3 pricing">
  <article class="card"><h2>Starter</h2><p class="price">€0<span>/month</span></p><ul><li>1,000 messages</li><li>100 voice minutes</li><li>Community support</li></ul><a class="button button--ghost" href="#">Start free</a></article>
  <article class="card card--featured"><h2>Growth</h2><p class="price">€490<span>/month</span></p><ul><li>100,000 messages</li><li>10,000 voice minutes</li><li>Video rooms</li><li>Business-hours support</li></ul><a class="button" href="#">Choose Growth</a></article>
  <article class="card"><h2>Enterprise</h2><p class="price">Custom</p><ul><li>Volume pricing</li><li>Data residency</li><li>24/7 support and SLA</li></ul><a class="button button--ghost" href="#">Talk to sales</a></article>
</section>`;

export const blogPostPage = ({ videoUrl }) => html`
<article class="container post">
  <p class="eyebrow">Customer story · 6 min read</p>
  <h1>Support at the speed of video: how Northwind Freight cut response times by 40 %</h1>
  <p class="lead">Northwind's support team moved its hardest tickets from email to short video calls.
    Here is what changed in six months.</p>
  <figure class="video">
    <iframe data-assent-category="functional" data-assent-service="demo-video" data-src="${videoUrl}"
      title="Video: Northwind Freight customer story" width="720" height="405" allow="fullscreen"></iframe>
    <figcaption>Watch the ten-minute interview with Northwind's head of support.</figcaption>
  </figure>
  <p>Before the switch, a damaged-shipment claim took five emails and three days on average. Agents now
    open a video room from the ticket, the customer shows the parcel, and the claim is settled in one call.</p>
  <h2>What they measured</h2>
  <ul><li>Median first response: 4 h → 2.4 h</li><li>Claims settled on first contact: 31 % → 68 %</li><li>Customer satisfaction: 3.9 → 4.6</li></ul>
</article>`;

/** The id of the demo's tag manager container (served by the third-party origin's stand-in). */
export const DEMO_CONTAINER_ID = 'GTM-VOCARO1';

/**
 * Google Tag Manager's container snippet as Google publishes it (head part), loading the
 * stand-in container from `containerOrigin` instead of https://www.googletagmanager.com. It is
 * not marked for Assent: a tag manager stays ungated, Consent Mode governs its tags and Assent
 * holds what it injects toward a service's hosts.
 * @param {string} containerOrigin e.g. `http://www.googletagmanager.com.localhost:4175`
 * @param {string} nonce
 */
export const tagManagerSnippet = (containerOrigin, nonce) => html`<!-- Google Tag Manager -->
<script nonce="${nonce}">(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':
new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],
j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src=
'${containerOrigin}/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);
})(window,document,'script','dataLayer','${DEMO_CONTAINER_ID}');</script>
<!-- End Google Tag Manager -->`;

/** The snippet's noscript part, right after <body>. */
export const tagManagerNoscript = (containerOrigin) => html`<!-- Google Tag Manager (noscript) -->
<noscript><iframe src="${containerOrigin}/ns.html?id=${DEMO_CONTAINER_ID}"
height="0" width="0" style="display:none;visibility:hidden"></iframe></noscript>
<!-- End Google Tag Manager (noscript) -->`;

/** /tag-manager: a page that loads a tag manager container, which injects vendor tags by itself. */
export const tagManagerPage = () => html`
<section class="container page-head">
  <h1>Webinar: consent-ready marketing stacks</h1>
  <p class="lead">This page is built the way most marketing sites are: it loads a tag manager
    container, and the container adds the marketing tags by itself.</p>
</section>
<section class="container grid grid--2">
  <article class="card">
    <h2>What the container injects</h2>
    <p>The container (a local stand-in for a Google Tag Manager container, served by the demo's
      third-party origin) fires these tags without any consent settings:</p>
    <ul>
      <li>Meta Pixel, LinkedIn Insight and Hotjar scripts;</li>
      <li>a LinkedIn conversion pixel through <code>new Image()</code>;</li>
      <li>Google Analytics 4 hits through <code>fetch</code> and <code>sendBeacon</code>;</li>
      <li>a YouTube video, below.</li>
    </ul>
  </article>
  <article class="card">
    <h2>What Assent does</h2>
    <p>Assent's script tag comes first in the page and is synchronous, so Consent Mode's default is
      in the dataLayer before the container's first event, and everything the container sends
      toward a listed vendor waits for your choice. Watch the vendor requests on
      <a href="/inspect">Inspect consent</a> before and after you choose.</p>
  </article>
</section>
<section class="container post" aria-label="Product tour video">
  <h2>Product tour</h2>
  <div class="video" data-tag-manager-slot="video"></div>
</section>`;

/** The privacy page: the statement's cookie section, generated from the site config. */
export const privacyPage = ({ config }) => html`
<section class="container post">
  <h1>Privacy statement</h1>
  <p>This demo summarises the cookie section of the statement. Necessary cookies are set automatically;
    all other cookies only once you consent, and you may withdraw consent at any time from the
    "Cookie settings" button at the bottom right of every page.</p>
  <h2 id="cookies">Cookies and similar technologies</h2>
  <table class="table">
    <caption>Services we use, by category</caption>
    <thead><tr><th scope="col">Service</th><th scope="col">Category</th><th scope="col">Purpose</th><th scope="col">Cookies</th></tr></thead>
    <tbody>${config.services.map(
      (s) => html`<tr><td>${s.name}<br><small>${s.provider}</small></td><td>${s.category}</td><td>${s.purpose}</td><td>${
        s.cookies.length ? s.cookies.map((c) => html`<code>${c.name}</code> (${c.duration})<br>`) : 'none'
      }</td></tr>`,
    )}</tbody>
  </table>
  <h2 id="choices">Your privacy choices (United States)</h2>
  <p>You may opt out of targeted advertising and of the "sale" or "sharing" of personal information at
    any time. A Global Privacy Control signal sent by your browser is honoured as such an opt-out.</p>
</section>`;

/** /inspect: live view of what the product stored, decided and sent. Filled by /static/inspect.js. */
export const inspectPage = () => html`
<section class="container page-head">
  <h1>Inspect consent</h1>
  <p class="lead">What Assent stored, decided and sent for this browser, refreshed every second.</p>
</section>
<section class="container inspect">
  <article class="card"><h2>Regime</h2><dl id="regime" class="kv"><dt>Status</dt><dd>waiting for Assent…</dd></dl></article>
  <article class="card"><h2>Current decisions</h2><dl id="decisions" class="kv"></dl></article>
  <article class="card card--wide"><h2>Stored record (consent cookie)</h2><pre id="record" tabindex="0">none yet</pre></article>
  <article class="card card--wide"><h2>Receipts in server-sync</h2><p id="receipts-status" role="status"></p><div id="receipts"></div></article>
  <article class="card card--wide"><h2>Website ↔ Portal links</h2><div id="links">none</div></article>
  <article class="card card--wide"><h2>dataLayer consent commands</h2><pre id="datalayer" tabindex="0">none</pre></article>
  <article class="card card--wide"><h2>Third-party requests</h2><p>From the fake vendors' own request log (all visitors, newest first).</p><div id="third-party"></div></article>
  <article class="card card--wide"><h2>Cookies this page can read</h2><pre id="cookies" tabindex="0"></pre></article>
</section>`;

export const notFoundPage = () => html`<section class="container page-head"><h1>Page not found</h1><p><a href="/">Back to the home page</a></p></section>`;
