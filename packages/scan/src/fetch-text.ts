/** Plain HTTP GETs the scanner makes outside the browser: the start page check, robots.txt, sitemaps, a config URL. */

export interface FetchedText {
  url: string;
  status: number;
  contentType: string;
  text: string;
}

/** Largest body read (a sitemap may hold 50,000 URLs: about 10 MB). */
const MAX_BYTES = 12 * 1024 * 1024;

/**
 * GETs `url` with the scanner's user-agent, following redirects, within `timeoutMs`. Network
 * failures reject (the caller words the message); any HTTP status resolves.
 */
export async function fetchText(url: string, userAgent: string, timeoutMs: number): Promise<FetchedText> {
  const res = await fetch(url, { headers: { 'user-agent': userAgent, accept: '*/*' }, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader)
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_BYTES) {
        await reader.cancel();
        throw new Error(`${url} is larger than ${MAX_BYTES / 1024 / 1024} MB`);
      }
      chunks.push(value);
    }
  return { url: res.url || url, status: res.status, contentType: res.headers.get('content-type') ?? '', text: Buffer.concat(chunks).toString('utf8') };
}

/** A network error's most useful words: Node's `fetch` hides the cause (ECONNREFUSED, ENOTFOUND) one level down. */
export function networkReason(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
