import { Observable, Subject, type Subscriber } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InFlightUpdates, markRedelivery } from '../../src/delivery/index';
import type { UpdateSource, UpdateSourceStatus, UpdateSourceStopResult } from '../../src/sources/index';
import { isTestKitAssertionError, type SourceContractHarness, updateSourceContract } from '../../src/testing/index';
import type { UnknownUpdate } from '../../src/types/index';

/**
 * A source written only on the public delivery contract (as a Redis or queue source outside
 * tamtam-rx would be), over an in-memory queue. `flaw` breaks one promise, to prove that the
 * contract checks catch it.
 */
interface Item {
  readonly key: string;
}
type Flaw = 'none' | 'acks-on-emit' | 'no-redelivery-flag' | 'stop-does-not-wait' | 'emits-twice';

class MemoryQueue {
  readonly entries: { key: string; state: 'ready' | 'taken' | 'acked'; emitted: boolean }[] = [];
  readonly fed = new Subject<void>();

  feed(keys: readonly string[]): void {
    for (const key of keys) this.entries.push({ key, state: 'ready', emitted: false });
    this.fed.next();
  }

  acknowledged(): string[] {
    return this.entries.filter((e) => e.state === 'acked').map((e) => e.key);
  }
}

class MemorySource extends Observable<Item> implements UpdateSource<Item> {
  readonly status$: Observable<UpdateSourceStatus>;
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  readonly #status = new Subject<UpdateSourceStatus>();
  readonly #unknown = new Subject<UnknownUpdate>();
  readonly #inFlight = new InFlightUpdates();
  #current: Subscriber<Item> | undefined;
  #stopping: Promise<UpdateSourceStopResult> | undefined;

  constructor(
    private readonly queue: MemoryQueue,
    private readonly flaw: Flaw,
  ) {
    super((subscriber) => {
      if (this.#stopping !== undefined) return subscriber.complete();
      if (this.#current !== undefined) return subscriber.error(new Error('one subscriber at a time'));
      this.#current = subscriber;
      const fed = queue.fed.subscribe(() => this.#pump());
      this.#pump();
      return () => {
        fed.unsubscribe();
        if (this.#current === subscriber) this.#current = undefined;
      };
    });
    this.status$ = this.#status.asObservable();
    this.unknownUpdates$ = this.#unknown.asObservable();
  }

  #pump(): void {
    for (const entry of this.queue.entries) {
      const subscriber = this.#current;
      if (subscriber === undefined || this.#stopping !== undefined) return;
      if (entry.state !== 'ready') continue;
      entry.state = 'taken';
      const item: Item = { key: entry.key };
      if (entry.emitted && this.flaw !== 'no-redelivery-flag') markRedelivery(item);
      entry.emitted = true;
      this.#inFlight.emit(item, (u) => subscriber.next(u), {
        handled: () => (entry.state = 'acked'),
        abandoned: () => {
          entry.state = 'ready';
          queueMicrotask(() => this.#pump());
        },
      });
      if (this.flaw === 'acks-on-emit') entry.state = 'acked';
      if (this.flaw === 'emits-twice') subscriber.next({ key: entry.key });
    }
  }

  stop(): Promise<UpdateSourceStopResult> {
    this.#stopping ??= (async () => {
      const unfinished = await this.#inFlight.settled({ timeout: this.flaw === 'stop-does-not-wait' ? 0 : 5_000 });
      this.#current?.complete();
      this.#unknown.complete();
      this.#status.next({ type: 'stopped' });
      this.#status.complete();
      return { unfinished };
    })();
    return this.#stopping;
  }
}

function harness(flaw: Flaw): SourceContractHarness<Item> {
  return {
    keyOf: (item) => item.key,
    watch: 30,
    timeout: 1_000,
    setUp: async () => {
      const queue = new MemoryQueue();
      return {
        start: () => new MemorySource(queue, flaw),
        feed: (keys) => queue.feed(keys),
        acknowledged: () => queue.acknowledged(),
        close: () => {},
      };
    },
  };
}

/** Runs every check and returns the names of those that failed, with their messages. */
async function failures(flaw: Flaw): Promise<Record<string, string>> {
  const failed: Record<string, string> = {};
  for (const check of updateSourceContract(harness(flaw))) {
    try {
      await check.run();
    } catch (error) {
      if (!isTestKitAssertionError(error)) throw error;
      failed[check.name] = error.message;
    }
  }
  return failed;
}

describe('updateSourceContract', () => {
  it('has one named check per promise of the contract', () => {
    expect(updateSourceContract(harness('none')).map((c) => c.name)).toEqual([
      'emits every update once, in the order the backend offers it',
      'acknowledges an update only after every hold on it is released, and emits it once',
      'unsubscribing abandons held updates: they are delivered again, flagged with isRedelivery',
      'stop() waits for running handlers, then completes the source and status$',
      'after stop(), a new source on the same backend delivers only what is new, unflagged',
    ]);
  });

  it('passes a correct source written on the delivery contract alone', async () => {
    expect(await failures('none')).toEqual({});
  });

  it('catches a source that acknowledges on emission', async () => {
    const failed = await failures('acks-on-emit');
    expect(failed['acknowledges an update only after every hold on it is released, and emits it once']).toMatch(
      /hold-1 acknowledged while two holds/,
    );
    expect(failed['stop() waits for running handlers, then completes the source and status$']).toMatch(
      /stop-1 acknowledged while its handler was still running/,
    );
  });

  it('catches a source that does not flag redeliveries', async () => {
    const failed = await failures('no-redelivery-flag');
    expect(Object.keys(failed)).toEqual([
      'unsubscribing abandons held updates: they are delivered again, flagged with isRedelivery',
    ]);
    expect(Object.values(failed)[0]).toMatch(
      /again-1, again-2 emitted again after being abandoned, but isRedelivery\(update\) was false/,
    );
  });

  it('catches a stop() that does not wait for running handlers', async () => {
    const failed = await failures('stop-does-not-wait');
    expect(failed['stop() waits for running handlers, then completes the source and status$']).toMatch(
      /resolved while a handler was still running/,
    );
  });

  it('adds the unknown-update check only when asked, and fails it when the backend cannot feed one', async () => {
    const withUnknown = updateSourceContract({ ...harness('none'), unknownUpdates: true });
    const last = withUnknown.at(-1);
    expect(withUnknown).toHaveLength(6);
    expect(last?.name).toBe('reports updates of unknown types on unknownUpdates$, never as updates, and goes on');
    await expect(last?.run()).rejects.toThrow(/its backend has no feedUnknown\(type\)/);
  });

  it('catches a source that emits an update twice', async () => {
    const failed = await failures('emits-twice');
    expect(failed['emits every update once, in the order the backend offers it']).toMatch(
      /emitted keys: expected \["order-1"/,
    );
  });
});
