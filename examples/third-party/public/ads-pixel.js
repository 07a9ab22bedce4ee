/* Demo advertising pixel (fake vendor "AdReach"). Sets a first-party ad id cookie and fires a
   conversion pixel to its own host, like a real ad network tag. */
(function () {
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : 'http://ads.localhost:4175';
  var match = document.cookie.match(/(?:^|;\s*)demo_ads_id=([^;]+)/);
  var id = match ? match[1] : 'ad.' + Math.random().toString(36).slice(2, 12);
  // 90 days, a typical ad-click lifetime.
  document.cookie = 'demo_ads_id=' + id + '; path=/; max-age=' + 60 * 60 * 24 * 90 + '; SameSite=Lax';
  var px = new Image(1, 1);
  px.src = origin + '/px.gif?ev=view&aid=' + encodeURIComponent(id) + '&u=' + encodeURIComponent(location.pathname) + '&z=' + Date.now();
  window.demoAds = { id: id, loadedAt: new Date().toISOString() };
  document.dispatchEvent(new CustomEvent('demo-ads:loaded', { detail: { id: id } }));
})();
