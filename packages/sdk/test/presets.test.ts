// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://www.shop.example.com/"}
/**
 * One row per vendor: the URLs its preset must hold and must leave alone, cookies it must claim,
 * its category, and the calls its consent API receives on a grant and on a withdrawal, recorded
 * through a stub of the vendor's global on a real consent instance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createConsent, type SiteConfigInput } from '../src/index.js';
import { parseConfig } from '../src/site-config.js';
import type { OptionalCategory } from '../src/schema/receipt.js';
import { PRESETS, PRESET_IDS, presetForUrl, presetsForCookie, presetForCookie } from '../src/presets/index.js';

type Call = unknown[];
interface Row {
  category: OptionalCategory;
  held: string[];
  notHeld?: string[];
  cookies: string[];
  /** The global the vendor's snippet defines, stubbed to record calls. */
  global?: string;
  grant?: Call[];
  withdraw?: Call[];
}

const gtag = 'https://www.googletagmanager.com';
const ROWS: Record<string, Row> = {
  'google-analytics': {
    category: 'analytics',
    held: [`${gtag}/gtag/js?id=G-ABC123`, `${gtag}/gtag/js?l=dataLayer&id=G-1`, 'https://region1.google-analytics.com/g/collect?v=2', 'https://www.google-analytics.com/g/collect'],
    notHeld: [`${gtag}/gtm.js?id=GTM-XYZ`, `${gtag}/gtag/js?id=AW-123`],
    cookies: ['_ga', '_ga_ABC123XYZ'],
  },
  'google-ads': {
    category: 'advertising',
    held: [`${gtag}/gtag/js?id=AW-123456`, 'https://www.googleadservices.com/pagead/conversion.js', 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/', 'https://www.google.com/pagead/1p-user-list/1/'],
    notHeld: [`${gtag}/gtag/js?id=G-ABC`, 'https://www.google.com/maps/embed?pb=1'],
    cookies: ['_gcl_au', '_gcl_aw', '_gac_UA-1-1', 'IDE'],
  },
  'google-tag-manager': {
    category: 'analytics',
    held: [`${gtag}/gtm.js?id=GTM-XYZ`, `${gtag}/ns.html?id=GTM-XYZ`],
    notHeld: [`${gtag}/gtag/js?id=G-ABC`, `${gtag}/gtag/js?id=AW-1`],
    cookies: [],
  },
  'meta-pixel': {
    category: 'advertising',
    held: ['https://connect.facebook.net/en_US/fbevents.js', 'https://www.facebook.com/tr?id=1&ev=PageView&noscript=1'],
    notHeld: ['https://www.facebook.com/plugins/page.php'],
    cookies: ['_fbp', '_fbc'],
    global: 'fbq',
    grant: [['fbq', 'consent', 'grant']],
    withdraw: [['fbq', 'consent', 'revoke']],
  },
  'linkedin-insight': {
    category: 'advertising',
    held: ['https://snap.licdn.com/li.lms-analytics/insight.min.js', 'https://px.ads.linkedin.com/collect/?pid=1&fmt=gif'],
    notHeld: ['https://static.licdn.com/aero-v1/sc/h/logo.svg', 'https://www.linkedin.com/in/someone'],
    cookies: ['li_fat_id', 'li_giant', 'ln_or'],
  },
  'microsoft-clarity': {
    category: 'analytics',
    held: ['https://www.clarity.ms/tag/abc123', 'https://y.clarity.ms/collect'],
    notHeld: ['https://bat.bing.com/bat.js'],
    cookies: ['_clck', '_clsk'],
    global: 'clarity',
    grant: [['clarity', 'consentv2', { ad_Storage: 'granted', analytics_Storage: 'granted' }]],
    withdraw: [['clarity', 'consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' }]],
  },
  'microsoft-uet': {
    category: 'advertising',
    held: ['https://bat.bing.com/bat.js', 'https://bat.bing.com/action/0?ti=1'],
    notHeld: ['https://www.clarity.ms/tag/abc', 'https://www.bing.com/search?q=x'],
    cookies: ['_uetsid', '_uetvid', '_uetmsclkid'],
    global: 'uetq',
    grant: [['uetq', 'push', 'consent', 'update', { ad_storage: 'granted' }]],
    withdraw: [['uetq', 'push', 'consent', 'update', { ad_storage: 'denied' }]],
  },
  'x-pixel': {
    category: 'advertising',
    held: ['https://static.ads-twitter.com/uwt.js', 'https://analytics.twitter.com/i/adsct?txn_id=1', 'https://t.co/i/adsct?txn_id=1'],
    notHeld: ['https://t.co/abcdef', 'https://platform.twitter.com/widgets.js'],
    cookies: ['_twclid'],
  },
  'tiktok-pixel': {
    category: 'advertising',
    held: ['https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=1', 'https://analytics.us.tiktok.com/api/v2/pixel'],
    notHeld: ['https://www.tiktok.com/embed/v2/123'],
    cookies: ['_ttp', '_tt_enable_cookie', 'ttclid', 'ttcsid_C123'],
    global: 'ttq',
    grant: [['ttq', 'grantConsent']],
    withdraw: [['ttq', 'revokeConsent']],
  },
  'reddit-pixel': {
    category: 'advertising',
    held: ['https://www.redditstatic.com/ads/pixel.js', 'https://alb.reddit.com/rp.gif?ts=1'],
    notHeld: ['https://embed.reddit.com/r/x', 'https://www.redditstatic.com/shreddit/x.js'],
    cookies: ['_rdt_uuid'],
  },
  'quora-pixel': {
    category: 'advertising',
    held: ['https://a.quora.com/qevents.js', 'https://q.quora.com/_/ad/1/pixel?tag=ViewContent'],
    notHeld: ['https://www.quora.com/q/x'],
    cookies: [],
  },
  hubspot: {
    category: 'analytics',
    held: ['https://js.hs-scripts.com/123.js', 'https://js-eu1.hs-scripts.com/123.js', 'https://js.hs-analytics.net/analytics/1/123.js', 'https://track.hubspot.com/__pt.gif'],
    notHeld: ['https://js.hsforms.net/forms/embed/v2.js'],
    cookies: ['__hstc', 'hubspotutk', '__hssc', '__hssrc'],
    global: '_hsp',
    grant: [],
    withdraw: [['_hsp', 'push', ['revokeCookieConsent']]],
  },
  'marketo-munchkin': {
    category: 'analytics',
    held: ['https://munchkin.marketo.net/munchkin.js', 'https://123-abc-456.mktoresp.com/webevents/visitWebPage'],
    cookies: ['_mkto_trk'],
  },
  'salesforce-pardot': {
    category: 'analytics',
    held: ['https://pi.pardot.com/pd.js', 'https://cdn.pardot.com/pd.js', 'https://go.pardot.com/pd.js'],
    notHeld: ['https://go.pardot.com/l/123/form'],
    cookies: ['visitor_id123', 'visitor_id123-hash', 'lpv123', 'pi_opt_in123'],
  },
  hotjar: {
    category: 'analytics',
    held: ['https://static.hotjar.com/c/hotjar-1.js?sv=6', 'https://script.hotjar.com/modules.js', 'https://content.hotjar.io/x'],
    cookies: ['_hjSessionUser_123', '_hjSession_123', '_hjTLDTest', '_hjAbsoluteSessionInProgress'],
  },
  mixpanel: {
    category: 'analytics',
    held: ['https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js', 'https://api-js.mixpanel.com/track/'],
    cookies: ['mp_0123abc_mixpanel'],
    global: 'mixpanel',
    grant: [['mixpanel', 'clear_opt_in_out_tracking']],
    withdraw: [['mixpanel', 'opt_out_tracking']],
  },
  amplitude: {
    category: 'analytics',
    held: ['https://cdn.amplitude.com/script/abc.js', 'https://api2.amplitude.com/2/httpapi'],
    cookies: ['AMP_0123456789', 'AMP_MKTG_0123456789', 'amp_abc123'],
    global: 'amplitude',
    grant: [['amplitude', 'setOptOut', false]],
    withdraw: [['amplitude', 'setOptOut', true]],
  },
  segment: {
    category: 'analytics',
    held: ['https://cdn.segment.com/analytics.js/v1/key/analytics.min.js', 'https://api.segment.io/v1/t'],
    cookies: ['ajs_anonymous_id', 'ajs_user_id', 'ajs_group_id'],
  },
  heap: {
    category: 'analytics',
    held: ['https://cdn.heapanalytics.com/js/heap-1.js', 'https://heapanalytics.com/h', 'https://cdn.us.heap-api.com/config/1/heap_config.js'],
    cookies: ['_hp2_id.123', '_hp2_ses_props.123', '_hp2_props.123'],
  },
  fullstory: {
    category: 'analytics',
    held: ['https://edge.fullstory.com/s/fs.js', 'https://rs.fullstory.com/rec/page'],
    cookies: ['fs_uid', 'fs_lua', 'fs_cid'],
  },
  '6sense': {
    category: 'advertising',
    held: ['https://j.6sc.co/6si.min.js', 'https://b.6sc.co/v1/beacon', 'https://epsilon.6sense.com/v3/company/details'],
    cookies: ['_gd_visitor', '_gd_session', '6suuid'],
  },
  clearbit: {
    category: 'analytics',
    held: ['https://tag.clearbitscripts.com/v1/pk_1/tags.js', 'https://x.clearbitjs.com/v2/pk_1/tracking.min.js', 'https://reveal.clearbit.com/v1/companies/reveal'],
    cookies: ['cb_anonymous_id', 'cb_user_id'],
  },
  intercom: {
    category: 'functional',
    held: ['https://widget.intercom.io/widget/abc123', 'https://js.intercomcdn.com/frame.js', 'https://api-iam.intercom.io/messenger/web/ping'],
    cookies: ['intercom-id-abc123', 'intercom-session-abc123', 'intercom-device-id-abc123'],
  },
  drift: {
    category: 'functional',
    held: ['https://js.driftt.com/include/1/abc.js', 'https://js.drift.com/x.js'],
    cookies: ['drift_aid', 'driftt_aid', 'drift_eid'],
  },
  zendesk: {
    category: 'functional',
    held: ['https://static.zdassets.com/ekr/snippet.js?key=abc', 'https://acme.zendesk.com/embeddable/config'],
    cookies: ['__zlcmid'],
    global: 'zE',
    grant: [['zE', 'messenger:set', 'cookies', 'all']],
    withdraw: [['zE', 'messenger:set', 'cookies', 'none']],
  },
  crisp: {
    category: 'functional',
    held: ['https://client.crisp.chat/l.js', 'https://client.relay.crisp.chat/x'],
    cookies: ['crisp-client%2Fsession%2Fabc-123'],
  },
  calendly: {
    category: 'functional',
    held: ['https://assets.calendly.com/assets/external/widget.js', 'https://calendly.com/acme/30min'],
    cookies: [],
  },
  youtube: {
    category: 'advertising',
    held: ['https://www.youtube.com/embed/abc', 'https://www.youtube-nocookie.com/embed/abc', 'https://i.ytimg.com/vi/abc/hqdefault.jpg', 'https://youtube.com/iframe_api'],
    notHeld: ['https://youtu.be.example/abc'],
    cookies: [],
  },
  vimeo: {
    category: 'analytics',
    held: ['https://player.vimeo.com/video/123', 'https://f.vimeocdn.com/p/x.js'],
    cookies: [],
  },
  wistia: {
    category: 'analytics',
    held: ['https://fast.wistia.com/assets/external/E-v1.js', 'https://fast.wistia.net/embed/iframe/abc'],
    cookies: [],
    global: 'Wistia',
    grant: [['Wistia', 'consent', true]],
    withdraw: [['Wistia', 'consent', false]],
  },
  'google-maps': {
    category: 'functional',
    held: ['https://maps.googleapis.com/maps/api/js?key=x', 'https://www.google.com/maps/embed?pb=1', 'https://maps.gstatic.com/mapfiles/x.png'],
    notHeld: ['https://www.google.com/recaptcha/api.js'],
    cookies: [],
  },
  vidyard: {
    category: 'analytics',
    held: ['https://play.vidyard.com/embed/v4.js', 'https://play.vidyard.com/abc.html'],
    cookies: ['vy_session'],
  },
};

/** A stub of a vendor global: callable, with any method, recording `[global, method?, ...args]`. */
function stub(name: string, log: Call[]): unknown {
  const fn = (...args: unknown[]) => void log.push([name, ...args]);
  return new Proxy(fn, { get: (_t, key) => (typeof key === 'string' ? (...args: unknown[]) => void log.push([name, key, ...args]) : undefined) });
}

const site = (services: unknown[]): SiteConfigInput => ({
  policyVersion: '1',
  privacyPolicyUrl: '/privacy',
  categories: ['functional', 'analytics', 'advertising'],
  services: services as SiteConfigInput['services'],
});
const globals = window as unknown as Record<string, unknown>;
const baseline = new Set(Object.keys(window));
afterEach(() => {
  for (const key of Object.keys(window)) if (!baseline.has(key)) delete globals[key];
  for (const c of document.cookie.split('; ')) document.cookie = `${c.split('=')[0]}=;path=/;max-age=0`;
  localStorage.clear();
});

describe('the presets table', () => {
  it('has a test row for every preset, and at least 32 presets', () => {
    expect(Object.keys(ROWS).sort()).toEqual([...PRESET_IDS].sort());
    expect(PRESET_IDS.length).toBeGreaterThanOrEqual(32);
  });

  it.each(PRESET_IDS)('%s: kebab-case id, sources, a privacy policy, and a config that validates as given', (id) => {
    const p = PRESETS[id]!;
    expect(p.id).toBe(id);
    expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(p.sources.length).toBeGreaterThan(0);
    for (const url of [...p.sources, p.privacyPolicyUrl]) expect(url).toMatch(/^https:\/\/[a-z0-9.-]+\//);
    const { config } = parseConfig(site([{ preset: id }]), PRESETS);
    const svc = config.services[0]!;
    expect(svc).toMatchObject({ id, name: p.name, category: p.category, hosts: p.hosts, saleOrShare: p.saleOrShare });
    expect(svc).not.toHaveProperty('sources');
  });
});

describe.each(Object.entries(ROWS))('preset %s', (id, row) => {
  it('has its category', () => expect(PRESETS[id]!.category).toBe(row.category));

  it('holds its hosts and leaves others alone', () => {
    for (const url of row.held) expect(presetForUrl(url)?.id, url).toBe(id);
    for (const url of row.notHeld ?? []) expect(presetForUrl(url)?.id, url).not.toBe(id);
  });

  it('claims its cookies', () => {
    for (const name of row.cookies) expect(presetsForCookie(name).map((p) => p.id), name).toContain(id);
  });

  it(row.global ? `tells ${row.global} of a grant and of a withdrawal` : 'has no consent API, and no vendor global is created', async () => {
    const log: Call[] = [];
    if (row.global) globals[row.global] = stub(row.global, log);
    const before = new Set(Object.keys(window));
    const consent = createConsent(site([{ preset: id }]), { region: 'FR', gate: false });
    await consent.ready;
    log.length = 0;
    consent.acceptAll();
    expect(log).toEqual(row.grant ?? []);
    log.length = 0;
    consent.rejectAll();
    expect(log).toEqual(row.withdraw ?? []);
    // Only the documented queues may appear: gtag's dataLayer (Consent Mode) and UET's uetq.
    const created = Object.keys(window).filter((k) => !before.has(k));
    expect(created.filter((k) => k !== 'dataLayer')).toEqual([]);
    consent.destroy();
  });
});

describe('presetForUrl and presetsForCookie', () => {
  it('ignore what is not an http(s) URL on a vendor host', () => {
    for (const url of ['javascript:alert(1)', '/gtag/js?id=G-1', 'https://example.com/', 'not a url', ''])
      expect(presetForUrl(url, 'https://site.example/')).toBeUndefined();
  });

  it('resolve relative URLs against the base given', () => {
    expect(presetForUrl('//connect.facebook.net/en_US/fbevents.js', 'https://site.example/')?.id).toBe('meta-pixel');
  });

  it('list every vendor sharing a cookie name, exact names first, and narrow by domain', () => {
    expect(presetsForCookie('MUID').map((p) => p.id).sort()).toEqual(['microsoft-clarity', 'microsoft-uet']);
    expect(presetsForCookie('MUID', '.bing.com').map((p) => p.id)).toEqual(['microsoft-uet']);
    expect(presetsForCookie('MUID', 'www.shop.example.com')).toEqual([]);
    expect(presetForCookie('_gcl_au')?.id).toBe('google-ads');
    expect(presetForCookie('_ga_XYZ')?.id).toBe('google-analytics');
    expect(presetForCookie('session_id')).toBeUndefined();
  });
});
