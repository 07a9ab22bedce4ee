/**
 * What the UI says, as plain data built from the messages, the regime and the site config. The
 * components render exactly these strings, and {@link noticeText} joins the same strings into the
 * notice a receipt records, so the proof of what the visitor saw cannot drift from the screen.
 */
import type { Category, Consent, Method, Regime, SiteConfig } from '@assent/sdk';
import type { FirstLayerTexts, Messages } from './i18n/en.js';

export interface CookieView {
  name: string;
  duration: string;
  purpose: string;
}

export interface ServiceView {
  id: string;
  name: string;
  /** "Provider: …", already labelled. */
  provider: string;
  purpose: string;
  cookies: CookieView[];
}

export interface CategoryView {
  id: Category;
  label: string;
  purpose: string;
  /** "Services (n)". */
  servicesLabel: string;
  services: ServiceView[];
}

/** The first layer: title and paragraphs, per the regime's model and mandatory notices. */
export interface FirstLayerView {
  title: string;
  paragraphs: string[];
  /** Opt-out and notice regimes inform; opt-in regimes ask. */
  asks: boolean;
}

export function firstLayer(m: FirstLayerTexts, regime: Pick<Regime, 'model' | 'notices'>): FirstLayerView {
  const asks = regime.model === 'opt-in';
  const paragraphs = [asks ? m.intro : m.introOptOut];
  if (regime.notices.includes('refusal-consequence')) paragraphs.push(m.refusalConsequence);
  if (regime.notices.includes('how-to-disable')) paragraphs.push(m.howToDisable);
  if (regime.notices.includes('recipients')) paragraphs.push(m.recipients);
  return { title: m.title, paragraphs, asks };
}

/** Categories in use (necessary first), each with its configured services. */
export function categories(m: Messages, config: SiteConfig): CategoryView[] {
  const ids: Category[] = ['necessary', ...config.categories];
  return ids.map((id) => {
    const services = config.services
      .filter((s) => s.category === id)
      .map((s) => ({ ...s, provider: `${m.provider}: ${s.provider}` }));
    return {
      id,
      label: m[id],
      purpose: m[`${id}Purpose`],
      servicesLabel: m.services.replace('{count}', String(services.length)),
      services,
    };
  });
}

/** Strings of the privacy-choices view, the GPC line only when the signal is present. */
export function privacyChoices(m: Messages, gpc: boolean): string[] {
  return [m.privacyChoices, m.privacyChoicesIntro, ...(gpc ? [m.gpcHonored] : []), m.optOut];
}

/** What a notice depends on besides the texts: a consent instance, or the script tag's view of one. */
export type NoticeContext = Pick<Consent, 'config' | 'regime' | 'gpc'>;

/**
 * The notice recorded with a decision made by `method`: one string per line, in reading order. For
 * the banner and preferences it is the first layer, the privacy statement link, then every
 * category, service and cookie row; for privacy choices, that view's strings.
 */
export function noticeText(m: Messages, consent: NoticeContext, method: Method): string {
  if (method === 'privacy-choices') return privacyChoices(m, consent.gpc).join('\n');
  const first = firstLayer(m, consent.regime);
  const lines = [first.title, ...first.paragraphs, `${m.privacyPolicy}: ${consent.config.privacyPolicyUrl}`];
  lines.push(m.preferencesTitle, m.preferencesIntro);
  for (const c of categories(m, consent.config)) {
    lines.push(`${c.label}: ${c.purpose}`);
    for (const s of c.services) {
      lines.push(`${s.name}. ${s.provider}. ${s.purpose}`);
      for (const k of s.cookies) lines.push(`${m.cookie}: ${k.name}; ${m.duration}: ${k.duration}; ${m.purpose}: ${k.purpose}`);
    }
  }
  return lines.join('\n');
}
