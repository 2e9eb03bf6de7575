/**
 * Runs async work one at a time per key (a dialog's updates and its timers), releasing keys
 * that have nothing queued so memory follows the busy keys.
 *
 * @example
 * const lock = new KeyedLock();
 * await lock.run('chat:42', async () => { ... });
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();
  private idleWaiters: (() => void)[] = [];

  /** Keys with work running or queued. */
  get size(): number {
    return this.tails.size;
  }

  /** Runs `work` after every earlier work of `key` settled; resolves or rejects as `work` does. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) !== tail) return;
      this.tails.delete(key);
      if (this.tails.size === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const wake of waiters) wake();
      }
    });
    return result;
  }

  /** Resolves once no key has work running or queued. */
  idle(): Promise<void> {
    if (this.tails.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
