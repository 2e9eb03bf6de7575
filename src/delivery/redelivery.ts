import { originalUpdate } from './derive-update';

const redelivered = new WeakSet<object>();

/**
 * True for an update that its source delivered before (a replay after a crash, a webhook retry
 * the source recognised, a partition takeover): it may already have been handled, but its
 * handling was not recorded. Answered through the original update, so it stays true after any
 * deriving operator (`command`, `callbackPayload`, {@link deriveUpdate}...). Use it to make side
 * effects idempotent.
 *
 * @example
 * updates$.pipe(command('start'), filter((u) => !isRedelivery(u) || !alreadyAnswered(u)));
 */
export function isRedelivery(update: object): boolean {
  return redelivered.has(originalUpdate(update));
}

/**
 * Marks an update as delivered before; for sources, before emitting it (see {@link emitTracked}).
 *
 * @example
 * if (replayed) markRedelivery(update);
 * emitTracked(update, (u) => subscriber.next(u), tracker);
 */
export function markRedelivery(update: object): void {
  redelivered.add(originalUpdate(update));
}
