/* Stand-in for the LinkedIn Insight Tag (snap.licdn.com/li.lms-analytics/insight.min.js), for the
   demo and the browser tests. It reads the partner ids the snippet set, sets the first-party
   `li_fat_id` cookie (30 days; the real tag sets it for visitors arriving from a LinkedIn ad, the
   stand-in always does so a test sees it), sends a page view to px.ads.linkedin.com/collect as an
   image request per partner, and replays `lintrk` calls. Calls are recorded in `window.fakeVendors`. */
(function () {
  var self = new URL(document.currentScript ? document.currentScript.src : location.href);
  // Demo: vendors live at <real host>.localhost:<port>. Tests: the real hosts, routed.
  function at(host) {
    return /\.localhost$/.test(self.hostname) ? self.protocol + '//' + host + '.localhost' + (self.port ? ':' + self.port : '') : 'https://' + host;
  }
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry['linkedin-insight'] = registry['linkedin-insight'] || { runs: 0, calls: [] });
  vendor.runs++;

  var match = document.cookie.match(/(?:^|; )li_fat_id=([^;]*)/);
  var id = match ? match[1] : 'fake-' + Math.random().toString(36).slice(2, 14);
  document.cookie = 'li_fat_id=' + id + '; path=/; max-age=' + 30 * 86400 + '; SameSite=Lax';

  var partners = (window._linkedin_data_partner_ids || []).slice();
  if (window._linkedin_partner_id && partners.indexOf(window._linkedin_partner_id) < 0) partners.push(window._linkedin_partner_id);
  for (var i = 0; i < partners.length; i++) {
    var img = new Image(1, 1);
    img.src = at('px.ads.linkedin.com') + '/collect/?pid=' + encodeURIComponent(partners[i]) + '&fmt=gif&via=insight&url=' + encodeURIComponent(location.href);
  }
  var queued = (window.lintrk && window.lintrk.q) || [];
  window.lintrk = function (a, b) { vendor.calls.push([a, b]); };
  for (var j = 0; j < queued.length; j++) window.lintrk(queued[j][0], queued[j][1]);
})();
