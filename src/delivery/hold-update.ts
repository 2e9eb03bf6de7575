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
 *
 * Cost: an update nobody holds costs no allocation and no registry entry (the emission in
 * progress is remembered in three variables); the entry is made by the first hold.
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

/**
 * The other way to learn about emitted updates: one function for many updates, called once per
 * update with the update and its outcome. A source emitting thousands of updates a second
 * passes the same function every time instead of a {@link DeliveryTracker} per update.
 *
 * @example
 * const settled: SettleListener<Update> = (update, outcome) => (outcome === 'handled' ? ack(update) : nack(update));
 * for (const update of batch) emitTracked(update, (u) => subscriber.next(u), settled);
 */
export type SettleListener<T> = (update: T, outcome: HoldOutcome) => void;

/** A tracker or a listener (stored for any update type: the entry only hands back its own update). */
type Listener = DeliveryTracker | SettleListener<never>;

/** Hears that one more tracked update settled (after its listener): `InFlightUpdates` counts with it. */
export interface SettleCounter {
  settledOne(): void;
}

interface Tracked {
  readonly update: object;
  readonly listener: Listener;
  readonly counter: SettleCounter | undefined;
  holds: number;
  emitting: boolean;
  settled: boolean;
  abandoned: boolean;
}

/** Updates held past their emission (or emitting under a nested emission). */
const registry = new WeakMap<object, Tracked>();

/** The emission in progress (the innermost one), with its entry once someone held it. */
let emittingUpdate: object | undefined;
let emittingListener: Listener = { handled() {}, abandoned() {} };
let emittingCounter: SettleCounter | undefined;
let emittingEntry: Tracked | undefined;

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
  let entry: Tracked | undefined;
  if (original === emittingUpdate) {
    emittingEntry ??= newEntry(original, emittingListener, emittingCounter);
    entry = emittingEntry;
  } else {
    entry = registry.get(original);
  }
  if (entry === undefined || entry.settled) return () => {};
  const held = entry;
  held.holds += 1;
  let released = false;
  return (outcome: HoldOutcome = 'handled') => {
    if (released) return;
    released = true;
    held.holds -= 1;
    if (outcome === 'abandoned') held.abandoned = true;
    settleIfDone(held);
  };
}

/**
 * For sources: emits `update` through `emit` while tracking holds taken during the emission.
 * The tracker (or listener) hears `handled` or `abandoned` exactly once: synchronously when
 * nobody held the update (also when `emit` throws; the error is rethrown), otherwise when the
 * last hold is released. Emit each update object once; emit a copy to deliver the same data
 * again. A source that must wait for handlers on stop emits through {@link InFlightUpdates}
 * instead.
 *
 * @example
 * emitTracked(update, (u) => subscriber.next(u), { handled: () => ack(update), abandoned: () => {} });
 */
export function emitTracked<T extends object>(
  update: T,
  emit: (update: T) => void,
  tracker: DeliveryTracker | SettleListener<T>,
): void {
  trackEmission(update, emit, tracker, undefined);
}

/**
 * {@link emitTracked} with a counter told after the listener (what `InFlightUpdates` uses).
 *
 * @example
 * trackEmission(update, (u) => subscriber.next(u), listener, { settledOne: () => (count -= 1) });
 */
export function trackEmission<T extends object>(
  update: T,
  emit: (update: T) => void,
  listener: DeliveryTracker | SettleListener<T>,
  counter: SettleCounter | undefined,
): void {
  const outerUpdate = emittingUpdate;
  const outerListener = emittingListener;
  const outerCounter = emittingCounter;
  let outerEntry = emittingEntry;
  if (outerUpdate !== undefined) {
    // A nested emission (a handler made a source emit synchronously): the outer update stays
    // holdable through the registry while this one is the emission in progress.
    outerEntry ??= newEntry(outerUpdate, outerListener, outerCounter);
    registry.set(outerUpdate, outerEntry);
  }
  emittingUpdate = update;
  emittingListener = listener;
  emittingCounter = counter;
  emittingEntry = undefined;
  try {
    emit(update);
  } finally {
    const entry = heldDuringEmission();
    emittingUpdate = outerUpdate;
    emittingListener = outerListener;
    emittingCounter = outerCounter;
    emittingEntry = outerEntry;
    if (entry === undefined) {
      notify(listener, counter, update, 'handled');
    } else {
      entry.emitting = false;
      if (!settleIfDone(entry)) registry.set(update, entry);
    }
  }
}

/** The entry the first hold made during the emission in progress (a function: `emit` may have set it). */
function heldDuringEmission(): Tracked | undefined {
  return emittingEntry;
}

function newEntry(update: object, listener: Listener, counter: SettleCounter | undefined): Tracked {
  return { update, listener, counter, holds: 0, emitting: true, settled: false, abandoned: false };
}

/** Settles `entry` when nothing keeps it; true once it is settled. */
function settleIfDone(entry: Tracked): boolean {
  if (entry.settled) return true;
  if (entry.emitting || entry.holds > 0) return false;
  entry.settled = true;
  registry.delete(entry.update);
  notify(entry.listener, entry.counter, entry.update, entry.abandoned ? 'abandoned' : 'handled');
  return true;
}

function notify(listener: Listener, counter: SettleCounter | undefined, update: object, outcome: HoldOutcome): void {
  try {
    if (typeof listener === 'function') (listener as SettleListener<object>)(update, outcome);
    else if (outcome === 'handled') listener.handled();
    else listener.abandoned();
  } finally {
    counter?.settledOne();
  }
}
