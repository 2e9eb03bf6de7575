/**
 * A bot running conversations on the fake api in virtual time, driven like a chat: each user
 * turn returns what the bot said back.
 */
import { EMPTY, Subject, type Subscription } from 'rxjs';
import {
  type Conversation,
  type DeliveryTracker,
  emitTracked,
  type Conversations,
  type ConversationsOptions,
  type StateStore,
  type StepMap,
  type Update,
  conversations,
  memoryStateStore,
  perChat,
  perChatStats,
} from '../../src/index';
import { type FakeApi, createFakeApi } from '../../src/testing/index';
import { VirtualClock } from './virtual-clock';

export interface Harness {
  readonly api: FakeApi;
  readonly scheduler: VirtualClock;
  readonly store: StateStore;
  readonly dialogs: Conversations;
  /** Updates the conversations let through to the rest of the bot. */
  readonly fallback: Update[];
  /** Errors the engine reported. */
  readonly errors: unknown[];
  /** Sends updates (in order) and resolves with the texts the bot sent meanwhile. */
  turn(...updates: Update[]): Promise<string[]>;
  /** Emits an update as a delivery-tracking source does, without waiting. */
  emitTracked(update: Update, tracker: DeliveryTracker): void;
  /** Lets `ms` pass in virtual time and resolves with the texts the bot sent meanwhile. */
  advance(ms: number): Promise<string[]>;
  /** Waits until every update and timer callback has been handled. */
  idle(): Promise<void>;
  stop(): void;
}

export interface HarnessOptions {
  readonly store?: (scheduler: VirtualClock) => StateStore;
  readonly scheduler?: VirtualClock;
  readonly api?: FakeApi;
  readonly engine?: Partial<ConversationsOptions>;
}

export function harness(flows: readonly Conversation<StepMap>[], options: HarnessOptions = {}): Harness {
  const scheduler = options.scheduler ?? new VirtualClock();
  const api = options.api ?? createFakeApi({ scheduler });
  const store = options.store?.(scheduler) ?? memoryStateStore({ now: () => scheduler.now() });
  const errors: unknown[] = [];
  const dialogs = conversations(api, {
    store,
    flows,
    scheduler,
    onError: (error) => errors.push(error),
    ...options.engine,
  });
  const fallback: Update[] = [];
  const updates$ = new Subject<Update>();
  const stats = perChatStats();
  const subscription: Subscription = updates$
    .pipe(
      perChat(
        dialogs.handler((update) => {
          fallback.push(update);
          return EMPTY;
        }),
        { stats, onError: (error) => errors.push(error) },
      ),
    )
    .subscribe();
  let seen = api.requests('sendMessage').length;

  const idle = async (): Promise<void> => {
    for (let round = 0; round < 100_000; round += 1) {
      await dialogs.settled();
      await new Promise((resolve) => setImmediate(resolve));
      if (stats.liveKeys === 0 && dialogs.stats.busyKeys === 0) return;
    }
    throw new Error('the bot did not become idle');
  };
  // Read from the recorded requests rather than `api.sent()`, which deep-copies every message
  // sent so far at each call: quadratic over the turns of the 10 000-dialog test.
  const said = (): string[] => {
    const requests = api.requests('sendMessage');
    const texts: string[] = [];
    for (; seen < requests.length; seen += 1) {
      const request = requests[seen] as (typeof requests)[number];
      if (request.outcome === 'pending') break; // read on the next turn, once answered
      if (request.outcome === 'succeeded') texts.push(request.response?.message.body.text ?? '');
    }
    return texts;
  };

  return {
    api,
    scheduler,
    store,
    dialogs,
    fallback,
    errors,
    async turn(...updates) {
      for (const update of updates) updates$.next(update);
      await idle();
      return said();
    },
    emitTracked(update, tracker) {
      emitTracked(update, (u) => updates$.next(u), tracker);
    },
    async advance(ms) {
      scheduler.advance(ms);
      await idle();
      return said();
    },
    idle,
    stop() {
      subscription.unsubscribe();
      dialogs.close();
    },
  };
}
