/* Stand-in for Meta Pixel's library (connect.facebook.net/<locale>/fbevents.js), for the demo and
   the browser tests. Like the real one it takes over the `fbq` stub that Meta's base code defines,
   replays its queue, sets the `_fbp` browser id cookie (90 days) and sends each event to
   www.facebook.com/tr as an image request. `fbq('consent', 'revoke')` stops sending until
   `fbq('consent', 'grant')`, as Meta documents. Calls are recorded in `window.fakeVendors`. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry['meta-pixel'] = registry['meta-pixel'] || { runs: 0, calls: [] });
  vendor.runs++;
  var fbq = window.fbq;
  if (!fbq) return; // the real library needs the base code's stub too

  var match = document.cookie.match(/(?:^|; )_fbp=([^;]*)/);
  var fbp = match ? match[1] : 'fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e10);
  document.cookie = '_fbp=' + fbp + '; path=/; max-age=' + 90 * 86400 + '; SameSite=Lax';

  var pixels = [];
  var revoked = false;
  function send(pixel, event) {
    var img = new Image(1, 1);
    img.src = at('www.facebook.com') + '/tr/?id=' + encodeURIComponent(pixel) + '&ev=' + encodeURIComponent(event) +
      '&fbp=' + encodeURIComponent(fbp) + '&dl=' + encodeURIComponent(location.href);
  }
  function call(args) {
    args = Array.prototype.slice.call(args);
    vendor.calls.push(args);
    if (args[0] === 'init') pixels.push(String(args[1]));
    else if (args[0] === 'consent') revoked = args[1] === 'revoke';
    else if ((args[0] === 'track' || args[0] === 'trackCustom') && !revoked)
      for (var i = 0; i < pixels.length; i++) send(pixels[i], args[1]);
  }
  fbq.callMethod = function () { call(arguments); };
  var queue = fbq.queue || [];
  fbq.queue = [];
  for (var i = 0; i < queue.length; i++) call(queue[i]);
})();
