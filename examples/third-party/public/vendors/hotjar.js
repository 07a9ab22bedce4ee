/* Stand-in for Hotjar's tracking script (static.hotjar.com/c/hotjar-<site id>.js), for the demo and
   the browser tests. It reads `_hjSettings`, sets Hotjar's first-party cookies `_hjSessionUser_<id>`
   (365 days) and `_hjSession_<id>` (30 minutes), reports the visit to in.hotjar.com with an
   XMLHttpRequest, and replays `hj()` calls. Calls are recorded in `window.fakeVendors`. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry.hotjar = registry.hotjar || { runs: 0, calls: [] });
  vendor.runs++;
  var settings = window._hjSettings || {};
  var site = String(settings.hjid || self.pathname.replace(/^.*hotjar-(\d+)\.js$/, '$1'));

  var user = 'fake-' + Math.random().toString(36).slice(2, 14);
  var value = encodeURIComponent(JSON.stringify({ id: user, created: Date.now(), existing: false }));
  if (document.cookie.indexOf('_hjSessionUser_' + site + '=') < 0)
    document.cookie = '_hjSessionUser_' + site + '=' + value + '; path=/; max-age=' + 365 * 86400 + '; SameSite=Lax';
  document.cookie = '_hjSession_' + site + '=' + value + '; path=/; max-age=' + 30 * 60 + '; SameSite=Lax';

  var xhr = new XMLHttpRequest();
  xhr.open('POST', at('in.hotjar.com') + '/api/v2/client/sites/' + encodeURIComponent(site) + '/visit-data?sv=' + (settings.hjsv || 6));
  xhr.setRequestHeader('content-type', 'text/plain');
  xhr.send(JSON.stringify({ url: location.href }));

  var queued = (window.hj && window.hj.q) || [];
  window.hj = function () { vendor.calls.push(Array.prototype.slice.call(arguments)); };
  for (var i = 0; i < queued.length; i++) window.hj.apply(null, queued[i]);
})();
