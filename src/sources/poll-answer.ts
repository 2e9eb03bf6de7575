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
  const value: unknown = answer;
  const record = asRecord(value);
  const marker = record?.['marker'];
  const markerOk = marker === undefined || marker === null || (typeof marker === 'number' && Number.isFinite(marker));
  if (record === undefined || !Array.isArray(record['updates']) || !markerOk) {
    throw unexpected('getUpdates', '/updates', 'an answer without an `updates` array and a numeric `marker`', value);
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
  const value: unknown = answer;
  const list = asRecord(value)?.['subscriptions'];
  if (!Array.isArray(list) || !list.every((s) => typeof asRecord(s)?.['url'] === 'string')) {
    throw unexpected('getSubscriptions', '/subscriptions', 'an answer without a `subscriptions` array of URLs', value);
  }
  return answer;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The error for a parsed answer of the wrong shape. Its snippet shows the answer's shape
 * (field names and value kinds), never its values: this error is built outside the api's
 * token redaction, and a server may echo the request (and the token) in any field.
 */
function unexpected(operation: string, path: string, reason: string, value: unknown): TamTamResponseError {
  return new TamTamResponseError({
    operation,
    method: 'GET',
    path,
    status: 200,
    reason,
    bodySnippet: shapeOf(value).slice(0, 200),
  });
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,19}$/;

function shapeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  const fields = Object.keys(value).slice(0, 10);
  // only short, name-like keys are shown: a key could be an echoed secret too
  const shown = fields.map(
    (key) => `${NAME.test(key) ? key : '…'}: ${kindOf((value as Record<string, unknown>)[key])}`,
  );
  return `{ ${shown.join(', ')}${Object.keys(value).length > fields.length ? ', …' : ''} }`;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
