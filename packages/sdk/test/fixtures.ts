import type { SiteConfigInput } from '../src/config/types.js';

/** A site config like the demo's: one service per category, one of them sale/share. */
export const siteConfig = (over: Partial<SiteConfigInput> = {}): SiteConfigInput => ({
  policyVersion: '2026-11',
  privacyPolicyUrl: 'https://example.com/privacy',
  services: [
    { id: 'chat', name: 'Chat', provider: 'ChatCo', category: 'functional', purpose: 'Support chat', hosts: ['chat.localhost'], cookies: [{ name: 'demo_chat_lang', duration: '1 year', purpose: 'Chat language' }] },
    { id: 'stats', name: 'Stats', provider: 'StatsCo', category: 'analytics', purpose: 'Usage statistics', hosts: ['analytics.localhost'], cookies: [{ name: 'demo_analytics_id', duration: '13 months', purpose: 'Visitor id' }, { name: '_st_*', duration: '1 day', purpose: 'Session' }] },
    { id: 'ads', name: 'Ads', provider: 'AdsCo', category: 'advertising', purpose: 'Retargeting', hosts: ['ads.localhost', '*.adcdn.test'], cookies: [{ name: 'demo_ads_id', duration: '90 days', purpose: 'Ad id' }], saleOrShare: true },
  ],
  ...over,
});
