/**
 * The body deadline of every request a webhook is reading, kept with one timer for all of them
 * instead of a timer per request.
 */

/**
 * A body being read under a deadline, as {@link BodyDeadlines} keeps it (a node in a list
 * ordered by start). Internal.
 *
 * @example
 * class Read extends PendingBody {
 *   expire(): void { answer408(); }
 * }
 */
export abstract class PendingBody {
  /** When the body must have ended, in `performance.now()` ms; set by {@link BodyDeadlines.add}. */
  expiresAt = 0;
  /** The body started just before this one, while both are pending. */
  older: PendingBody | undefined = undefined;
  /** The body started just after this one, while both are pending. */
  newer: PendingBody | undefined = undefined;
  /** Whether the body is in a {@link BodyDeadlines} list. */
  pending = false;
  /** Called once when the deadline passes before {@link BodyDeadlines.remove}. */
  abstract expire(): void;
}

/**
 * Deadlines of the bodies being read, all `timeout` ms long. Bodies are kept in the order they
 * started (so in the order they expire); one timer is armed for the oldest. Adding and removing
 * a body costs a few pointer writes, no timer: under load the timer fires about once per
 * `timeout` and finds nothing or the few bodies that are really late. The timer is `unref`'d
 * where the runtime supports it: a pending body is kept alive by its connection, not by us.
 *
 * @example
 * const deadlines = new BodyDeadlines(10_000);
 * deadlines.add(read);    // read.expire() runs if it is still pending 10 s later
 * deadlines.remove(read); // the body ended in time
 */
export class BodyDeadlines {
  readonly #timeout: number;
  #oldest: PendingBody | undefined;
  #newest: PendingBody | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(timeout: number) {
    this.#timeout = timeout;
  }

  /** Starts `body`'s deadline now. */
  add(body: PendingBody): void {
    body.expiresAt = performance.now() + this.#timeout;
    body.pending = true;
    body.older = this.#newest;
    body.newer = undefined;
    if (this.#newest === undefined) this.#oldest = body;
    else this.#newest.newer = body;
    this.#newest = body;
    if (this.#timer === undefined) this.#arm(this.#timeout);
  }

  /** Ends `body`'s deadline (its body ended, or it failed another way); a no-op when not pending. */
  remove(body: PendingBody): void {
    if (!body.pending) return;
    body.pending = false;
    const { older, newer } = body;
    if (older === undefined) this.#oldest = newer;
    else older.newer = newer;
    if (newer === undefined) this.#newest = older;
    else newer.older = older;
    body.older = undefined;
    body.newer = undefined;
  }

  #arm(delay: number): void {
    const timer = setTimeout(this.#fire, delay);
    (timer as { unref?: () => unknown }).unref?.();
    this.#timer = timer;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    for (let body = this.#oldest; body !== undefined && body.expiresAt <= now; body = this.#oldest) {
      this.remove(body);
      try {
        body.expire();
      } catch {
        // one failing answer must not keep the others from expiring
      }
    }
    if (this.#oldest !== undefined) this.#arm(Math.max(1, Math.ceil(this.#oldest.expiresAt - now)));
  };
}
