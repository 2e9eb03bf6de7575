/**
 * Shapes shared by many operations: the plain success answer, the error body and images.
 */

/**
 * Answer of operations that only report whether they worked (pin, leave chat, subscribe, ...).
 * `message` may explain a `success: false`.
 *
 * @example
 * const ok: SimpleQueryResult = { success: true };
 */
export interface SimpleQueryResult {
  success: boolean;
  message?: string;
}

/**
 * JSON body the API returns with a non-2xx status.
 * `code` is a machine-readable key such as `attachment.not.ready`, `message` is for humans.
 *
 * @example
 * const body: ApiErrorBody = { code: 'chat.not.found', message: 'Chat 42 not found' };
 */
export interface ApiErrorBody {
  code: string;
  message: string;
  /** Short error title; some servers send it, most do not. */
  error?: string;
}

/**
 * A picture referenced by URL (e.g. a chat icon).
 *
 * @example
 * const icon: Image = { url: 'https://i.example.com/icon.png' };
 */
export interface Image {
  url: string;
}
