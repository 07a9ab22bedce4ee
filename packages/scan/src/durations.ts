/** A cookie's lifetime in words, in a given language (Intl unit formatting, rounded the way people say it). */
import type { Language } from '@assent/sdk';
import { LABELS } from './labels.js';

const DAY = 86_400;

/** Seconds from `nowMs` to an expiry in epoch seconds; `null` for a session cookie. Never negative. */
export function lifetimeSeconds(expires: number | null, nowMs: number): number | null {
  return expires === null ? null : Math.max(0, Math.round(expires - nowMs / 1000));
}

/**
 * "Session", or hours under two days, days under two months, months under two years, else years:
 * 395 days is "13 months", 90 days "3 months", 180 days "6 months", 2 years "2 years".
 */
export function formatLifetime(seconds: number | null, lang: Language): string {
  if (seconds === null) return LABELS[lang].session;
  const unit = (u: 'hour' | 'day' | 'month' | 'year', n: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'long', maximumFractionDigits: 0 }).format(Math.max(1, n));
  if (seconds < 2 * DAY) return unit('hour', Math.round(seconds / 3600));
  const days = seconds / DAY;
  if (days < 60) return unit('day', Math.round(days));
  if (days < 730) return unit('month', Math.round(days / 30.44));
  return unit('year', Math.round(days / 365.25));
}
