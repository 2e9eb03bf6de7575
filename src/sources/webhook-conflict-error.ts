/**
 * Long polling cannot start: the bot has a webhook subscription, and the server delivers no
 * updates to long polling while one exists. No retry fixes this; remove the subscription
 * (`unsubscribe(api, url)`), or pass `{ deleteWebhook: true }` to `fromLongPolling` to remove
 * it at start.
 *
 * @example
 * updates$.subscribe({
 *   error: (e) => { if (isWebhookConflictError(e)) console.error('still subscribed at', e.urls); },
 * });
 */
export class WebhookConflictError extends Error {
  override name = 'WebhookConflictError';
  /** The subscribed webhook URLs. */
  readonly urls: readonly string[];

  constructor(urls: readonly string[]) {
    super(
      `fromLongPolling: the bot has a webhook subscription (${urls.join(', ')}); the server delivers no updates to long polling while one exists. ` +
        'Remove it with unsubscribe(api, url), or pass { deleteWebhook: true } to remove it at start.',
    );
    this.urls = urls;
  }
}

/**
 * True when `error` is a {@link WebhookConflictError}.
 *
 * @example
 * if (isWebhookConflictError(err)) await firstValueFrom(unsubscribe(api, err.urls[0]!));
 */
export function isWebhookConflictError(error: unknown): error is WebhookConflictError {
  return error instanceof WebhookConflictError;
}
