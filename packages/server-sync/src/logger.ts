/**
 * Structured logs (pino): one JSON line per event with a level, an `event` name and, for
 * requests, the request id. No personal data: the HTTP layer never logs an address or a header,
 * account ids are only ever hashed, and the paths below are censored should one slip in.
 */
import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

/** A function receiving each log entry as an object (the `log` option): for tests and embedding. */
export type Logger = (entry: Record<string, unknown>) => void;

/** The logger server-sync writes to. */
export type ServerLogger = PinoLogger;

export const LOG_LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

// Defence in depth: fields that would hold a network address or an account id, at any of the
// first two levels of a log entry.
const REDACTED = ['ip', 'remoteAddress', 'accountId', 'authorization', 'headers']
  .flatMap((key) => [key, `*.${key}`]);

/** A pino logger writing JSON lines to stdout, or handing each entry to `sink`. */
export function createLogger(level: LevelWithSilent, sink?: Logger): ServerLogger {
  const options = {
    level,
    base: { service: 'assent-server-sync' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACTED, censor: '[redacted]' },
  };
  if (!sink) return pino(options, pino.destination({ dest: 1, sync: true }));
  return pino(options, { write: (line: string) => sink(JSON.parse(line) as Record<string, unknown>) });
}
