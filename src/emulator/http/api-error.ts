/**
 * The error an emulator handler throws to answer with a Bot-API-style `{ code, message }` body.
 */

/**
 * An error answer of the emulator: HTTP status, the API's error `code` and a readable message.
 * Handlers throw it; the server turns it into a JSON response.
 *
 * @example
 * throw new EmulatorApiError(404, 'chat.not.found', 'Chat 42 does not exist');
 */
export class EmulatorApiError extends Error {
  override readonly name = 'EmulatorApiError';

  constructor(
    /** HTTP status of the answer. */
    readonly status: number,
    /** Error key sent as `code`, e.g. `verify.token`. */
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/**
 * 400 for a bad query parameter.
 *
 * @example
 * throw badParam('`count` must be an integer between 1 and 100, got "abc"');
 */
export function badParam(message: string): EmulatorApiError {
  return new EmulatorApiError(400, 'proto.param', message);
}

/**
 * 400 for a bad request body.
 *
 * @example
 * throw badBody('`text` must be a string of at most 4000 characters');
 */
export function badBody(message: string): EmulatorApiError {
  return new EmulatorApiError(400, 'proto.payload', message);
}

/**
 * 404 for something that does not exist.
 *
 * @example
 * throw notFound('chat.not.found', 'Chat -1 does not exist');
 */
export function notFound(code: string, message: string): EmulatorApiError {
  return new EmulatorApiError(404, code, message);
}

/**
 * 403 for an action the bot is not allowed to do.
 *
 * @example
 * throw forbidden('The bot is not an admin of chat -1');
 */
export function forbidden(message: string, code = 'access.denied'): EmulatorApiError {
  return new EmulatorApiError(403, code, message);
}
