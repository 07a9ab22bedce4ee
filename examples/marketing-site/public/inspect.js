// /inspect: a live view of what Assent stored, decided and sent for this browser. Vanilla JS,
// DOM built with textContent only, polling once a second (the page is a debugging aid).
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = String(text);
    if (cls) n.className = cls;
    return n;
  }

  function fillKv(target, pairs) {
    var frag = document.createDocumentFragment();
    pairs.forEach(function (p) {
      frag.appendChild(el('dt', p[0]));
      frag.appendChild(el('dd', p[1], p[2]));
    });
    target.replaceChildren(frag);
  }

  function table(headers, rows) {
    if (!rows.length) return el('p', 'none');
    var t = el('table');
    var head = el('tr');
    headers.forEach(function (h) { var th = el('th', h); th.scope = 'col'; head.appendChild(th); });
    var thead = el('thead'); thead.appendChild(head); t.appendChild(thead);
    var body = el('tbody');
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (c) { tr.appendChild(el('td', c)); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  function setPre(id, value) {
    var text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
    if ($(id).textContent !== text) $(id).textContent = text;
  }

  function renderAssent() {
    var A = window.Assent;
    if (!A) {
      fillKv($('regime'), [['Status', 'assent.js not loaded yet (or failed: see the console)']]);
      return null;
    }
    var r = A.regime || {};
    fillKv($('regime'), [
      ['Region', A.region === null ? 'unknown' : A.region],
      ['Regime', r.key || r.id || '?'],
      ['Model', r.model || '?'],
      ['Why', r.reason || '?'],
      ['GPC', A.gpc ? 'present' : 'absent'],
      ['Needs decision', A.needsDecision ? 'yes' : 'no'],
      ['Subject id', A.subjectId],
    ]);
    var d = A.get();
    fillKv($('decisions'), Object.keys(d).map(function (k) {
      return [k, d[k] ? 'granted' : 'refused', d[k] ? 'granted' : 'refused'];
    }).concat(Object.entries(A.services()).map(function (e) {
      return ['  ' + e[0], e[1] ? 'granted' : 'refused', e[1] ? 'granted' : 'refused'];
    })));
    var rec = A.record();
    setPre('record', rec ? Object.assign({}, rec, {
      decidedAt: new Date(rec.decidedAt).toISOString(),
      expiresAt: new Date(rec.expiresAt).toISOString(),
    }) : 'none yet: no decision stored');
    return A;
  }

  function renderDataLayer() {
    var dl = window.dataLayer || [];
    var commands = [];
    for (var i = 0; i < dl.length; i++) {
      var e = dl[i];
      // gtag() pushes the arguments object: ['consent', 'default'|'update', {...}].
      if (e && typeof e === 'object' && e[0] === 'consent') commands.push([e[0], e[1], e[2]]);
      else if (e && typeof e === 'object' && typeof e.event === 'string') commands.push({ event: e.event });
    }
    // One line per command; long region lists are shortened so the states stay readable.
    var lines = commands.map(function (c) {
      return JSON.stringify(c, function (k, v) {
        return k === 'region' && Array.isArray(v) && v.length > 4 ? v.slice(0, 3).concat('… ' + v.length + ' regions') : v;
      });
    });
    setPre('datalayer', lines.length ? lines.join('\n') : 'none');
  }

  function renderCookies() {
    setPre('cookies', document.cookie ? document.cookie.split('; ').join('\n') : '(none)');
  }

  var lastSubject = '';
  function renderSubject() {
    return fetch('/api/subject', { credentials: 'same-origin' })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        var text = JSON.stringify(j);
        if (text === lastSubject) return;
        lastSubject = text;
        if (j.error) { $('receipts-status').textContent = j.error; return; }
        if (!j.subjectId) { $('receipts-status').textContent = 'No consent cookie yet.'; $('receipts').replaceChildren(); $('links').replaceChildren(el('p', 'none')); return; }
        if (j.status !== 200 || !j.subject) {
          $('receipts-status').textContent = 'server-sync answered ' + j.status + ' for subject ' + j.subjectId + (j.subject && j.subject.error ? ': ' + JSON.stringify(j.subject.error) : '');
          $('receipts').replaceChildren();
          return;
        }
        var s = j.subject;
        var receipts = s.receipts || [];
        $('receipts-status').textContent = receipts.length + ' receipt(s) for subject ' + j.subjectId;
        $('receipts').replaceChildren(table(['received', 'event', 'method', 'regime', 'policy', 'granted'], receipts.map(function (x) {
          var rc = x.receipt || x;
          var granted = rc.purposes ? Object.keys(rc.purposes).filter(function (k) { return rc.purposes[k].granted; }).join(', ') : '';
          return [x.serverTime || (rc.event && rc.event.clientTime) || '', rc.event ? rc.event.type : '', rc.event ? rc.event.method : '', rc.jurisdiction ? rc.jurisdiction.regime + ' (' + rc.jurisdiction.model + ')' : '', rc.policyVersion || '', granted];
        })));
        var links = s.links || [];
        var events = s.linkEvents || [];
        var box = document.createDocumentFragment();
        box.appendChild(table(['join key (keyed hash of the account)', 'status', 'created', 'revoked'], links.map(function (l) {
          return [String(l.joinKey || '').slice(0, 16) + '…', l.revokedAt ? 'revoked (' + (l.revokedReason || '') + ')' : 'active', l.createdAt || '', l.revokedAt || ''];
        })));
        if (events.length) {
          box.appendChild(el('h3', 'Link events'));
          box.appendChild(table(['time', 'type', 'reason'], events.map(function (e) { return [e.at || '', e.type || '', e.reason || '']; })));
        }
        $('links').replaceChildren(box);
      })
      .catch(function (err) { $('receipts-status').textContent = 'Could not reach the demo server: ' + err.message; });
  }

  function renderThirdParty() {
    return fetch('/api/third-party-requests')
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.error) { $('third-party').replaceChildren(el('p', j.error)); return; }
        $('third-party').replaceChildren(table(['time', 'host', 'request'], j.requests.map(function (r) {
          return [new Date(r.time).toLocaleTimeString(), r.host, r.method + ' ' + r.path];
        })));
      })
      .catch(function () {});
  }

  var busy = false;
  function tick() {
    renderAssent();
    renderDataLayer();
    renderCookies();
    if (busy) return;
    busy = true;
    Promise.all([renderSubject(), renderThirdParty()]).then(function () { busy = false; }, function () { busy = false; });
  }
  tick();
  setInterval(tick, 1000);
  // Refresh at once when Assent boots or a decision changes, not only on the next poll.
  document.addEventListener('assent:ready', tick);
  document.addEventListener('assent:change', function () { setTimeout(tick, 300); });
})();
