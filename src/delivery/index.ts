/**
 * The delivery protocol every update source and every scheduling operator shares.
 *
 * A source emits each update with {@link emitTracked} and learns, exactly once, whether it was
 * handled (every hold released) or abandoned (a hold cancelled: deliver it again later). Operators
 * that run work for an update take a hold with {@link holdUpdate} (`perChat` and `isolate` do).
 * Operators that extend an update use {@link deriveUpdate}, so every delivery question (holds,
 * {@link isRedelivery}, {@link originalUpdate}) is answered through the update the source emitted.
 *
 * @example
 * // A minimal source written outside tamtam-rx:
 * new Observable<Update>((subscriber) => {
 *   for (const { update, replayed } of queue.take()) {
 *     if (replayed) markRedelivery(update);
 *     emitTracked(update, (u) => subscriber.next(u), {
 *       handled: () => queue.ack(update),
 *       abandoned: () => queue.retryLater(update),
 *     });
 *   }
 * });
 */
export { deriveUpdate, originalUpdate } from './derive-update';
export { emitTracked, holdUpdate, type DeliveryTracker, type HoldOutcome, type ReleaseHold } from './hold-update';
export { isRedelivery, markRedelivery } from './redelivery';
