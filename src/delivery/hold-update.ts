import { originalUpdate } from './derive-update';

/**
 * Delivery tracking shared by sources and operators.
 *
 * A source that guarantees delivery (long polling with a store, a webhook acknowledging after
 * handling) registers each update before emitting it. While the update is being emitted, any
 * operator downstream may *hold* it: the source then counts the update as handled only when
 * every hold is released. Updates nobody holds count as handled as soon as their synchronous
 * emission returns. `perChat` and `isolate` hold the updates they run handlers for, so with
 * them "delivered" means "handled" without extra code.
 */

/**
 * How a hold ends: the work finished (even with a reported error), or was abandoned (cancelled).
 *
 * @example
 * const outcome: HoldOutcome = cancelled ? 'abandoned' : 'handled';
 * release(outcome);
 */
export type HoldOutcome = 'handled' | 'abandoned';

/**
 * Ends a hold; calling it again does nothing.
 *
 * @example
 * const release = holdUpdate(update);
 * work$.pipe(finalize(() => release('handled'))).subscribe();
 */
export type ReleaseHold = (outcome?: HoldOutcome) => void;

/**
 * What a tracking source learns about one update it emitted.
 *
 * @example
 * const tracker: DeliveryTracker = { handled: () => store.ack(update), abandoned: () => store.redeliver(update) };
 * emitTracked(update, (u) => subscriber.next(u), tracker);
 */
export interface DeliveryTracker {
  /** Called once when the update is handled (every hold released as handled, or none taken). */
  handled(): void;
  /** Called once when a hold was abandoned: the update must be delivered again later. */
  abandoned(): void;
}

interface Tracked {
  readonly tracker: DeliveryTracker;
  holds: number;
  emitting: boolean;
  settled: boolean;
  abandoned: boolean;
}

const registry = new WeakMap<object, Tracked>();

/**
 * Keeps the source from counting `update` as handled until the returned function is called.
 * A derived update (see {@link deriveUpdate}) holds the update it came from. For updates from a
 * source that does not track delivery this is a harmless no-op.
 *
 * @example
 * updates$.pipe(mergeMap((u) => {
 *   const release = holdUpdate(u);
 *   return slowWork(u).pipe(finalize(() => release()));
 * }));
 */
export function holdUpdate(update: object): ReleaseHold {
  const original = originalUpdate(update);
  const entry = registry.get(original);
  if (entry === undefined || entry.settled) return () => {};
  entry.holds += 1;
  let released = false;
  return (outcome: HoldOutcome = 'handled') => {
    if (released) return;
    released = true;
    entry.holds -= 1;
    if (outcome === 'abandoned') entry.abandoned = true;
    settleIfDone(original, entry);
  };
}

/**
 * For sources: emits `update` through `emit` while tracking holds taken during the emission.
 * The tracker hears `handled` or `abandoned` exactly once: synchronously when nobody held the
 * update (also when `emit` throws; the error is rethrown), otherwise when the last hold is
 * released. Emit each update object once; emit a copy to deliver the same data again.
 * A source that must wait for handlers on stop emits through {@link InFlightUpdates} instead.
 *
 * @example
 * emitTracked(update, (u) => subscriber.next(u), { handled: () => ack(update), abandoned: () => {} });
 */
export function emitTracked<T extends object>(update: T, emit: (update: T) => void, tracker: DeliveryTracker): void {
  const entry: Tracked = { tracker, holds: 0, emitting: true, settled: false, abandoned: false };
  registry.set(update, entry);
  try {
    emit(update);
  } finally {
    entry.emitting = false;
    settleIfDone(update, entry);
  }
}

function settleIfDone(update: object, entry: Tracked): void {
  if (entry.settled || entry.emitting || entry.holds > 0) return;
  entry.settled = true;
  registry.delete(update);
  if (entry.abandoned) entry.tracker.abandoned();
  else entry.tracker.handled();
}
