/* Stand-in for HubSpot's analytics script (js.hs-analytics.net/analytics/<time>/<portal id>.js), for
   the demo and the browser tests. It sets HubSpot's first-party cookies `__hstc` and `hubspotutk`
   (6 months), `__hssc` (30 minutes) and `__hssrc` (session), sends a page view to
   track.hubspot.com/__ptq.gif, replays `_hsq`, and answers the privacy API `_hsp`:
   `revokeCookieConsent` removes those cookies, as HubSpot documents. Calls are recorded in
   `window.fakeVendors`. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry['hubspot-analytics'] = registry['hubspot-analytics'] || { runs: 0, calls: [] });
  vendor.runs++;
  var portal = self.pathname.replace(/^.*\/(\d+)\.js$/, '$1');
  var COOKIES = { __hstc: 180 * 86400, hubspotutk: 180 * 86400, __hssc: 30 * 60, __hssrc: null };

  var match = document.cookie.match(/(?:^|; )hubspotutk=([^;]*)/);
  var utk = match ? match[1] : Math.random().toString(16).slice(2) + Math.random().toString(16).slice(2);
  var now = Date.now();
  var values = { __hstc: portal + '.' + utk + '.' + now + '.' + now + '.' + now + '.1', hubspotutk: utk, __hssc: portal + '.1.' + now, __hssrc: '1' };
  for (var name in COOKIES)
    document.cookie = name + '=' + values[name] + '; path=/' + (COOKIES[name] ? '; max-age=' + COOKIES[name] : '') + '; SameSite=Lax';

  var img = new Image(1, 1);
  img.src = at('track.hubspot.com') + '/__ptq.gif?a=' + encodeURIComponent(portal) + '&k=1&vi=' + utk + '&r=' + encodeURIComponent(location.href);

  function track(args) { vendor.calls.push(['_hsq'].concat(args)); }
  function privacy(args) {
    vendor.calls.push(['_hsp'].concat(args));
    if (args[0] === 'revokeCookieConsent')
      for (var n in COOKIES) document.cookie = n + '=; path=/; max-age=0';
  }
  function takeOver(name, fn) {
    var queued = window[name] || [];
    window[name] = { push: function (args) { fn(args); } };
    for (var i = 0; i < queued.length; i++) fn(queued[i]);
  }
  takeOver('_hsq', track);
  takeOver('_hsp', privacy);
})();
