/* A stand-in for a Google Tag Manager web container (www.googletagmanager.com/gtm.js?id=GTM-…),
   served by the demo's third-party origin and, in the browser tests, in place of the real URL.

   It behaves like a container where it matters to a consent tool:
   - it reads the dataLayer in order, from its first entry (what the page pushed before the
     container arrived), then every later push;
   - it keeps Google Consent Mode's state from `consent default` and `consent update` commands
     (defaults scoped to a `region` list are skipped: a stand-in cannot tell where the visitor is);
   - it fires its tags on events: `gtm.js` (pushed by GTM's snippet; pushed here when the
     container was loaded without it), then `gtm.dom` and `gtm.load`, which it pushes itself.

   Its tags are set up the way many real containers are: Custom HTML tags with no consent
   settings, injecting vendor tags on their own the moment they fire. Only the GA4 tag has
   Google's built-in consent checks. So nothing here waits for consent: a consent tool on the
   page has to hold what the container injects.
   - gtm.js: Meta Pixel (fbevents.js), LinkedIn Insight (insight.min.js), Hotjar scripts; a
     LinkedIn-style image pixel through `new Image()`; the GA4 tag's page_view through `fetch`.
   - gtm.dom: a YouTube iframe, into `[data-tag-manager-slot="video"]` (or the end of <body>).
   - gtm.load: the GA4 tag's user_engagement through `navigator.sendBeacon`.
   The GA4 tag behaves like Google's: while a `consent default` with `wait_for_update` awaits its
   first `consent update`, it waits (at most that many milliseconds); then it sets `_ga` /
   `_ga_<id>` unless analytics_storage is denied (no consent state at all counts as granted, as
   with Google's tags), sends its hits either way (cookieless while denied, the state in `gcs`),
   and when a hit could not leave the page it sends it again once a `consent update` grants
   analytics_storage.

   What it did is in `window.tagManagerStandIn` ({ id, events: [{ event, consent }], fired }), and
   each event it handles is announced as a `tag-manager-standin:event` DOM event. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var CONTAINER = self.searchParams.get('id') || 'GTM-STANDIN';
  var layerName = self.searchParams.get('l') || 'dataLayer';
  var dataLayer = (window[layerName] = window[layerName] || []);
  var IDS = { metaPixel: '1234567890123456', linkedInPartner: '7654321', hotjarSite: '3456789', ga4: 'G-A55ENT0000', youtubeVideo: 'M7lc1UVf-VE' };

  var state = (window.tagManagerStandIn = { id: CONTAINER, events: [], fired: {} });
  var consent = {};
  // Consent Mode's wait_for_update: Google's tags hold their hits until the first update.
  var updated = false;
  var waitForUpdate = 0;
  var waiting = [];
  function whenConsentKnown(fn) {
    if (updated || !waitForUpdate) return fn();
    waiting.push(fn);
    if (waiting.length === 1) setTimeout(flushWaiting, waitForUpdate);
  }
  function flushWaiting() {
    var run = waiting.splice(0);
    for (var i = 0; i < run.length; i++) run[i]();
  }

  function copy(o) { var c = {}; for (var k in o) c[k] = o[k]; return c; }
  function fired(tag) { state.fired[tag] = (state.fired[tag] || 0) + 1; }
  function firstScript() { return document.getElementsByTagName('script')[0]; }
  function inject(src) {
    var s = document.createElement('script');
    s.async = true;
    s.src = src;
    var first = firstScript();
    first.parentNode.insertBefore(s, first);
  }

  // --- Custom HTML tags, no consent settings: they inject as soon as they fire. ---
  function metaPixel() {
    if (!window.fbq) {
      var n = (window.fbq = function () { n.callMethod ? n.callMethod.apply(n, arguments) : n.queue.push(arguments); });
      if (!window._fbq) window._fbq = n;
      n.push = n;
      n.loaded = true;
      n.version = '2.0';
      n.queue = [];
      inject(at('connect.facebook.net') + '/en_US/fbevents.js');
    }
    window.fbq('init', IDS.metaPixel);
    window.fbq('track', 'PageView');
  }
  function linkedInInsight() {
    window._linkedin_partner_id = IDS.linkedInPartner;
    window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
    window._linkedin_data_partner_ids.push(IDS.linkedInPartner);
    if (!window.lintrk) {
      window.lintrk = function (a, b) { window.lintrk.q.push([a, b]); };
      window.lintrk.q = [];
    }
    inject(at('snap.licdn.com') + '/li.lms-analytics/insight.min.js');
  }
  function hotjar() {
    window.hj = window.hj || function () { (window.hj.q = window.hj.q || []).push(arguments); };
    window._hjSettings = { hjid: Number(IDS.hotjarSite), hjsv: 6 };
    var s = document.createElement('script');
    s.async = true;
    s.src = at('static.hotjar.com') + '/c/hotjar-' + IDS.hotjarSite + '.js?sv=6';
    document.getElementsByTagName('head')[0].appendChild(s);
  }
  function linkedInImage() {
    // A conversion pixel that never enters the document: only a network hold can stop it.
    var img = new Image(1, 1);
    img.src = at('px.ads.linkedin.com') + '/collect/?pid=' + IDS.linkedInPartner + '&fmt=gif&via=tag-manager-image';
  }
  function youtube() {
    var frame = document.createElement('iframe');
    frame.title = 'Product tour (YouTube)';
    frame.width = '560';
    frame.height = '315';
    frame.setAttribute('allow', 'fullscreen');
    frame.src = at('www.youtube.com') + '/embed/' + IDS.youtubeVideo;
    (document.querySelector('[data-tag-manager-slot="video"]') || document.body).appendChild(frame);
  }

  // --- The GA4 tag: Google's built-in consent checks. ---
  var unsent = [];
  function digit(type) { return consent[type] === 'granted' ? '1' : consent[type] === 'denied' ? '0' : '-'; }
  function ga4Cookies() {
    if (consent.analytics_storage === 'denied') return;
    var twoYears = 2 * 365 * 86400;
    if (!/(?:^|; )_ga=/.test(document.cookie))
      document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=' + twoYears + '; SameSite=Lax';
    document.cookie = '_ga_' + IDS.ga4.slice(2) + '=GS1.1.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=' + twoYears + '; SameSite=Lax';
  }
  function ga4Send(hit) {
    ga4Cookies();
    var url = at(hit.host) + '/g/collect?v=2&tid=' + IDS.ga4 + '&en=' + hit.event + '&gcs=G1' + digit('ad_storage') + digit('analytics_storage') +
      '&dl=' + encodeURIComponent(location.href) + '&via=tag-manager-' + hit.transport;
    if (hit.transport === 'beacon') {
      if (!navigator.sendBeacon(url)) unsent.push(hit);
    } else fetch(url, { method: 'POST', mode: 'no-cors', keepalive: true }).catch(function () { unsent.push(hit); });
  }
  function ga4PageView() {
    whenConsentKnown(function () { ga4Send({ host: 'www.google-analytics.com', event: 'page_view', transport: 'fetch' }); });
  }
  function ga4Engagement() {
    whenConsentKnown(function () { ga4Send({ host: 'region1.google-analytics.com', event: 'user_engagement', transport: 'beacon' }); });
  }
  function ga4ConsentUpdated() {
    if (consent.analytics_storage !== 'granted') return;
    ga4Cookies();
    var retry = unsent.splice(0);
    for (var i = 0; i < retry.length; i++) ga4Send(retry[i]);
  }

  var TRIGGERS = {
    'gtm.js': [['meta-pixel', metaPixel], ['linkedin-insight', linkedInInsight], ['hotjar', hotjar], ['linkedin-image', linkedInImage], ['ga4-page-view', ga4PageView]],
    'gtm.dom': [['youtube', youtube]],
    'gtm.load': [['ga4-engagement', ga4Engagement]],
  };

  function handle(entry) {
    if (!entry || typeof entry !== 'object') return;
    if (typeof entry.length === 'number' && entry[0] === 'consent') {
      var params = entry[2] || {};
      if (params.region) return;
      for (var type in params) if (type !== 'wait_for_update') consent[type] = params[type];
      if (entry[1] === 'default' && typeof params.wait_for_update === 'number') waitForUpdate = params.wait_for_update;
      if (entry[1] === 'update') {
        updated = true;
        flushWaiting();
        ga4ConsentUpdated();
      }
      return;
    }
    if (typeof entry.event !== 'string') return;
    var record = { event: entry.event, consent: copy(consent) };
    state.events.push(record);
    var tags = TRIGGERS[entry.event] || [];
    for (var i = 0; i < tags.length; i++) {
      fired(tags[i][0]);
      try {
        tags[i][1]();
      } catch (err) {
        // A failing tag does not stop the others, as in GTM.
        if (window.console) console.error('[tag manager stand-in] tag ' + tags[i][0] + ' failed: ' + err);
      }
    }
    document.dispatchEvent(new CustomEvent('tag-manager-standin:event', { detail: record }));
  }

  var hasStart = false;
  for (var i = 0; i < dataLayer.length; i++) if (dataLayer[i] && dataLayer[i].event === 'gtm.js') hasStart = true;
  var push = dataLayer.push;
  dataLayer.push = function () {
    var result = push.apply(dataLayer, arguments);
    for (var j = 0; j < arguments.length; j++) handle(arguments[j]);
    return result;
  };
  // What the page pushed before the container arrived, in order.
  var earlier = dataLayer.slice();
  for (var k = 0; k < earlier.length; k++) handle(earlier[k]);
  if (!hasStart) dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });

  function domReady() { dataLayer.push({ event: 'gtm.dom' }); }
  function loaded() { dataLayer.push({ event: 'gtm.load' }); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', domReady);
  else domReady();
  if (document.readyState === 'complete') loaded();
  else window.addEventListener('load', loaded);
})();
