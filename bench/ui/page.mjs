// The one test page every library is measured on: a marketing landing page whose Largest
// Contentful Paint candidate is a hero image (880×360 CSS px, a 1280×800 viewport shows it whole),
// with the hero's headline and text beside it. Only what each library needs differs: its tags
// first in `<head>` (right after the charset), later in `<head>` and at the end of `<body>`, and
// the markup of its one gated analytics script.
import { deflateSync, crc32 } from 'node:zlib';

/** What the gated analytics script does when it runs: the mark every library's "gated script ran" signal reads. */
export const ANALYTICS_MARK = 'bench:analytics';
export const ANALYTICS_PATH = '/vendor/analytics.js';
export const ANALYTICS_JS = `performance.mark(${JSON.stringify(ANALYTICS_MARK)});`;

const STYLE = `body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1d24}header{display:flex;gap:24px;padding:16px 32px;border-bottom:1px solid #ddd}
.hero{padding:40px 32px 16px;max-width:880px}.hero h1{font-size:40px;line-height:1.15;margin:0 0 16px}.hero p{font-size:18px;margin:0 0 16px;max-width:640px}
.hero-img{display:block;margin:0 32px 24px;width:880px;height:360px;border-radius:8px}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:16px;padding:0 32px 32px}.cards div{border:1px solid #ddd;border-radius:8px;padding:12px}`;

const HERO = `<main><section class="hero"><h1>Voice, video and messaging APIs for every conversation</h1>
<p>Build calling, video meetings and omnichannel messaging into your product with one platform and one bill.</p><a href="/signup">Start free</a></section>
<img class="hero-img" src="/img/hero.png" width="880" height="360" alt="A support agent on a video call">
<section class="cards"><div>Programmable voice in 100+ countries.</div><div>Video rooms for up to 50 people.</div><div>SMS, WhatsApp and email from one API.</div></section></main>`;

// A short text page where a banner's paragraph outsizes the page's own text (a banner that is
// painted full size at once then becomes the LCP element).
const SPARSE = `<main style="padding:24px 32px"><h1 style="font-size:24px;margin:0 0 8px">Pricing</h1><p>Pay as you go. Volume discounts from 1M minutes.</p></main>`;

export const PAGES = ['hero', 'sparse'];

/**
 * @param {{ first?: string, head: string, gated: string, tail: string }} lib  the library's markup
 * @param {'hero' | 'sparse'} kind
 */
export const pageHtml = (lib, kind) => `<!doctype html><html lang="en"><head><meta charset="utf-8">${lib.first ?? ''}
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Vocaro: communications APIs</title><style>${STYLE}</style>
${lib.head}
${lib.gated}
</head><body>
<header><strong>Vocaro</strong><a href="/product">Product</a><a href="/pricing">Pricing</a><a href="/docs">Docs</a></header>
${kind === 'sparse' ? SPARSE : HERO}
${lib.tail}
</body></html>`;

/**
 * The hero image: an 880×360 RGB PNG of a soft gradient with a deterministic grain in 7×7 px
 * blocks, 31.7 KB: about the weight of a compressed photo of that size. Generated, so the repo
 * holds no binary. Like a photo's EXIF/ICC header, 3 KB of metadata come before the pixels, and
 * that matters: Chromium judges an image's entropy at its first paint, and an image first painted
 * progressively from under 0.05 bit per pixel (here < 2 KB) is never an LCP candidate. Without the
 * header, on emulated Slow 4G the image was dropped in 8 runs of 8, with it in none.
 */
export function heroPng(width = 880, height = 360, block = 7) {
  let seed = 19;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 7;
  const across = Math.ceil(width / block);
  const grain = Uint8Array.from({ length: across * Math.ceil(height / block) * 3 }, rand);
  const raw = Buffer.alloc((width * 3 + 1) * height);
  const row = Buffer.alloc(width * 3);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0, p = 0; x < width; x++) {
      const g = (Math.floor(y / block) * across + Math.floor(x / block)) * 3;
      row[p++] = 40 + (x * 120) / width + grain[g];
      row[p++] = 90 + (y * 100) / height + grain[g + 1];
      row[p++] = 170 - (x * 60) / width + grain[g + 2];
    }
    raw[o++] = 1; // PNG filter "Sub": each byte minus the same channel of the pixel to its left
    for (let i = 0; i < row.length; i++) raw[o++] = (row[i] - (i >= 3 ? row[i - 3] : 0)) & 255;
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`Comment\0${'Generated test image for the Assent UI benchmark. '.repeat(60)}`, 'latin1')),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
