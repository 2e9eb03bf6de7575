import { TamTamResponseError } from '../api/errors/response-error';

/**
 * Checks that a `GET /updates` answer has what the polling loop reads: an `updates` array and
 * a numeric (or absent) `marker`. Anything else (a proxy's JSON, a changed API) becomes a
 * {@link TamTamResponseError}, which the poll's retry rule retries like any unreadable answer,
 * instead of a `TypeError` that would end the stream. Internal to the long-polling source.
 *
 * @example
 * getUpdates(api, request, { retry: false }).pipe(map(checkUpdateList), retryLikePolls(...));
 */
export function checkUpdateList<T>(answer: T): T {
  const value = answer as { updates?: unknown; marker?: unknown } | null;
  const marker = value?.marker;
  if (
    typeof value !== 'object' ||
    !Array.isArray(value?.updates) ||
    (marker !== undefined && marker !== null && typeof marker !== 'number')
  ) {
    throw unexpected('getUpdates', '/updates', '`updates` and `marker`');
  }
  return answer;
}

/**
 * Checks that a `GET /subscriptions` answer is a `subscriptions` array of objects with a string
 * `url`, the start-up check's input; anything else becomes a retried {@link TamTamResponseError}.
 *
 * @example
 * getSubscriptions(api, { retry: false }).pipe(map(checkSubscriptionList), retryLikePolls(...));
 */
export function checkSubscriptionList<T>(answer: T): T {
  const list = (answer as { subscriptions?: unknown } | null)?.subscriptions;
  if (!Array.isArray(list) || !list.every((s: { url?: unknown } | null) => typeof s?.url === 'string')) {
    throw unexpected('getSubscriptions', '/subscriptions', '`subscriptions`');
  }
  return answer;
}

/**
 * The error for a parsed answer of the wrong shape. It shows none of the answer (an empty
 * snippet): it is built outside the api's token redaction, and a server may echo the request,
 * token included, anywhere.
 */
function unexpected(operation: string, path: string, what: string): TamTamResponseError {
  return new TamTamResponseError({
    operation,
    method: 'GET',
    path,
    status: 200,
    reason: `an answer without ${what}`,
    bodySnippet: '',
  });
}
