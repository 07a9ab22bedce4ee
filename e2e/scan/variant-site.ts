/**
 * A test build of the demo marketing site with two mistakes a real site makes: an undeclared
 * vendor tag (`tracker.localhost`, in no service of the config, ungated) that sets its own cookie
 * and beacons home, and an ungated pixel toward a declared advertising host. It is a proxy in
 * front of the demo site that adds both to every HTML page (and their origin to the page's CSP),
 * and answers as `tracker.localhost` itself. Everything else passes through unchanged.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';

export interface VariantSite {
  /** Base URL of the variant site. */
  url: string;
  /** `tracker.localhost:<port>`: the undeclared vendor's host as the browser sees it. */
  trackerHost: string;
  /** The cookie the undeclared vendor's tag sets. */
  trackerCookie: string;
  /** Where the ungated pixel points: `ads.localhost:<port>` (the config's `demo-ads`). */
  pixelHost: string;
  close(): Promise<void>;
}

const TRACKER_COOKIE = 'trk_uid';
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function trackerTag(origin: string): string {
  return `(function () {
  var id = Math.random().toString(36).slice(2);
  document.cookie = '${TRACKER_COOKIE}=' + id + '; path=/; max-age=31536000; SameSite=Lax';
  new Image(1, 1).src = '${origin}/hit?u=' + encodeURIComponent(location.href) + '&id=' + id;
})();`;
}

/** Starts the variant in front of `siteUrl`; `thirdPartyPort` is the demo's fake-vendor port. */
export async function startVariantSite(siteUrl: string, thirdPartyPort: number): Promise<VariantSite> {
  const target = new URL(siteUrl);
  let port = 0;
  const tracker = () => `http://tracker.localhost:${port}`;
  const pixel = `http://ads.localhost:${thirdPartyPort}/px.gif?ungated=1`;

  function serveTracker(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/t.js') res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(trackerTag(tracker()));
    else if (path === '/hit') res.writeHead(200, { 'content-type': 'image/gif', 'cache-control': 'no-store' }).end(GIF);
    else res.writeHead(404).end();
  }

  function proxy(req: IncomingMessage, res: ServerResponse): void {
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, 'accept-encoding': 'identity' } },
      (up) => {
        const headers = { ...up.headers };
        if (!String(headers['content-type'] ?? '').startsWith('text/html')) {
          res.writeHead(up.statusCode ?? 502, headers);
          up.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          const html = Buffer.concat(chunks)
            .toString('utf8')
            .replace('</head>', `<script src="${tracker()}/t.js"></script>\n</head>`)
            .replace('</body>', `<img src="${pixel}" width="1" height="1" alt="">\n</body>`);
          const csp = headers['content-security-policy'];
          if (typeof csp === 'string')
            headers['content-security-policy'] = csp.replace(/(script-src|img-src) /g, `$1 ${tracker()} `);
          delete headers['content-length'];
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(html);
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }

  const server = createServer((req, res) => ((req.headers.host ?? '').startsWith('tracker.localhost') ? serveTracker(req, res) : proxy(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    trackerHost: `tracker.localhost:${port}`,
    trackerCookie: TRACKER_COOKIE,
    pixelHost: `ads.localhost:${thirdPartyPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
