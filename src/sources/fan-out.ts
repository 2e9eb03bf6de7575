import { Observable, Subscriber } from 'rxjs';

/**
 * `share()` for a source's one connection, without a `Subject` in the path of every value: the
 * first subscriber calls `connect` with a subscriber that hands each value to every current
 * subscriber, the last one to leave calls the teardown `connect` returned, and after an error
 * or completion (delivered to everyone subscribed) the next subscriber connects again — the
 * resets `share()` makes by default. Values go out in one indexed loop over the subscribers
 * present when the value arrived (a subscriber that joins during an emission hears the next
 * value; one that leaves hears no more), where a `Subject` in Node's build of RxJS makes an
 * iterator, its results and a closure for every value.
 *
 * @example
 * const updates$ = fanOut<Update>((subscriber) => {
 *   const session = startSession(subscriber);
 *   return () => session.dispose();
 * });
 */
export function fanOut<T>(connect: (subscriber: Subscriber<T>) => (() => void) | undefined): Observable<T> {
  /** The current subscribers; replaced, never changed, so an emission loops over a snapshot. */
  let subscribers: readonly Subscriber<T>[] = [];
  /** The subscriber of the current connection, and its teardown. */
  let hub: Subscriber<T> | undefined;
  let disconnect: (() => void) | undefined;

  /** Ends the current connection (after an error or completion); returns who was subscribed. */
  const reset = (): readonly Subscriber<T>[] => {
    const everyone = subscribers;
    subscribers = [];
    hub = undefined;
    disconnect = undefined;
    return everyone;
  };

  const open = (): void => {
    const connection: Subscriber<T> = new Subscriber<T>({
      next: (value) => {
        const everyone = subscribers;
        for (let i = 0; i < everyone.length; i++) everyone[i]?.next(value);
      },
      error: (error: unknown) => {
        if (hub !== connection) return;
        for (const subscriber of reset()) subscriber.error(error);
      },
      complete: () => {
        if (hub !== connection) return;
        for (const subscriber of reset()) subscriber.complete();
      },
    });
    hub = connection;
    const teardown = connect(connection);
    // ended while connecting (an error or completion at once): nothing more to keep open
    if (hub === connection) disconnect = teardown;
    else teardown?.();
  };

  return new Observable<T>((subscriber) => {
    subscribers = [...subscribers, subscriber];
    if (hub === undefined) open();
    return () => {
      if (!subscribers.includes(subscriber)) return; // the connection ended already
      subscribers = subscribers.filter((s) => s !== subscriber);
      if (subscribers.length > 0 || hub === undefined) return;
      const connection = hub;
      const teardown = disconnect;
      reset();
      connection.unsubscribe(); // a value or an end sent after this is heard by nobody
      teardown?.();
    };
  });
}
