import { type MonoTypeOperatorFunction, Observable, type OperatorFunction, Subscriber } from 'rxjs';

/**
 * Builds an operator in one subscriber hop, the way RxJS builds `filter` and `map` (one
 * subscriber whose `next` does the work) rather than as `pipe(filter, map, filter)`, which
 * costs three hops per value. Every selecting and deriving operator of tamtam-rx is made
 * with it.
 *
 * - `test` decides whether a value passes; a type guard narrows what `derive` sees and what
 *   the operator emits.
 * - `derive` (optional) turns a passing value into what to emit, or `null` to drop it after
 *   all (a payload that does not decode, a text that does not parse). Without `derive` the
 *   passing value itself is emitted, not a copy. To add fields to an update use
 *   `deriveUpdate`, so delivery tracking (`holdUpdate`, `isRedelivery`) keeps answering
 *   through the update the source emitted.
 * - An exception from `test` or `derive` errors the output, like a throwing `filter`
 *   predicate. Source errors and completion pass through; unsubscribing the output
 *   unsubscribes the source.
 *
 * This form lets through the values that pass the type guard `test`, narrowed.
 *
 * @example
 * const created = filterDerive((u: AnyUpdate) => isOfType(u, 'message_created'));
 * updates$.pipe(created); // Observable<MessageCreatedUpdate>
 */
export function filterDerive<T, S extends T>(test: (value: T) => value is S): OperatorFunction<T, S>;
/**
 * Lets through the values that pass `test`, in one subscriber hop.
 *
 * @example
 * updates$.pipe(filterDerive((u: AnyUpdate) => userIdOf(u) === ownerId));
 */
export function filterDerive<T>(test: (value: T) => boolean): MonoTypeOperatorFunction<T>;
/**
 * Lets through the values that pass the type guard `test` and emits what `derive` makes of
 * each (`null` drops it), in one subscriber hop.
 *
 * @example
 * const words = filterDerive(
 *   (u: AnyUpdate) => isOfType(u, 'message_created'),
 *   (u) => (u.message.body.text ? deriveUpdate(u, { words: u.message.body.text.split(/\s+/) }) : null),
 * );
 * updates$.pipe(words); // Observable<MessageCreatedUpdate & { words: string[] }>
 */
export function filterDerive<T, S extends T, R>(
  test: (value: T) => value is S,
  derive: (value: S) => R | null,
): OperatorFunction<T, R>;
/**
 * Lets through the values that pass `test` and emits what `derive` makes of each (`null`
 * drops it), in one subscriber hop.
 *
 * @example
 * filterDerive((n: number) => n > 0, (n) => (Number.isInteger(n) ? { n } : null));
 */
export function filterDerive<T, R>(test: (value: T) => boolean, derive: (value: T) => R | null): OperatorFunction<T, R>;
export function filterDerive<T, R>(
  test: (value: T) => boolean,
  derive?: (value: T) => R | null,
): OperatorFunction<T, T | R> {
  if (typeof test !== 'function') throw new TypeError('filterDerive: test must be a function (value) => boolean');
  if (derive !== undefined && typeof derive !== 'function')
    throw new TypeError('filterDerive: derive must be a function (value) => derived value or null');
  return (source) =>
    new Observable<T | R>((destination) => {
      // The subscriber adds itself to `destination`, so unsubscribing the output reaches the source.
      source.subscribe(new FilterDeriveSubscriber(destination, test, derive));
    });
}

/**
 * The one subscriber behind {@link filterDerive}. It overrides `next` itself (RxJS's own
 * operator subscriber goes `next` → `_next` → a wrapper → the callback), so the source's call
 * lands where `test` and `derive` run: a hop costs less than RxJS's `filter`. Like every RxJS 7
 * operator it extends `Subscriber` (whose constructor RxJS marks internal, yet it is the only
 * way to subscribe to the source without a wrapping subscriber per value); it follows
 * `Subscriber#next` exactly, apart from not reporting values that arrive after the end to
 * RxJS's `onStoppedNotification` hook.
 */
class FilterDeriveSubscriber<T, R> extends Subscriber<T> {
  private readonly out: Subscriber<T | R>;
  private readonly test: (value: T) => boolean;
  private readonly derive: ((value: T) => R | null) | undefined;

  constructor(out: Subscriber<T | R>, test: (value: T) => boolean, derive: ((value: T) => R | null) | undefined) {
    super(out);
    this.out = out;
    this.test = test;
    this.derive = derive;
  }

  override next(value: T): void {
    if (this.isStopped) return;
    try {
      if (!this.test(value)) return;
      const derive = this.derive;
      if (derive === undefined) {
        this.out.next(value);
        return;
      }
      const derived = derive(value);
      if (derived !== null) this.out.next(derived);
    } catch (error) {
      this.out.error(error);
    }
  }
}
