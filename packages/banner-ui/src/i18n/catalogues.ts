/**
 * Every shipped catalogue at once, for tools that need all languages (the site scanner clicks the
 * banner's buttons by their names in any of them). The UI itself loads one language at a time.
 */
import type { Language } from '@assent/sdk';
import ar from './ar.js';
import de from './de.js';
import { en, type Messages } from './en.js';
import es from './es.js';
import frCA from './fr-CA.js';
import fr from './fr.js';
import id from './id.js';
import it from './it.js';
import ja from './ja.js';
import ko from './ko.js';
import ms from './ms.js';
import nl from './nl.js';
import ptBR from './pt-BR.js';
import th from './th.js';
import vi from './vi.js';

export const CATALOGUES: Record<Language, Messages> = { en, fr, 'fr-CA': frCA, es, 'pt-BR': ptBR, de, it, nl, ja, ko, vi, th, id, ms, ar };
