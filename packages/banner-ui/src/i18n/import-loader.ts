/** Catalogue loader of the npm build: English is built in, every other language is its own chunk. */
import { en, type Messages } from './en.js';
import type { CatalogueLoader } from './loader.js';

type Module = Promise<{ default: Messages }>;

const modules: Record<Parameters<CatalogueLoader>[0], () => Module> = {
  en: async () => ({ default: en }),
  fr: () => import('./fr.js'),
  'fr-CA': () => import('./fr-CA.js'),
  es: () => import('./es.js'),
  'pt-BR': () => import('./pt-BR.js'),
  de: () => import('./de.js'),
  it: () => import('./it.js'),
  nl: () => import('./nl.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
  vi: () => import('./vi.js'),
  th: () => import('./th.js'),
  id: () => import('./id.js'),
  ms: () => import('./ms.js'),
  ar: () => import('./ar.js'),
};

export const importCatalogue: CatalogueLoader = (lang) => modules[lang]().then((m) => m.default);
