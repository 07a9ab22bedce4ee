/* Demo analytics tag (fake vendor "Metricly"). Sets a first-party visitor id cookie on the
   embedding page and sends a page-view hit to its collector, like a real analytics tag. */
(function () {
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : 'http://analytics.localhost:4175';
  var match = document.cookie.match(/(?:^|;\s*)demo_analytics_id=([^;]+)/);
  var id = match ? match[1] : Math.random().toString(36).slice(2, 12) + '.' + Date.now();
  // 13 months, the usual analytics lifetime.
  document.cookie = 'demo_analytics_id=' + id + '; path=/; max-age=' + 60 * 60 * 24 * 395 + '; SameSite=Lax';
  var hit = new Image(1, 1);
  hit.src = origin + '/collect?v=1&t=pageview&cid=' + encodeURIComponent(id) +
    '&dl=' + encodeURIComponent(location.href) + '&dt=' + encodeURIComponent(document.title) + '&z=' + Date.now();
  window.demoAnalytics = { id: id, loadedAt: new Date().toISOString() };
  document.dispatchEvent(new CustomEvent('demo-analytics:loaded', { detail: { id: id } }));
})();
