/* Stand-in for the Google tag (www.googletagmanager.com/gtag/js?id=G-…), for the demo and the
   browser tests. Like gtag.js it reads the dataLayer in order (entries pushed before it loaded,
   then every later push), keeps Consent Mode's state from `consent default`/`update` commands, and
   answers each `config` command for a G- id: with analytics_storage granted (or no consent state
   at all, where Google tags behave as if granted) it sets the `_ga` and `_ga_<id>` cookies
   (2 years); either way it sends a page_view to region1.google-analytics.com/g/collect with the
   consent state in `gcs` (Consent Mode's "advanced" behaviour: cookieless when denied). While a
   `consent default` with `wait_for_update` awaits its first update, the page_view waits (at most
   that many milliseconds), as Google's tags do. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry['google-analytics'] = registry['google-analytics'] || { runs: 0, calls: [] });
  vendor.runs++;
  var layerName = self.searchParams.get('l') || 'dataLayer';
  var dataLayer = (window[layerName] = window[layerName] || []);
  var consent = {};
  var configured = [];
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

  // gcs: "G1", then ad_storage and analytics_storage as 1 (granted), 0 (denied) or - (not set).
  function digit(type) { return consent[type] === 'granted' ? '1' : consent[type] === 'denied' ? '0' : '-'; }
  function storageAllowed() { return consent.analytics_storage !== 'denied'; }
  function clientId(measurementId) {
    var match = document.cookie.match(/(?:^|; )_ga=GA1\.1\.([^;]*)/);
    var id = match ? match[1] : Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000);
    if (storageAllowed()) {
      var twoYears = 2 * 365 * 86400;
      document.cookie = '_ga=GA1.1.' + id + '; path=/; max-age=' + twoYears + '; SameSite=Lax';
      document.cookie = '_ga_' + measurementId.replace(/^G-/, '') + '=GS1.1.' + Math.floor(Date.now() / 1000) + '; path=/; max-age=' + twoYears + '; SameSite=Lax';
    }
    return id;
  }
  function pageView(measurementId) {
    var url = at('region1.google-analytics.com') + '/g/collect?v=2&tid=' + encodeURIComponent(measurementId) +
      '&cid=' + encodeURIComponent(clientId(measurementId)) + '&en=page_view&gcs=G1' + digit('ad_storage') + digit('analytics_storage') +
      '&dl=' + encodeURIComponent(location.href) + '&via=gtag';
    navigator.sendBeacon(url);
  }
  function handle(entry) {
    if (!entry || typeof entry !== 'object' || typeof entry.length !== 'number') return;
    var args = Array.prototype.slice.call(entry);
    vendor.calls.push(args.map(function (a) { return a instanceof Date ? 'Date' : a; }));
    if (args[0] === 'consent' && args[2] && !args[2].region) {
      for (var type in args[2]) if (/_storage$|^ad_/.test(type)) consent[type] = args[2][type];
      if (args[1] === 'default' && typeof args[2].wait_for_update === 'number') waitForUpdate = args[2].wait_for_update;
      if (args[1] === 'update') {
        updated = true;
        // Granted later: the tag sets its cookies then, as gtag.js does on a consent update.
        if (storageAllowed()) configured.forEach(clientId);
        flushWaiting();
      }
    } else if (args[0] === 'config' && /^G-/.test(args[1])) {
      var id = args[1];
      configured.push(id);
      whenConsentKnown(function () { pageView(id); });
    }
  }
  for (var i = 0; i < dataLayer.length; i++) handle(dataLayer[i]);
  var push = dataLayer.push;
  dataLayer.push = function () {
    var result = push.apply(dataLayer, arguments);
    for (var j = 0; j < arguments.length; j++) handle(arguments[j]);
    return result;
  };
})();
