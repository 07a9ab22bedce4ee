/* Stand-in for Vimeo's player API (player.vimeo.com/api/player.js), for the demo and the browser
   tests: `Vimeo.Player` wraps an iframe and answers `on()` and `getVideoTitle()`; what it was given
   is recorded in `window.fakeVendors`. */
(function () {
  var registry = (window.fakeVendors = window.fakeVendors || {});
  var vendor = (registry.vimeo = registry.vimeo || { runs: 0, calls: [] });
  vendor.runs++;
  function Player(element) {
    this.element = element;
    vendor.calls.push(['Player', element && element.getAttribute ? element.getAttribute('src') : String(element)]);
  }
  Player.prototype.on = function (event) { vendor.calls.push(['on', event]); };
  Player.prototype.getVideoTitle = function () { return Promise.resolve('Stand-in video'); };
  window.Vimeo = window.Vimeo || { Player: Player };
})();
