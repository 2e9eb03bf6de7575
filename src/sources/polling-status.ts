import type { UnknownUpdate } from '../types/index';

/**
 * What a long-polling loop reports on `status$` (and to `onStatus`): every retry, every
 * batch, updates of unknown types, start and stop. Log it, count it, alert on it.
 *
 * @example
 * polling.status$.subscribe((s) => { if (s.type === 'retry') console.warn(`poll failed, retry in ${s.delay} ms`, s.error.message); });
 */
export type PollingStatus =
  /** The loop loaded its state; `replayed` updates from before a crash are emitted first. */
  | { readonly type: 'started'; readonly marker: number | null; readonly replayed: number }
  /** A batch arrived and was persisted; its updates are being emitted. */
  | { readonly type: 'batch'; readonly count: number; readonly marker: number | null }
  /**
   * A call of the loop failed with something a retry can fix; the loop waits `delay` ms and
   * tries again. `operation` is `getUpdates` for a poll, `getSubscriptions` / `unsubscribe`
   * for the start-up check of webhook subscriptions.
   */
  | {
      readonly type: 'retry';
      readonly attempt: number;
      readonly delay: number;
      readonly error: Error;
      readonly operation?: string;
    }
  /** An update of a type this version does not know arrived (it is not emitted as an Update). */
  | { readonly type: 'unknown_update'; readonly update: UnknownUpdate }
  /** An item of a poll answer was not an update at all (malformed server data); it is skipped. */
  | { readonly type: 'invalid_update'; readonly value: unknown; readonly reason: string }
  /** A webhook subscription was removed because `deleteWebhook` was set. */
  | { readonly type: 'webhook_removed'; readonly url: string }
  /** The loop ended: `stop()`, the abort signal, or every subscriber left. */
  | { readonly type: 'stopped' };
