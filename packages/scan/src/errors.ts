/**
 * Why a scan could not run, each with its own exit code so CI can tell "the site leaks" from
 * "the scan never looked". Codes 1 and 2 are findings (see `exitCodeFor` in `verdict.ts`); the rest
 * are failures to scan.
 */
export const EXIT = {
  /** No leak; with `--strict`, nothing undeclared either. */
  ok: 0,
  /** At least one leak: a non-necessary cookie or vendor request before consent or after refusal. */
  leaks: 1,
  /** `--strict` only: no leak, but cookies or hosts the config does not declare. */
  undeclared: 2,
  /** Bad command-line arguments or options. */
  usage: 3,
  /** The config could not be read, or failed the SDK's validation. */
  config: 4,
  /** The start URL did not answer (DNS, refused, timeout, HTTP error status). */
  unreachable: 5,
  /** The start URL answered with something other than HTML. */
  notHtml: 6,
  /** Assent did not start or its banner never appeared, so the states after a decision cannot be reached. */
  noBanner: 7,
  /** robots.txt disallows the start URL for this crawler. */
  robots: 8,
  /** Chromium could not be started. */
  browser: 9,
  /** A bug in the scanner. */
  internal: 70,
} as const;

export type ScanFailure = Exclude<keyof typeof EXIT, 'ok' | 'leaks' | 'undeclared'>;

/** A scan that cannot go on, with a message meant for the person who ran it. */
export class ScanError extends Error {
  readonly kind: ScanFailure;
  readonly exitCode: number;
  constructor(kind: ScanFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScanError';
    this.kind = kind;
    this.exitCode = EXIT[kind];
  }
}
