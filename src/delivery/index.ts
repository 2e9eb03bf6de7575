/**
 * The delivery protocol every update source and every scheduling operator shares. It is the
 * whole contract for writing a source, inside tamtam-rx or outside it (a Redis stream worker,
 * a queue, a test double): use these and `perChat`, `isolate`, `ack: 'handled'`-style
 * acknowledgement and {@link isRedelivery} work with your source exactly as with the built-in ones.
 *
 * A source:
 * 1. marks an update it delivered before (a replay, a retry it recognises) with {@link markRedelivery};
 * 2. emits it with {@link InFlightUpdates.emit} (or {@link emitTracked}) and learns, exactly once,
 *    whether it was **handled** (every hold taken during the emission released, or none taken:
 *    acknowledge it) or **abandoned** (a hold cancelled, e.g. the subscriber left: deliver it again later);
 * 3. on a graceful stop, stops emitting and waits with {@link InFlightUpdates.settled} for the
 *    handlers still running (they then release their holds and the source acknowledges them).
 *
 * Operators that run work for an update take a hold with {@link holdUpdate} (`perChat` and
 * `isolate` do, releasing it as `'abandoned'` when unsubscribed). Operators that extend an
 * update use {@link deriveUpdate}, so every delivery question (holds, {@link isRedelivery},
 * {@link originalUpdate}) is answered through the update the source emitted.
 *
 * `tamtam-rx/testing` has `updateSourceContract(harness)`: the checks every source must pass.
 *
 * @example
 * // A minimal source written outside tamtam-rx:
 * const inFlight = new InFlightUpdates();
 * const source = new Observable<Update>((subscriber) => {
 *   for (const { update, replayed } of queue.take()) {
 *     if (replayed) markRedelivery(update);
 *     inFlight.emit(update, (u) => subscriber.next(u), {
 *       handled: () => queue.ack(update),
 *       abandoned: () => queue.retryLater(update),
 *     });
 *   }
 * });
 * async function stop() {
 *   queue.pause();
 *   return { unfinished: await inFlight.settled({ timeout: 30_000 }) };
 * }
 */
export { deriveUpdate, originalUpdate } from './derive-update';
export {
  emitTracked,
  holdUpdate,
  type DeliveryTracker,
  type HoldOutcome,
  type ReleaseHold,
  type SettleListener,
} from './hold-update';
export { InFlightUpdates, type SettleOptions } from './in-flight';
export { isRedelivery, markRedelivery } from './redelivery';
