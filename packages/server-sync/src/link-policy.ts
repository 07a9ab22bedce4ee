/**
 * When a receipt permits a website↔Portal link. The one definition used when a link is requested,
 * when a receipt arrives (to revoke), and by the expiry/policy sweep.
 */
import type { LinkRefusalReason, LinkRevocationReason, Receipt } from '@assent/sdk/schema';

/**
 * Whether the receipt's choices (not yet its time or policy version) permit merging analytics:
 * - `analytics` is granted with basis `consent` (an affirmative choice; a regime default never counts);
 * - every analytics service flagged `saleOrShare` is granted with basis `consent`;
 * - and no honoured Global Privacy Control signal covers an analytics service flagged `saleOrShare`
 *   (GPC opts out of sale/share, and merging with such a service would be one).
 */
export function choicesPermitLink(r: Receipt): boolean {
  const analytics = r.purposes.analytics;
  if (!analytics.granted || analytics.basis !== 'consent') return false;
  for (const s of Object.values(r.services)) {
    if (s.category !== 'analytics' || !s.saleOrShare) continue;
    if (r.signals.gpc.honoured) return false;
    if (!s.granted || s.basis !== 'consent') return false;
  }
  return true;
}

/** The link-relevant summary of a subject's latest receipt, as storage keeps it. */
export interface LatestConsent {
  permits: boolean;
  expiresAt: string;
  policyVersion: string;
}

export function summarize(r: Receipt): LatestConsent {
  return { permits: choicesPermitLink(r), expiresAt: r.validity.expiresAt, policyVersion: r.policyVersion };
}

/**
 * Why the latest consent does not permit a link now, or null when it does. Checked in this order:
 * choices (`consent_required`), validity (`consent_expired`), policy version (`policy_outdated`).
 */
export function refusalOf(latest: LatestConsent, now: Date, policyVersion: string): Exclude<LinkRefusalReason, 'subject_unknown'> | null {
  if (!latest.permits) return 'consent_required';
  if (Date.parse(latest.expiresAt) <= now.getTime()) return 'consent_expired';
  if (latest.policyVersion !== policyVersion) return 'policy_outdated';
  return null;
}

/** The revocation reason that matches a refusal. */
export function revocationFor(refusal: Exclude<LinkRefusalReason, 'subject_unknown'>): LinkRevocationReason {
  return refusal === 'consent_required' ? 'withdrawn' : refusal === 'consent_expired' ? 'expired' : 'policy_outdated';
}
