/**
 * Vendors' own consent APIs. After every applied decision the consent core tells each configured
 * service's vendor what it may do, through the API the vendor documents, so a vendor script that
 * is already running (an ungated tag, a tag a container injected, a page that withdrew consent
 * after the tag loaded) follows the decision too.
 *
 * Rules:
 * - A vendor's global is never created, except the two command queues whose vendors document
 *   creating them before their tag loads (`dataLayer`, Microsoft's `uetq`): Meta's snippet, for
 *   one, returns early when `fbq` already exists, so defining it would stop the pixel loading.
 * - Calls are plain data ({@link VendorCall}) built by {@link vendorConsentCalls} and run by
 *   {@link runVendorCalls}, so the script tag can save them with a returning visitor's verdict
 *   and replay them without the engine.
 * - A vendor that throws never breaks the decision: the error is reported and the next call runs.
 *
 * Restricted mode (US sale/share opt-outs): a service with `restrictOnOptOut` keeps running while
 * its category is granted but advertising is not, and its vendor is switched to its restricted
 * mode: Meta Limited Data Use, Google restricted data processing. Timing limits are in the
 * presets README: Meta applies Limited Data Use to events sent after the call, so it must reach
 * the `fbq` queue before `fbq('init')` to cover the first page view.
 */
import type { SiteConfig } from '../config/types.js';
import type { Decision } from '../state/types.js';
import type { OptionalCategory } from '../schema/receipt.js';
import type { VendorConsentApi } from './vendor-apis.js';

export { VENDOR_CONSENT_APIS, RESTRICTABLE_APIS, type VendorConsentApi } from './vendor-apis.js';

/**
 * One call on a vendor's global, as data: `['fbq', '', ['consent', 'grant']]` is
 * `fbq('consent', 'grant')`, `['ttq', 'grantConsent', []]` is `ttq.grantConsent()`.
 */
export type VendorCall = [
  /** The window property the vendor's snippet defines (`fbq`, `ttq`, `uetq`, `dataLayer`). */
  global: string,
  /** A method of that global; empty: the global itself is called. */
  method: string,
  args: unknown[],
  /**
   * The global is a command queue its vendor documents creating before the tag loads: create it
   * (an array) when missing and push these arguments into the new queue instead of `args`.
   */
  queue?: unknown[],
  /** Push `args` to the queue as one gtag command (an `arguments` object, as gtag.js expects). */
  gtag?: 1,
];

/** What one service's vendor is told. */
export interface VendorState {
  /** The service may run (its category and itself are granted). */
  granted: boolean;
  /** Advertising (and so ad storage) is granted. */
  advertising: boolean;
  /** Analytics is granted. */
  analytics: boolean;
  /** The service runs restricted: `restrictOnOptOut` is set, it runs, and advertising is not granted. */
  restricted: boolean;
  /** The service asked for restricted mode (`restrictOnOptOut`), so its vendor is told either way. */
  restrictable: boolean;
}

const s = (on: boolean) => (on ? 'granted' : 'denied');

/**
 * The calls each vendor API makes for a service state. Sources: the preset's `sources` and
 * Meta https://developers.facebook.com/docs/meta-pixel/implementation/gdpr and
 * …/data-processing-options; Google https://support.google.com/google-ads/answer/9614122;
 * Clarity https://learn.microsoft.com/en-us/clarity/setup-and-installation/clarity-consent-api-v2;
 * UET https://learn.microsoft.com/en-us/advertising/msa-help/hlp_ba_conc_uet_consent; TikTok
 * https://business-api.tiktok.com/portal/docs?id=1739585600931842; HubSpot
 * https://developers.hubspot.com/docs/api/events/cookie-banner; Mixpanel and Amplitude: their
 * SDK references; Zendesk https://developer.zendesk.com/api-reference/widget-messaging/web/core/;
 * Wistia https://wistia.com/support/developers/player-api.
 */
const DRIVERS: Record<VendorConsentApi, (v: VendorState) => VendorCall[]> = {
  meta: (v: VendorState): VendorCall[] => [
    ['fbq', '', ['consent', v.granted ? 'grant' : 'revoke']],
    // Limited Data Use with Meta's own geolocation (0, 0); an empty list turns it off again.
    ...(v.restrictable && v.granted
      ? [['fbq', '', v.restricted ? ['dataProcessingOptions', ['LDU'], 0, 0] : ['dataProcessingOptions', []]] as VendorCall]
      : []),
  ],
  // Consent Mode itself is pushed by the core for every config; this adds the US restriction.
  google: (v: VendorState): VendorCall[] =>
    v.restrictable && v.granted ? [['dataLayer', '', ['set', 'restricted_data_processing', v.restricted], [], 1]] : [],
  'microsoft-clarity': (v: VendorState): VendorCall[] => [
    ['clarity', '', ['consentv2', { ad_Storage: s(v.granted && v.advertising), analytics_Storage: s(v.granted) }]],
  ],
  'microsoft-uet': (v: VendorState): VendorCall[] => {
    const state = { ad_storage: s(v.granted) };
    return [['uetq', 'push', ['consent', 'update', state], ['consent', 'default', state]]];
  },
  tiktok: (v: VendorState): VendorCall[] => [['ttq', v.granted ? 'grantConsent' : 'revokeConsent', []]],
  // Removes the tracking code's consent cookies; HubSpot documents no call for a grant.
  hubspot: (v: VendorState): VendorCall[] => (v.granted ? [] : [['_hsp', 'push', [['revokeCookieConsent']]]]),
  // Clearing the opt-in/out state resumes tracking without sending Mixpanel's `$opt_in` event.
  mixpanel: (v: VendorState): VendorCall[] => [['mixpanel', v.granted ? 'clear_opt_in_out_tracking' : 'opt_out_tracking', []]],
  amplitude: (v: VendorState): VendorCall[] => [['amplitude', 'setOptOut', [!v.granted]]],
  zendesk: (v: VendorState): VendorCall[] => [['zE', '', ['messenger:set', 'cookies', v.granted ? (v.analytics ? 'all' : 'functional') : 'none']]],
  wistia: (v: VendorState): VendorCall[] => [['Wistia', 'consent', [v.granted]]],
};

/** Category and service decisions, as the consent core holds them. */
export interface DecisionState {
  categories: Record<OptionalCategory, Decision>;
  services: Record<string, Decision | undefined>;
}

/** The calls that tell every configured vendor the given decisions, without duplicates. */
export function vendorConsentCalls(config: Pick<SiteConfig, 'services'>, d: DecisionState): VendorCall[] {
  const advertising = d.categories.advertising.granted;
  const analytics = d.categories.analytics.granted;
  const calls = new Map<string, VendorCall>();
  for (const svc of config.services) {
    const driver = svc.consentApi && DRIVERS[svc.consentApi];
    if (!driver) continue;
    const granted = d.categories[svc.category].granted && !!d.services[svc.id]?.granted;
    const restrictable = !!svc.restrictOnOptOut;
    for (const call of driver({ granted, advertising, analytics, restrictable, restricted: restrictable && granted && !advertising }))
      calls.set(JSON.stringify(call), call);
  }
  return [...calls.values()];
}

type Globals = Record<string, unknown>;

// gtag.js treats only `arguments` objects as commands. (Own copy rather than consent-mode.ts's:
// the engine borrows that module's functions from assent.js, and these two are not lent.)
function asArguments(..._args: unknown[]): IArguments {
  // eslint-disable-next-line prefer-rest-params
  return arguments;
}

/**
 * Runs vendor calls on a window: each only where its global exists (or is a documented queue).
 * Returns the calls skipped because their global did not exist yet.
 */
export function runVendorCalls(win: object, calls: readonly VendorCall[]): VendorCall[] {
  const w = win as Globals;
  const skipped: VendorCall[] = [];
  for (const call of calls) {
    const [global, method, args, queue, gtag] = call;
    try {
      let target = w[global] as Globals | undefined;
      let use = args;
      if (target == null) {
        if (!queue) {
          skipped.push(call);
          continue;
        }
        target = (w[global] = []) as unknown as Globals;
        if (queue.length) use = queue;
      }
      if (gtag) (target as unknown as unknown[]).push(asArguments(...use));
      else {
        const fn = method ? target[method] : target;
        if (typeof fn === 'function') Reflect.apply(fn, target, use);
      }
    } catch (e) {
      console.warn(`[assent] ${global}${method && `.${method}`}(…) failed:`, e);
    }
  }
  return skipped;
}

/** The latest decision applied on each window, so a deferred run never overrides a newer one. */
const latest = new WeakMap<object, object>();

/**
 * Tells every configured vendor the decisions now applied. The consent core calls this after
 * each applied decision (and withdrawal), before the gate releases anything the decision allows.
 * A vendor whose global does not exist yet is tried once more after the current task: an inline
 * snippet the gate releases for this decision defines its global by then (Clarity's queue, for
 * one, then carries the consent before its library loads).
 */
export function applyVendorConsent(win: object, config: Pick<SiteConfig, 'services'>, decisions: DecisionState): void {
  const token = {};
  latest.set(win, token);
  const skipped = runVendorCalls(win, vendorConsentCalls(config, decisions));
  if (skipped.length)
    (win as { setTimeout?: (f: () => void, ms: number) => unknown }).setTimeout?.(() => void (latest.get(win) === token && runVendorCalls(win, skipped)), 0);
}
