/* Demo chat widget (fake vendor "Chatterbox"), a functional service: it remembers the visitor's
   language in a first-party cookie and renders a small chat bubble that talks to its own API.
   It builds its DOM with createElement/textContent and styles it through CSSOM, so it runs
   under a strict Content-Security-Policy (no inline styles or HTML strings). */
(function () {
  if (window.demoChat) return;
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : 'http://chat.localhost:4175';
  var match = document.cookie.match(/(?:^|;\s*)demo_chat_lang=([^;]+)/);
  var lang = match ? decodeURIComponent(match[1]) : (document.documentElement.lang || navigator.language || 'en').slice(0, 2);
  document.cookie = 'demo_chat_lang=' + encodeURIComponent(lang) + '; path=/; max-age=' + 60 * 60 * 24 * 180 + '; SameSite=Lax';

  function el(tag, styles, text) {
    var node = document.createElement(tag);
    for (var k in styles) node.style[k] = styles[k];
    if (text) node.textContent = text;
    return node;
  }

  var root = el('div', { position: 'fixed', left: '20px', bottom: '20px', zIndex: '2147483000', font: '14px/1.4 system-ui, sans-serif' });
  root.setAttribute('data-demo-chat', '');
  var bubble = el('button', { height: '44px', padding: '0 18px', borderRadius: '22px', border: '0', background: '#0f766e', color: '#fff', font: '600 14px/1 system-ui, sans-serif', cursor: 'pointer', boxShadow: '0 4px 14px rgba(0,0,0,.25)' }, 'Chat');
  bubble.type = 'button';
  bubble.setAttribute('aria-label', 'Open chat');
  bubble.setAttribute('aria-expanded', 'false');
  var panel = el('section', { display: 'none', width: '280px', marginBottom: '10px', background: '#fff', color: '#111', borderRadius: '12px', boxShadow: '0 8px 30px rgba(0,0,0,.25)', overflow: 'hidden' });
  panel.setAttribute('aria-label', 'Chat with us');
  var head = el('div', { background: '#0f766e', color: '#fff', padding: '10px 12px', fontWeight: '600' }, 'Chat with us');
  var log = el('div', { padding: '10px 12px', height: '150px', overflowY: 'auto' });
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  var form = el('form', { display: 'flex', borderTop: '1px solid #e5e7eb' });
  var input = el('input', { flex: '1', border: '0', padding: '10px 12px', font: 'inherit' });
  input.setAttribute('aria-label', 'Message');
  input.placeholder = 'Type a message';
  var send = el('button', { border: '0', background: 'transparent', color: '#0f766e', fontWeight: '600', padding: '0 12px', cursor: 'pointer' }, 'Send');
  send.type = 'submit';
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(bubble);

  function say(who, text) {
    var line = el('p', { margin: '0 0 6px' });
    var name = el('strong', {}, who + ': ');
    line.appendChild(name);
    line.appendChild(document.createTextNode(text));
    log.appendChild(line);
    log.scrollTop = log.scrollHeight;
  }

  var greeted = false;
  bubble.addEventListener('click', function () {
    var open = panel.style.display === 'none';
    panel.style.display = open ? 'block' : 'none';
    bubble.setAttribute('aria-expanded', String(open));
    if (open) input.focus();
    if (open && !greeted) {
      greeted = true;
      fetch(origin + '/api/greeting?lang=' + encodeURIComponent(lang))
        .then(function (r) { return r.json(); })
        .then(function (j) { say('Support', j.text); })
        .catch(function () { say('Support', 'Chat is offline.'); });
    }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value;
    if (!text.trim()) return;
    say('You', text);
    input.value = '';
    fetch(origin + '/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: text }) })
      .then(function (r) { return r.json(); })
      .then(function (j) { say('Support', j.text); })
      .catch(function () { say('Support', 'Message not delivered.'); });
  });

  document.body.appendChild(root);
  window.demoChat = { lang: lang, root: root, loadedAt: new Date().toISOString() };
  document.dispatchEvent(new CustomEvent('demo-chat:loaded', { detail: { lang: lang } }));
})();
