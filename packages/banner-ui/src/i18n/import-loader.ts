/** Catalogue loader of the npm build: each language is its own chunk, imported on demand. */
import type { CatalogueLoader } from './loader.js';
import type { Catalogue } from './messages.js';

type Module = Promise<{ default: Catalogue }>;

const modules: Record<Parameters<CatalogueLoader>[0], () => Module> = {
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
