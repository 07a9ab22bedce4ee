// Real vendors a B2B marketing site uses, written out as Assent services: what the demo's
// tag-manager page and the browser tests (e2e/stack) configure. Hosts are the vendors' real
// ones; the demo serves its stand-ins under `<host>.localhost`, so it passes a host mapper.
// Cookie names, lifetimes and purposes are the first-party cookies each vendor documents (the
// stand-ins in examples/third-party/public/vendors set the same names).
//
// When vendor presets land (`{ "preset": "meta-pixel" }` from `@assent/sdk/presets`), these
// become presets with the demo's host overrides.

/**
 * @param {(host: string) => string} [host] maps a real host (or `*.` pattern) to the one to configure
 * @returns {Record<'google-analytics' | 'meta-pixel' | 'linkedin-insight' | 'hotjar' | 'hubspot' | 'intercom' | 'youtube' | 'vimeo', import('./vendor-services.d.mts').VendorService>}
 */
export function vendorServices(host = (h) => h) {
  const hosts = (...list) => list.map(host);
  return {
    // Google's tag loader (www.googletagmanager.com/gtag/js) shares its host with the GTM
    // container (/gtm.js): listing the host would hold the container too. Gate the loader in
    // the markup instead; its hits go to the hosts below, which the network hold covers.
    'google-analytics': {
      id: 'google-analytics',
      name: 'Google Analytics',
      provider: 'Google Ireland Limited',
      category: 'analytics',
      purpose: 'Measures how the site is used and how campaigns perform.',
      hosts: hosts('*.google-analytics.com', '*.analytics.google.com'),
      cookies: [
        { name: '_ga', duration: '2 years', purpose: 'Distinguishes visitors.' },
        { name: '_ga_*', duration: '2 years', purpose: 'Keeps the state of the visit.' },
      ],
      saleOrShare: false,
      privacyPolicyUrl: 'https://policies.google.com/privacy',
    },
    'meta-pixel': {
      id: 'meta-pixel',
      name: 'Meta Pixel',
      provider: 'Meta Platforms Ireland Limited',
      category: 'advertising',
      purpose: 'Measures ad conversions and builds audiences for ads on Facebook and Instagram.',
      hosts: hosts('connect.facebook.net', 'www.facebook.com'),
      cookies: [
        { name: '_fbp', duration: '90 days', purpose: 'Identifies the browser for ad delivery and measurement.' },
        { name: '_fbc', duration: '90 days', purpose: 'Keeps the last Facebook ad click.' },
      ],
      saleOrShare: true,
      privacyPolicyUrl: 'https://www.facebook.com/privacy/policy/',
    },
    'linkedin-insight': {
      id: 'linkedin-insight',
      name: 'LinkedIn Insight Tag',
      provider: 'LinkedIn Ireland Unlimited Company',
      category: 'advertising',
      purpose: 'Measures LinkedIn ad conversions and builds audiences for LinkedIn ads.',
      hosts: hosts('snap.licdn.com', '*.ads.linkedin.com'),
      cookies: [{ name: 'li_fat_id', duration: '30 days', purpose: 'Keeps the LinkedIn ad click for conversion tracking.' }],
      saleOrShare: true,
      privacyPolicyUrl: 'https://www.linkedin.com/legal/privacy-policy',
    },
    hotjar: {
      id: 'hotjar',
      name: 'Hotjar',
      provider: 'Hotjar Ltd.',
      category: 'analytics',
      purpose: 'Heatmaps and recordings of how pages are used, to improve them.',
      hosts: hosts('*.hotjar.com', '*.hotjar.io'),
      cookies: [
        { name: '_hjSessionUser_*', duration: '365 days', purpose: 'Keeps the Hotjar user id for this site.' },
        { name: '_hjSession_*', duration: '30 minutes', purpose: 'Keeps the current visit.' },
      ],
      saleOrShare: false,
      privacyPolicyUrl: 'https://www.hotjar.com/legal/policies/privacy/',
    },
    hubspot: {
      id: 'hubspot',
      name: 'HubSpot',
      provider: 'HubSpot, Inc.',
      category: 'analytics',
      purpose: 'Tracks visits and form submissions for our marketing contacts.',
      hosts: hosts('*.hs-scripts.com', '*.hs-analytics.net', 'track.hubspot.com', '*.hs-banner.com', '*.hscollectedforms.net'),
      cookies: [
        { name: '__hstc', duration: '6 months', purpose: 'Identifies the visitor and the visit times.' },
        { name: 'hubspotutk', duration: '6 months', purpose: 'Links the visitor to form submissions.' },
        { name: '__hssc', duration: '30 minutes', purpose: 'Counts the pages of the current visit.' },
        { name: '__hssrc', duration: 'Session', purpose: 'Detects a new browser session.' },
      ],
      saleOrShare: false,
      privacyPolicyUrl: 'https://legal.hubspot.com/privacy-policy',
    },
    intercom: {
      id: 'intercom',
      name: 'Intercom Messenger',
      provider: 'Intercom R&D Unlimited Company',
      category: 'functional',
      purpose: 'Lets you chat with our team and keeps your conversations.',
      hosts: hosts('*.intercom.io', '*.intercomcdn.com'),
      cookies: [
        { name: 'intercom-id-*', duration: '9 months', purpose: 'Identifies the visitor to the Messenger.' },
        { name: 'intercom-device-id-*', duration: '9 months', purpose: 'Identifies the device to the Messenger.' },
        { name: 'intercom-session-*', duration: '1 week', purpose: 'Keeps the Messenger session.' },
      ],
      saleOrShare: false,
      privacyPolicyUrl: 'https://www.intercom.com/legal/privacy',
    },
    youtube: {
      id: 'youtube',
      name: 'YouTube',
      provider: 'Google Ireland Limited',
      category: 'functional',
      purpose: 'Plays embedded videos.',
      hosts: hosts('www.youtube.com', 'www.youtube-nocookie.com', '*.ytimg.com'),
      cookies: [],
      saleOrShare: false,
      privacyPolicyUrl: 'https://policies.google.com/privacy',
    },
    vimeo: {
      id: 'vimeo',
      name: 'Vimeo',
      provider: 'Vimeo.com, Inc.',
      category: 'functional',
      purpose: 'Plays embedded videos.',
      hosts: hosts('player.vimeo.com', '*.vimeocdn.com'),
      cookies: [],
      saleOrShare: false,
      privacyPolicyUrl: 'https://vimeo.com/privacy',
    },
  };
}

/** The vendors the tag-manager stand-in injects (examples/third-party/public/tag-manager/container.js). */
export const TAG_MANAGER_VENDORS = Object.freeze(['google-analytics', 'meta-pixel', 'linkedin-insight', 'hotjar', 'youtube']);
