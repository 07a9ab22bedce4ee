/**
 * The UI's stylesheets, in two parts: {@link FIRST_LAYER_CSS} (the panels, the first layer and the
 * buttons) ships in `assent.js`, which draws the first layer itself; {@link DIALOG_CSS} (switches,
 * category lists, cookie tables) ships with the dialogs. Theming is through the `--assent-*` custom
 * properties on `.assent-ui` (a site sets them on `.assent-ui` in its own CSS). Every panel is
 * position:fixed, so the page never shifts (CLS 0); the wrappers are `display: contents`, so even a
 * flex or grid `<body>` with a gap gets no new item. There is no animation or transition at all, so
 * reduced-motion users see nothing move; `.a-enter` only marks the banner's first frame (see
 * first-layer.ts). Logical properties (inline-start/end) give the right-to-left layout for free. The
 * action buttons sit in a grid of equal columns, so they keep one size even when they wrap (equal
 * prominence).
 */
export const FIRST_LAYER_CSS = `.assent-ui{--assent-bg:#fff;--assent-fg:#16181d;--assent-muted:#4a5160;--assent-accent:#1f4fd1;--assent-accent-fg:#fff;--assent-border:#c9ced8;--assent-off:#6b7280;--assent-radius:10px;--assent-font:system-ui,sans-serif;--assent-shadow:0 6px 28px #0004}
@media (prefers-color-scheme:dark){.assent-ui{--assent-bg:#161b26;--assent-fg:#eef0f4;--assent-muted:#c3c8d2;--assent-accent:#8fb3ff;--assent-accent-fg:#0c1322;--assent-border:#485064;--assent-off:#9aa3b2;--assent-shadow:0 6px 28px #0009}}
.assent-ui,.assent-ui>div{display:contents}
.assent-ui .a-panel{position:fixed;z-index:2147483647;box-sizing:border-box;max-height:calc(100vh - 32px);overflow:auto;padding:20px 24px;border:1px solid var(--assent-border);background:var(--assent-bg);color:var(--assent-fg);font:15px/1.5 var(--assent-font);text-align:start;box-shadow:var(--assent-shadow)}
.assent-ui :where(.a-panel *){box-sizing:border-box;margin:0;font:inherit;color:inherit}
.assent-ui .a-bar{inset-inline:0;bottom:0;max-height:70vh;border-width:1px 0 0}
.assent-ui .a-bar>*{max-width:1120px;margin:auto}
.assent-ui .a-box{bottom:16px;inset-inline-start:16px;width:min(460px,100vw - 32px)}
.assent-ui .a-modal{top:50%;left:50%;transform:translate(-50%,-50%);width:min(640px,100vw - 32px)}
.assent-ui .a-enter{scale:.01}
.assent-ui .a-backdrop{position:fixed;inset:0;z-index:2147483647;background:#0a0c128c}
.assent-ui [hidden]{display:none}
.assent-ui h2{margin-bottom:8px;font-size:1.2em;font-weight:700;line-height:1.3}
.assent-ui :is(h3,h4,th,.a-btn){font-weight:650}
.assent-ui p{margin-bottom:10px}
.assent-ui .a-muted{color:var(--assent-muted);font-size:.93em}
.assent-ui a{color:var(--assent-accent);text-decoration:underline}
.assent-ui .a-actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin-top:14px}
.assent-ui .a-modal .a-actions{position:sticky;bottom:-20px;margin:0 0 -20px;padding:14px 0 20px;background:var(--assent-bg)}
.assent-ui :is(.a-box,.a-modal,.a-btn){border-radius:var(--assent-radius)}
.assent-ui .a-btn{display:inline-flex;align-items:center;justify-content:center;gap:8px;min-height:44px;padding:10px 18px;border:2px solid var(--assent-accent);background:var(--assent-accent);color:var(--assent-accent-fg)}
.assent-ui :is(button,summary){cursor:pointer}
.assent-ui :focus-visible{outline:3px solid var(--assent-accent);outline-offset:2px}
.assent-ui .a-panel:focus{outline:0}`;

export const DIALOG_CSS = `.assent-ui summary{padding:6px 0;font-weight:600;color:var(--assent-accent)}
.assent-ui :is(.a-head,.a-row){display:flex;align-items:center;justify-content:space-between;gap:12px}
.assent-ui .a-head{align-items:flex-start}
.assent-ui .a-row{margin-bottom:4px}
.assent-ui .a-x{flex:none;width:44px;height:44px;margin:-8px;border:0;border-radius:50%;background:none;font-size:26px;line-height:1}
.assent-ui .a-list{margin-top:14px;padding:0;list-style:none}
.assent-ui .a-cat{padding:12px 0;border-top:1px solid var(--assent-border)}
.assent-ui .a-on{margin-inline-start:auto;color:var(--assent-muted);font-size:.9em}
.assent-ui .a-switch{flex:none;position:relative;width:48px;height:28px;padding:0;border:2px solid var(--assent-off);border-radius:14px;background:var(--assent-bg)}
.assent-ui .a-switch span{position:absolute;top:3px;inset-inline-start:3px;width:18px;height:18px;border-radius:50%;background:var(--assent-off)}
.assent-ui .a-switch[aria-checked=true]{border-color:var(--assent-accent);background:var(--assent-accent)}
.assent-ui .a-switch[aria-checked=true] span{inset-inline-start:23px;background:var(--assent-accent-fg)}
.assent-ui .a-switch:disabled{opacity:.6;cursor:not-allowed}
.assent-ui .a-svc{margin-top:8px;padding:10px 12px;border:1px solid var(--assent-border);border-radius:var(--assent-radius)}
.assent-ui .a-svc p{margin:4px 0}
.assent-ui table{width:100%;margin-top:6px;border-collapse:collapse;font-size:.9em}
.assent-ui :is(th,td){padding:4px 6px;border-bottom:1px solid var(--assent-border);text-align:start;vertical-align:top}
.assent-ui .a-gpc{padding:8px 12px;border-inline-start:4px solid var(--assent-accent);background:#8882}`;

const adopted = new WeakMap<Document, Set<string>>();

/**
 * Adds a stylesheet once per document: a `<style id>` carrying the page's nonce when there is one
 * (strict CSP), otherwise a constructed sheet, which CSP does not restrict.
 */
export function injectStyles(doc: Document, css: string, id: string, nonce: string | undefined): void {
  const done = adopted.get(doc) ?? new Set<string>();
  if (done.has(id) || doc.getElementById(id)) return;
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (!nonce && Sheet && 'replaceSync' in Sheet.prototype && 'adoptedStyleSheets' in doc) {
    adopted.set(doc, done.add(id));
    const sheet = new Sheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return;
  }
  const style = doc.createElement('style');
  style.id = id;
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  doc.head.append(style);
}
