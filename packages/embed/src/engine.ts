/**
 * `assent-core.js`: the consent engine behind the script tag. `assent.js` loads it when the page
 * has something to decide or record (a first visit, a new config, an expired or unknown record,
 * queued receipts, a decision through the API or the UI, a blocked embed). It starts the consent
 * core on what `assent.js` settled (config, regime, gate, what the page was told), saves the
 * verdict that lets the next page skip it, and sends the page's DOM events.
 */
import { SDK_VERSION, startConsent, type EmbedLabels, type WidgetLabels } from '@assent/sdk/internal';
import type { AssentWindow, EngineStart, EngineStarted } from './protocol.js';
import { saveVerdict } from './saved-verdict.js';

function start(o: EngineStart): EngineStarted {
  if (o.version !== SDK_VERSION) throw new Error(`assent-core.js ${SDK_VERSION} cannot run under assent.js ${o.version}: deploy both files of one release`);
  let labels: EmbedLabels | undefined;
  const consent = startConsent(o.config, {
    regime: o.regime,
    window,
    source: 'website',
    gate: o.gate,
    announced: o.announced,
    subscribeFirst: true,
    language: () => o.language,
    labels: () => labels,
  });
  // Placeholders wait for their labels; the gate draws them on the refresh that follows.
  void o.labels.then((l) => {
    labels = l;
    void o.gate.refresh();
  }, () => {});
  // The widget's labels come with the language file when they are not built into assent.js: the
  // verdict is saved once they are here (a page closed before that simply takes this path again).
  let widget: WidgetLabels | undefined;
  const save = () => widget && saveVerdict(window, o.page, consent, widget);
  void o.widget.then((w) => ((widget = w), save()));
  void consent.ready.then(save);
  consent.on('change', save);
  // The page hears decisions as DOM events too: after the verdict is saved, before `window.Assent`'s listeners.
  for (const e of ['change', 'withdraw'] as const) consent.on(e, (detail) => document.dispatchEvent(new CustomEvent(`assent:${e}`, { detail })));
  return { consent };
}

(window as AssentWindow).AssentCore = { start };
