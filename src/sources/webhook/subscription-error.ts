/**
 * The Bot API refused to change a webhook subscription: it answered `success: false` to
 * `subscribe` or `unsubscribe`. (HTTP failures arrive as `TamTamApiError` instead.)
 *
 * @example
 * ensureWebhook(api, url).subscribe({
 *   error: (e) => { if (isWebhookSubscriptionError(e)) console.error(e.url, e.reason); },
 * });
 */
export class WebhookSubscriptionError extends Error {
  override name = 'WebhookSubscriptionError';
  /** The operation the server refused. */
  readonly operation: 'subscribe' | 'unsubscribe';
  /** The URL concerned. */
  readonly url: string;
  /** The server's explanation, when it gave one. */
  readonly reason: string | undefined;

  constructor(operation: 'subscribe' | 'unsubscribe', url: string, reason: string | undefined) {
    super(
      `${operation} of webhook ${url} was refused by the server${reason === undefined ? '' : `: ${reason}`}. ` +
        (operation === 'subscribe'
          ? 'Check that the URL is public https on an allowed port (80, 8080, 443, 8443, 16384-32383).'
          : 'Check the URL is subscribed (getSubscriptions).'),
    );
    this.operation = operation;
    this.url = url;
    this.reason = reason;
  }
}

/**
 * True when `error` is a {@link WebhookSubscriptionError}.
 *
 * @example
 * if (isWebhookSubscriptionError(err)) console.error(err.reason);
 */
export function isWebhookSubscriptionError(error: unknown): error is WebhookSubscriptionError {
  return error instanceof WebhookSubscriptionError;
}
