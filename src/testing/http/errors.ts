/**
 * The two kinds of error the Stack API sends (CLIENT-API §1.4): known errors (JSON body with a code,
 * header `x-stack-known-error`) and plain status errors (a bare sentence as `text/plain`).
 * Route handlers throw them; the pipeline turns them into responses.
 */
export class KnownError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "KnownError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Wire body: `details` is left out when there are none, like the cloud does. */
  toJSON(): Record<string, unknown> {
    return this.details === undefined
      ? { code: this.code, error: this.message }
      : { code: this.code, details: this.details, error: this.message };
  }
}

export class StatusError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = "StatusError";
    this.status = status;
  }
}
