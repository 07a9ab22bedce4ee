/** Reads a request body with a hard size cap. */
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

/** The body's bytes are not UTF-8: decoding would turn them into U+FFFD, text the client never sent. */
export class BodyNotUtf8 extends Error {
  override name = 'BodyNotUtf8';
}

/** Resolves the body as text, or rejects with BodyTooLarge as soon as it passes `max` bytes. */
export function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        reject(new BodyTooLarge());
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        const bytes = Buffer.concat(parts, size);
        if (isUtf8(bytes)) resolve(bytes.toString('utf8'));
        else reject(new BodyNotUtf8());
      }
    });
    req.on('error', (err) => {
      if (!done) {
        done = true;
        reject(err);
      }
    });
  });
}
