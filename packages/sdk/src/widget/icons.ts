/**
 * The icons Assent draws without a framework: the widget's cookie and the "Your Privacy Choices"
 * opt-out icon, shared by the widget, the first layer and the privacy-choices dialog.
 */
const SVG = 'http://www.w3.org/2000/svg';

/** An icon hidden from assistive technology (the button carries the name): `paths` are `[d, fill]`. */
function svg(doc: Document, viewBox: string, height: string, paths: Array<[string, string]>): SVGSVGElement {
  const el = doc.createElementNS(SVG, 'svg');
  el.setAttribute('viewBox', viewBox);
  el.setAttribute('height', height);
  el.setAttribute('aria-hidden', 'true');
  for (const [d, fill] of paths) {
    const p = el.appendChild(doc.createElementNS(SVG, 'path'));
    p.setAttribute('d', d);
    p.setAttribute('fill', fill);
  }
  return el;
}

/** A cookie with a bite out of it. */
export const cookieIcon = (doc: Document) =>
  svg(doc, '0 0 24 24', '22', [
    ['M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zm-4 7a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm7 6a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm-6 2a1 1 0 1 1 0 2 1 1 0 0 1 0-2z', 'currentColor'],
  ]);

/** The CPPA privacy options icon: a pill, white half with a check, blue half with a cross. */
export const privacyChoicesIcon = (doc: Document) =>
  svg(doc, '0 0 30 14', '14', [
    ['M7 0h16a7 7 0 0 1 0 14H7A7 7 0 0 1 7 0z', '#06f'],
    ['M7 1h9.5l-4 12H7A6 6 0 0 1 7 1z', '#fff'],
    ['M5.2 7.1l1.3-1.3 1.6 1.6 3.2-3.2 1.3 1.3-4.5 4.5z', '#06f'],
    ['M19.3 4.3l1.7 1.7 1.7-1.7 1.2 1.2-1.7 1.7 1.7 1.7-1.2 1.2-1.7-1.7-1.7 1.7-1.2-1.2 1.7-1.7-1.7-1.7z', '#fff'],
  ]);
