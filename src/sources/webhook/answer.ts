/**
 * What the framework-agnostic webhook handler answers, and why it refused a request.
 */

/**
 * Every reason the webhook refuses a request, with the HTTP status it answers.
 *
 * @example
 * WEBHOOK_REJECTIONS['body.too.large']; // 413
 */
export const WEBHOOK_REJECTIONS = {
  'method.not.allowed': 405,
  'path.not.found': 404,
  'secret.mismatch': 401,
  'body.too.large': 413,
  'body.timeout': 408,
  'body.unsupported.type': 415,
  'body.unreadable': 400,
  'body.invalid.json': 400,
  'body.not.update': 400,
  'no.subscriber': 503,
  'webhook.stopped': 503,
  'handling.abandoned': 503,
  'internal.error': 500,
} as const;

/**
 * Code naming why a request was refused, e.g. `'secret.mismatch'`.
 *
 * @example
 * const code: WebhookRejectionCode = 'body.too.large';
 */
export type WebhookRejectionCode = keyof typeof WEBHOOK_REJECTIONS;

/**
 * A refused request, as passed to `onRejected` and sent as the JSON body (`{ code, message }`).
 *
 * @example
 * webhook({ onRejected: (r) => console.warn(`webhook ${r.status} ${r.code}: ${r.message}`) });
 */
export interface WebhookRejection {
  readonly status: number;
  readonly code: WebhookRejectionCode;
  /** What was wrong, in words. Never contains the secret. */
  readonly message: string;
}

/**
 * JSON body of an answer: `{ success: true }` or `{ code, message }`.
 *
 * @example
 * const ok: WebhookAnswerBody = { success: true };
 */
export type WebhookAnswerBody =
  | { readonly success: true }
  | { readonly code: WebhookRejectionCode; readonly message: string };

/**
 * The handler's answer, for an adapter to send.
 *
 * @example
 * const answer = await hook.handle({ method: 'POST', url: '/tamtam', headers: {}, body: '{}' });
 * res.writeHead(answer.status, answer.headers).end(JSON.stringify(answer.body));
 */
export interface WebhookAnswer {
  readonly status: number;
  /** Headers to send (lower-case names), e.g. `allow`, `retry-after`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: WebhookAnswerBody;
  /**
   * `true` when the request body was not read to its end: the adapter should close the
   * connection after answering instead of reading (and discarding) the rest.
   */
  readonly closeConnection: boolean;
}

/**
 * The `200` answer: one frozen object for every request, so adapters recognise it by identity
 * and send it with prepared headers.
 *
 * @example
 * if (answer === ACCEPTED) res.writeHead(200, preparedHeaders).end('{"success":true}');
 */
export const ACCEPTED: WebhookAnswer = /* @__PURE__ */ Object.freeze({
  status: 200,
  headers: /* @__PURE__ */ Object.freeze({}),
  body: /* @__PURE__ */ Object.freeze({ success: true }),
  closeConnection: false,
});

/**
 * The `200` answer ({@link ACCEPTED}).
 *
 * @example
 * return accepted();
 */
export function accepted(): WebhookAnswer {
  return ACCEPTED;
}

/**
 * An error answer for `code`, with the status from {@link WEBHOOK_REJECTIONS}.
 *
 * @example
 * return rejected('method.not.allowed', 'use POST', { headers: { allow: 'POST' } });
 */
export function rejected(
  code: WebhookRejectionCode,
  message: string,
  extra: { headers?: Record<string, string>; closeConnection?: boolean } = {},
): WebhookAnswer {
  return {
    status: WEBHOOK_REJECTIONS[code],
    headers: extra.headers ?? {},
    body: { code, message },
    closeConnection: extra.closeConnection ?? false,
  };
}
