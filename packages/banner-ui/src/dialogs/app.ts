import type { Consent, OptionalCategory } from '@assent/sdk';
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
  acceptAll(): void;
  rejectAll(): void;
  save(sel: Selection): void;
  saveOptOut(optOut: boolean): void;
}

/** The dialogs a controller can open. */
export type DialogView = 'preferences' | 'privacy-choices';
