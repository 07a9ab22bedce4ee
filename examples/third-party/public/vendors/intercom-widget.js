/* Stand-in for Intercom's Messenger (widget.intercom.io/widget/<workspace id>), for the demo and
   the browser tests. It sets Intercom's first-party cookies `intercom-id-<id>` and
   `intercom-device-id-<id>` (270 days) and `intercom-session-<id>` (7 days), pings
   api-iam.intercom.io, draws a small launcher, and replays `Intercom()` calls. Calls are recorded
   in `window.fakeVendors`. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry.intercom = registry.intercom || { runs: 0, calls: [] });
  vendor.runs++;
  var app = self.pathname.replace(/^\/widget\//, '');
  function id() { return 'fake-' + Math.random().toString(36).slice(2, 14); }
  var days = function (n) { return n * 86400; };
  var cookies = [['intercom-id-' + app, days(270)], ['intercom-device-id-' + app, days(270)], ['intercom-session-' + app, days(7)]];
  for (var i = 0; i < cookies.length; i++)
    if (document.cookie.indexOf(cookies[i][0] + '=') < 0)
      document.cookie = cookies[i][0] + '=' + id() + '; path=/; max-age=' + cookies[i][1] + '; SameSite=Lax';

  fetch(at('api-iam.intercom.io') + '/messenger/web/ping', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ app_id: app, url: location.href }),
  }).catch(function () {});

  var launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.textContent = 'Messages';
  launcher.setAttribute('aria-label', 'Open Intercom Messenger');
  launcher.setAttribute('data-fake-intercom', '');
  // CSSOM, not a style attribute: the demo's CSP allows no inline styles.
  launcher.style.position = 'fixed';
  launcher.style.left = '20px';
  launcher.style.bottom = '80px';
  (document.body || document.documentElement).appendChild(launcher);

  var stub = window.Intercom;
  var queued = (stub && stub.q) || [];
  window.Intercom = function () { vendor.calls.push(Array.prototype.slice.call(arguments)); };
  for (var j = 0; j < queued.length; j++) window.Intercom.apply(null, queued[j]);
  window.Intercom('boot', window.intercomSettings || {});
})();
