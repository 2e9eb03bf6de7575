import type { UnknownUpdate, Update } from '../../types/index';
import type { WebhookRejection } from './answer';

/**
 * What a webhook reports on `status$`: refused requests, unknown update types, answers that
 * could not wait for handling, and its stop. Log it, count it, alert on it.
 *
 * @example
 * hook.status$.subscribe((s) => {
 *   if (s.type === 'rejected') log.warn(`webhook ${s.rejection.status} ${s.rejection.code}`);
 * });
 */
export type WebhookStatus =
  /** A request was answered with an error status (also passed to `onRejected`). */
  | { readonly type: 'rejected'; readonly rejection: WebhookRejection }
  /** An update of a type this version does not know was answered `200` and emitted on `unknownUpdates$`. */
  | { readonly type: 'unknown_update'; readonly update: UnknownUpdate }
  /** With `ack: 'handled'`: handling took longer than `ackTimeout`, so `200` was answered while it goes on. */
  | { readonly type: 'ack_timeout'; readonly update: Update }
  /** `stop()` finished waiting; `status$` completes right after. */
  | { readonly type: 'stopped' };
