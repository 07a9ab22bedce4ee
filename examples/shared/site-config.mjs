// The site configuration both demo properties share (the marketing site and the Portal):
// one policy version, one cookie, the four demo vendors and the real vendors the tag manager
// page's container injects (served by the third-party origin under `<real host>.localhost`).
// Served as /site.json.
import { TAG_MANAGER_VENDORS, vendorServices } from './vendor-services.mjs';

/** Bump to see every visitor asked again. */
export const DEMO_POLICY_VERSION = '2026-11';

/**
 * Builds the SiteConfigInput (packages/sdk/src/config/types.ts) for the demo.
 * @param {{ serverSyncUrl: string, privacyPolicyUrl: string }} options
 */
export function demoSiteConfig({ serverSyncUrl, privacyPolicyUrl }) {
  const vendors = vendorServices((host) => `${host}.localhost`);
  return {
    policyVersion: DEMO_POLICY_VERSION,
    privacyPolicyUrl,
    categories: ['functional', 'analytics', 'advertising'],
    services: [
      {
        id: 'demo-chat',
        name: 'Chatterbox live chat',
        provider: 'Chatterbox Ltd. (demo vendor)',
        category: 'functional',
        purpose: 'Lets you chat with our team and remembers your chat language.',
        hosts: ['chat.localhost'],
        cookies: [{ name: 'demo_chat_lang', duration: '6 months', purpose: 'Remembers the language of the chat.' }],
        saleOrShare: false,
      },
      {
        id: 'demo-video',
        name: 'Streamly video player',
        provider: 'Streamly Inc. (demo vendor)',
        category: 'functional',
        purpose: 'Plays the customer-story videos embedded in our blog.',
        hosts: ['video.localhost'],
        cookies: [],
        saleOrShare: false,
      },
      {
        id: 'demo-analytics',
        name: 'Metricly analytics',
        provider: 'Metricly Inc. (demo vendor)',
        category: 'analytics',
        purpose: 'Measures how the site is used and how campaigns perform; merged with Portal activity for Portal users.',
        hosts: ['analytics.localhost'],
        cookies: [{ name: 'demo_analytics_id', duration: '13 months', purpose: 'Distinguishes visitors to count visits.' }],
        saleOrShare: false,
      },
      {
        id: 'demo-ads',
        name: 'AdReach pixel',
        provider: 'AdReach Networks (demo vendor)',
        category: 'advertising',
        purpose: 'Measures ad conversions and personalises ads with advertising partners.',
        hosts: ['ads.localhost'],
        cookies: [{ name: 'demo_ads_id', duration: '90 days', purpose: 'Identifies the browser to advertising partners.' }],
        saleOrShare: true,
      },
      ...TAG_MANAGER_VENDORS.map((id) => vendors[id]),
    ],
    // The tag manager's tags send hits with fetch, sendBeacon and `new Image()`: hold those too.
    gate: { interceptNetwork: true },
    serverSync: { url: serverSyncUrl },
  };
}
