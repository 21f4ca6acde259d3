/** Typed errors with context. Every error wink throws on purpose is a WinkError with a stable `name`. */

export class WinkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WinkError';
  }
}

/** A file that no reader recognises. */
export class UnknownFormatError extends WinkError {
  constructor(
    readonly file: string,
    readonly formatsTried: string[],
  ) {
    super(`${file}: unknown trajectory format (tried: ${formatsTried.join(', ')})`);
    this.name = 'UnknownFormatError';
  }
}

/** A file wink recognises as an agent log in a format it has no reader for yet (e.g. SpecStory Markdown). */
export class NoReaderError extends WinkError {
  constructor(
    readonly file: string,
    readonly formatDescription: string,
  ) {
    super(`${file}: no reader for this format (${formatDescription})`);
    this.name = 'NoReaderError';
  }
}

/** A file wink recognises as something beside agent logs that is not one (e.g. TRAIL annotations). */
export class NotAnAgentLogError extends WinkError {
  constructor(
    readonly file: string,
    readonly fileDescription: string,
  ) {
    super(`${file}: not an agent log (${fileDescription})`);
    this.name = 'NotAnAgentLogError';
  }
}

/** A path that does not exist or cannot be read. */
export class InputError extends WinkError {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'InputError';
  }
}

/** Bad command-line usage. */
export class UsageError extends WinkError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
