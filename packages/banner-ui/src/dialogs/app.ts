import type { Consent, DecisionOptions, Method, OptionalCategory } from '@assent/sdk';
import type { Messages } from '../i18n/en.js';

/** What the visitor has switched in preferences: categories, and services by id. */
export interface Selection {
  categories: Record<OptionalCategory, boolean>;
  services: Record<string, boolean>;
}

/**
 * What the dialogs get from the UI controller: the consent instance and texts to show, and the
 * actions that leave the UI. Every decision goes through the controller, which records the notice
 * shown and the method; the dialogs never call the consent instance's decisions themselves.
 */
export interface DialogApp {
  consent: Consent;
  m: Messages;
  /** Prefix of element ids, unique per mount. */
  id: string;
  /** A declared minor: advertising stays off and cannot be switched on. */
  minor: boolean;
  /** Closes the dialog; focus goes back to what opened it. */
  close(): void;
  /** Records a decision made by `method` with the notice shown, then closes the UI. */
  decide(method: Method, run: (options: DecisionOptions) => void): void;
}

/** The dialogs' decisions, each recorded through the controller. */
export const acceptAll = (app: DialogApp) => app.decide('accept-all', (o) => app.consent.acceptAll(o));
export const rejectAll = (app: DialogApp) => app.decide('reject-all', (o) => app.consent.rejectAll(o));
export const saveOptOut = (app: DialogApp, optOut: boolean) => app.decide('privacy-choices', (o) => app.consent.setSaleShareOptOut(optOut, o));

/** Saves preferences: each category as switched, each service on only with its category. */
export function save(app: DialogApp, sel: Selection): void {
  app.decide('custom', (o) => {
    const { config } = app.consent;
    const services: Record<string, boolean> = {};
    for (const s of config.services) services[s.id] = sel.categories[s.category] && sel.services[s.id] !== false;
    app.consent.set({ ...Object.fromEntries(config.categories.map((c) => [c, sel.categories[c]])), services }, o);
  });
}

/** The dialogs a controller can open. */
export type DialogView = 'preferences' | 'privacy-choices';
