/**
 * Storage failures the HTTP layer answers with 503 and `Retry-After` instead of 500: the database
 * is unreachable, restarting, out of space or slower than the configured statement timeout. The
 * request may be retried as it is (receipt ids are idempotent); nothing was acknowledged.
 */
export class StorageUnavailableError extends Error {
  /** Seconds a client should wait before retrying. */
  readonly retryAfterSeconds: number;
  constructor(message: string, options: { cause?: unknown; retryAfterSeconds?: number } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StorageUnavailableError';
    this.retryAfterSeconds = options.retryAfterSeconds ?? 2;
  }
}

/** Whether `err` means "try again shortly" rather than a defect. */
export const isStorageUnavailable = (err: unknown): err is StorageUnavailableError => err instanceof StorageUnavailableError;
