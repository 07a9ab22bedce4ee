// Small node:http helpers shared by the demo servers: responses, static files, cookies, bodies.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { randomBytes } from 'node:crypto';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** Headers every demo response carries. */
const COMMON = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };

export function sendText(res, status, type, body, headers = {}) {
  res.writeHead(status, { ...COMMON, 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

export const sendJson = (res, status, value, headers = {}) =>
  sendText(res, status, CONTENT_TYPES['.json'], JSON.stringify(value, null, 2), headers);

export const sendHtml = (res, status, body, headers = {}) => sendText(res, status, CONTENT_TYPES['.html'], String(body), headers);

/** Sends a file if it exists; returns false (sending nothing) when it does not. */
export async function sendFile(res, file, headers = {}) {
  try {
    const s = await stat(file);
    if (!s.isFile()) return false;
  } catch {
    return false;
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  sendText(res, 200, type, await readFile(file), headers);
  return true;
}

/** A fresh CSP nonce: 128 random bits, base64. */
export const makeNonce = () => randomBytes(16).toString('base64');

/** Parses a Cookie header into a map; a malformed pair is skipped, a repeated name keeps the first. */
export function parseCookies(header) {
  const out = new Map();
  for (const part of String(header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    if (out.has(name)) continue;
    let value = part.slice(i + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      // Keep the raw value: a cookie another script wrote without encoding is still readable.
    }
    out.set(name, value);
  }
  return out;
}

/** Reads a request body as text, refusing more than `limit` bytes. */
export function readBody(req, limit = 16_384) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error('request body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Listens and resolves with the bound port (port 0 picks a free one). */
export function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : port);
    });
  });
}

/** Closes a server and drops its keep-alive connections so shutdown is immediate. */
export function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve(undefined));
    server.closeAllConnections();
  });
}
