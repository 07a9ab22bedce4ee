/* Stand-in for HubSpot's script loader (js.hs-scripts.com/<portal id>.js), for the demo and the
   browser tests. Like the real loader it inserts HubSpot's analytics script
   (js.hs-analytics.net/analytics/<time>/<portal id>.js) before the page's first script. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry.hubspot = registry.hubspot || { runs: 0, calls: [] });
  vendor.runs++;
  var portal = self.pathname.replace(/^\/(\d+)\.js$/, '$1');
  if (document.getElementById('hs-analytics')) return;
  var s = document.createElement('script');
  s.id = 'hs-analytics';
  s.src = at('js.hs-analytics.net') + '/analytics/' + Math.ceil(Date.now() / 300000) * 300000 + '/' + portal + '.js';
  var first = document.getElementsByTagName('script')[0];
  first.parentNode.insertBefore(s, first);
})();
