/**
 * The engine that runs conversations: it reads a chat's dialog from the store, hands the
 * update to the step it waits at, sends what the step says, writes the new position, and keeps
 * one timer per dialog with a time limit.
 */
import {
  Observable,
  type ObservableInput,
  type SchedulerLike,
  type Subscription,
  asyncScheduler,
  concat,
  from,
} from 'rxjs';
import { answerOnCallback } from '../actions/answers';
import type { TableWith } from '../actions/call';
import { type SendMessageTarget, sendMessage } from '../actions/messages';
import type { Api } from '../api/api';
import type { OperationBodyOf } from '../api/operation-table';
import { replyTarget } from '../operators/reply-target';
import { chatStateKey } from '../state/state-keys';
import type { StateStore } from '../state/state-store';
import type { NewMessageBody } from '../types/index';
import type { Conversation, ConversationUpdate, Say, StartOf, StepMap, Transition } from './conversation';
import { type AnySteps, definitionOf, type ErasedDefinition, makeTransitions } from './definition';
import { KeyedLock } from './keyed-lock';
import { APPLIED_MEMORY, type ConversationRecord, asRecord, nextDeadline } from './record';
import { callbackIdOf, commandMatches, payloadOf, textOf, updateIdOf } from './update-facts';

/**
 * Options of {@link conversations}.
 *
 * @example
 * conversations(api, { store: fileStateStore('./state'), flows: [orderForm, quiz], key: userStateKey });
 */
export interface ConversationsOptions<B = NewMessageBody> {
  /** Where dialogs are kept. Use a durable store (file, Redis) to survive restarts. */
  readonly store: StateStore;
  /** The conversations this bot runs; ids must be unique. */
  readonly flows: readonly Conversation<StepMap, B>[];
  /**
   * Which updates share a dialog. Default `chatStateKey`: one dialog per chat (a user's dialog
   * with the bot and each group are separate). `userStateKey` gives each member of a group
   * their own. Updates without a key (`null`) never enter a dialog.
   */
  readonly key?: (update: ConversationUpdate) => string | null;
  /** Prepended to every store key, to share a store with other state. Default `'conversation:'`. */
  readonly prefix?: string;
  /** Runs time limits and reads the clock. Default `asyncScheduler`; a virtual-time scheduler in tests. */
  readonly scheduler?: SchedulerLike;
  /** The notification answering a button press when the step gives none. Default `'✓'`. */
  readonly callbackNotification?: string;
  /**
   * Hears failures: a step that threw, a message that could not be sent, a store that failed,
   * a record that cannot be read. The dialog stays where it was. Default `console.error`.
   */
  readonly onError?: (error: unknown) => void;
  /**
   * Extra lifetime of a stored dialog past its time limit, in ms, so a process that restarted
   * meanwhile still finds it and says the timeout message on the chat's next update. Default `3_600_000`.
   */
  readonly grace?: number;
}

/**
 * Live counters of the engine, for metrics and tests.
 *
 * @example
 * const { timers, busyKeys } = dialogs.stats;
 */
export interface ConversationsStats {
  /** Time limits scheduled in this process (one per dialog with a limit). */
  readonly timers: number;
  /** Dialog keys with work running or queued. */
  readonly busyKeys: number;
}

/**
 * A running set of conversations: a handler for `perChat`, a way to start one from code, and
 * counters.
 *
 * @example
 * const dialogs = conversations(api, { store, flows: [orderForm] });
 * updates$.pipe(perChat(dialogs.handler((u) => reply(api, u, 'Send /order to order.')))).subscribe();
 */
export interface Conversations {
  /**
   * A `perChat` handler: an update of a chat in a dialog goes to the dialog and nowhere else
   * (a redelivered one that already moved it is skipped); an update that enters a
   * conversation (`enterOn`) starts it; any other goes to `fallback`. The Observable completes
   * once the dialog's new position is durable, so `perChat` acknowledges the update only then.
   */
  handler<U extends ConversationUpdate, R = never>(
    fallback?: (update: U) => ObservableInput<R>,
  ): (update: U) => Observable<R>;
  /**
   * Starts `flow` in the update's chat (replacing a dialog running there), at its start step or
   * at `start`. Completes once the first question is sent and the dialog stored.
   */
  enter<S extends StepMap, B>(
    update: ConversationUpdate,
    flow: Conversation<S, B>,
    start?: StartOf<S>,
  ): Observable<never>;
  /** Resolves when no dialog has work running or queued (timers may still be pending). */
  settled(): Promise<void>;
  /** Counters, read any time. */
  readonly stats: ConversationsStats;
  /** Cancels this process's timers (stored dialogs stay). Call when the bot stops. */
  close(): void;
}

interface Timer {
  readonly seq: number;
  readonly subscription: Subscription;
}

/**
 * Runs conversations on an api and a store. Use its `handler` inside `perChat`, so each chat's
 * updates reach its dialog one at a time and are acknowledged only once handled.
 *
 * @example
 * const dialogs = conversations(api, { store: memoryStateStore(), flows: [orderForm] });
 * updates$.pipe(perChat(dialogs.handler())).subscribe();
 */
export function conversations<T extends TableWith<'sendMessage' | 'answerOnCallback'>>(
  api: Api<T>,
  options: ConversationsOptions<OperationBodyOf<T, 'sendMessage'>>,
): Conversations {
  type B = OperationBodyOf<T, 'sendMessage'>;
  if (typeof options !== 'object' || options === null)
    throw new TypeError('conversations: pass options { store, flows }');
  const { store } = options;
  if (typeof store?.get !== 'function' || typeof store.set !== 'function' || typeof store.delete !== 'function')
    throw new TypeError(
      'conversations: options.store must be a StateStore (memoryStateStore(), fileStateStore(dir)...)',
    );
  if (!Array.isArray(options.flows) || options.flows.length === 0)
    throw new TypeError('conversations: options.flows must list at least one conversation(...)');
  const flows = new Map<string, ErasedDefinition<B>>();
  for (const flow of options.flows) {
    const definition = definitionOf<B>(flow);
    if (flows.has(flow.id))
      throw new TypeError(`conversations: two flows have the id '${flow.id}'; ids must be unique`);
    flows.set(flow.id, definition);
  }
  const keyOf = options.key ?? chatStateKey;
  if (typeof keyOf !== 'function') throw new TypeError('conversations: options.key must be a function (update) => key');
  const prefix = options.prefix ?? 'conversation:';
  const scheduler = options.scheduler ?? asyncScheduler;
  const callbackNotification = options.callbackNotification ?? '✓';
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const grace = options.grace ?? 3_600_000;
  const now = (): number => scheduler.now();
  const lock = new KeyedLock();
  const timers = new Map<string, Timer>();
  let closed = false;

  type Body = B & { readonly text?: string | null; readonly attachments?: readonly object[] | null };
  // A text-only body is a valid message body in every dialect, and a body of the api's
  // dialect (B) has at most the fields sendMessage checks.
  const toBody = (say: Say<B>): Body => (typeof say === 'string' ? { text: say } : say) as Body;

  const send = (target: SendMessageTarget, says: readonly Say<B>[]): Promise<void> =>
    run(concat(...says.map((say) => sendMessage(api, target, toBody(say)))));

  const answerCallback = (update: ConversationUpdate, notification: string): Promise<void> => {
    const callbackId = callbackIdOf(update);
    if (callbackId === undefined) return Promise.resolve();
    // A notification-only answer is valid in every dialect.
    const answer = { notification } as OperationBodyOf<T, 'answerOnCallback'> & { readonly notification: string };
    return run(answerOnCallback(api, callbackId, answer));
  };

  const clearTimer = (key: string): void => {
    timers.get(key)?.subscription.unsubscribe();
    timers.delete(key);
  };

  const armTimer = (key: string, record: ConversationRecord): void => {
    const at = nextDeadline(record);
    const existing = timers.get(key);
    if (existing?.seq === record.seq && at !== null) return;
    clearTimer(key);
    if (at === null || closed) return;
    const subscription = scheduler.schedule(
      () => {
        if (timers.get(key)?.subscription !== subscription) return;
        timers.delete(key);
        lock.run(key, () => expireIfDue(key, record.seq)).catch(onError);
      },
      Math.max(0, at - now()),
    );
    timers.set(key, { seq: record.seq, subscription });
  };

  /** Reads a key's record; one that cannot be read, or names a flow or step no longer here, is dropped. */
  const load = async (key: string): Promise<ConversationRecord | null> => {
    const value = await store.get(key);
    if (value === undefined) return null;
    const record = asRecord(value);
    const definition = record === null ? undefined : flows.get(record.flow);
    if (record === null || definition === undefined || !Object.hasOwn(definition.steps, record.step)) {
      onError(
        new Error(
          `conversations: dropped the stored dialog at '${key}': ${record === null ? 'not a conversation record' : `no flow '${record.flow}' with step '${record.step}' runs here`}`,
        ),
      );
      await store.delete(key);
      clearTimer(key);
      return null;
    }
    return record;
  };

  const ttlOf = (record: ConversationRecord): { ttl: number } | undefined => {
    const at = record.deadline ?? record.stepDeadline;
    return at === null ? undefined : { ttl: Math.max(1, at - now()) + grace };
  };

  /** Carries out a transition: messages first, then the durable write, then the timer. */
  const apply = async (
    key: string,
    record: ConversationRecord,
    transition: Transition<AnySteps, B>,
    appliedId: string | null,
  ): Promise<void> => {
    const definition = flows.get(record.flow) as ErasedDefinition<B>;
    const applied = appliedId === null ? record.applied : [...record.applied, appliedId].slice(-APPLIED_MEMORY);
    switch (transition.kind) {
      case 'retry': {
        await send(record.target, transition.say);
        if (appliedId !== null) await store.set(key, { ...record, applied }, ttlOf(record));
        return;
      }
      case 'done':
      case 'cancel': {
        const says =
          transition.kind === 'cancel' && transition.say.length === 0
            ? listOf(definition.onCancel ?? 'Cancelled.')
            : transition.say;
        await send(record.target, says);
        clearTimer(key);
        await store.delete(key);
        return;
      }
      case 'next': {
        const step = transition.step ?? record.step;
        const data = transition.data;
        const stepDefinition = definition.steps[step];
        if (stepDefinition === undefined)
          throw new TypeError(`conversations: flow '${record.flow}' has no step '${step}'`);
        const asked = stepDefinition.ask === undefined ? [] : listOf(stepDefinition.ask({ data, step }));
        await send(record.target, [...transition.say, ...asked]);
        const next: ConversationRecord = {
          ...record,
          step,
          data,
          seq: record.seq + 1,
          stepDeadline: stepDefinition.timeout === undefined ? null : now() + stepDefinition.timeout,
          applied,
        };
        await store.set(key, next, ttlOf(next));
        armTimer(key, next);
        return;
      }
    }
  };

  /** Under the key's lock: ends or moves on a dialog whose time limit ran out (if it still waits where the timer was set). */
  const expireIfDue = async (key: string, seq: number | null): Promise<boolean> => {
    const record = await load(key);
    if (record === null || (seq !== null && record.seq !== seq)) return false;
    const at = nextDeadline(record);
    if (at === null || at > now()) {
      armTimer(key, record);
      return false;
    }
    const definition = flows.get(record.flow) as ErasedDefinition<B>;
    const stepDefinition = definition.steps[record.step];
    const stepExpired = record.stepDeadline !== null && record.stepDeadline <= now();
    const wholeExpired = record.deadline !== null && record.deadline <= now();
    let transition: Transition<AnySteps, B>;
    if (stepExpired && !wholeExpired && stepDefinition?.onTimeout !== undefined) {
      transition = stepDefinition.onTimeout({ data: record.data, step: record.step, ...makeTransitions<B>() });
    } else {
      transition = makeTransitions<B>().done(...listOf(definition.onTimeout ?? []));
    }
    await apply(key, record, transition, null);
    return true;
  };

  const start = async (
    key: string,
    update: ConversationUpdate,
    flowId: string,
    begin: { readonly step: string; readonly data: unknown },
  ): Promise<void> => {
    const definition = flows.get(flowId);
    if (definition === undefined)
      throw new TypeError(`conversations: flow '${flowId}' is not in options.flows; add it there`);
    const target = replyTarget(update);
    if (target === null)
      throw new TypeError(`conversations: a '${update.update_type}' update names no chat to talk in`);
    const at = now();
    const seed: ConversationRecord = {
      v: 1,
      flow: flowId,
      step: begin.step,
      data: begin.data,
      seq: 0,
      stepDeadline: null,
      deadline: definition.timeout === undefined ? null : at + definition.timeout,
      applied: [],
      target,
    };
    await apply(key, seed, makeTransitions<B>().next(begin.step, begin.data), updateIdOf(update));
  };

  /** Under the key's lock: `true` when the update was the dialog's (consumed). */
  const route = async (key: string, update: ConversationUpdate): Promise<boolean> => {
    let record = await load(key);
    if (record !== null && (nextDeadline(record) ?? Infinity) <= now()) {
      const ended = await expireIfDue(key, null);
      if (ended) {
        record = await load(key);
        // The answer came after its time limit: it answered a question no longer asked.
        if (record !== null) return true;
      }
    }
    if (record === null) {
      for (const [id, definition] of flows) {
        if (definition.enterOn !== undefined && matches(definition.enterOn, update)) {
          await start(key, update, id, definition.start);
          return true;
        }
      }
      return false;
    }
    armTimer(key, record);
    const id = updateIdOf(update);
    if (id !== null && record.applied.includes(id)) return true; // a redelivery of an update already applied
    const definition = flows.get(record.flow) as ErasedDefinition<B>;
    if (matches(definition.cancelOn ?? '/cancel', update)) {
      await apply(key, record, makeTransitions<B>().cancel(), id);
      return true;
    }
    if (update.update_type !== 'message_created' && update.update_type !== 'message_callback') return true;
    const step = definition.steps[record.step] as NonNullable<(typeof definition.steps)[string]>;
    let transition: Transition<AnySteps, B>;
    try {
      transition = await step.answer({
        update,
        data: record.data,
        step: record.step,
        text: textOf(update),
        payload: payloadOf(update),
        ...makeTransitions<B>(),
      });
    } catch (error) {
      await answerCallback(update, callbackNotification).catch(() => {});
      throw error;
    }
    await answerCallback(update, transition.notification ?? callbackNotification);
    await apply(key, record, transition, id);
    return true;
  };

  return {
    handler<U extends ConversationUpdate, R = never>(fallback?: (update: U) => ObservableInput<R>) {
      if (fallback !== undefined && typeof fallback !== 'function')
        throw new TypeError('conversations.handler: the fallback must be a function (update) => Observable');
      return (update: U): Observable<R> =>
        new Observable<R>((subscriber) => {
          const base = keyOf(update);
          if (base === null) {
            return fallback === undefined ? subscriber.complete() : from(fallback(update)).subscribe(subscriber);
          }
          const key = prefix + base;
          let inner: Subscription | undefined;
          let cancelled = false;
          lock
            .run(key, () => route(key, update))
            .then(
              (consumed) => {
                if (cancelled) return;
                if (consumed || fallback === undefined) subscriber.complete();
                else inner = from(fallback(update)).subscribe(subscriber);
              },
              (error: unknown) => {
                onError(error);
                subscriber.complete();
              },
            );
          return () => {
            cancelled = true;
            inner?.unsubscribe();
          };
        });
    },
    enter(update, flow, begin) {
      const definition = definitionOf(flow);
      return new Observable<never>((subscriber) => {
        const base = keyOf(update);
        if (base === null) {
          subscriber.error(new TypeError(`conversations.enter: a '${update.update_type}' update has no dialog key`));
          return;
        }
        const key = prefix + base;
        lock
          .run(key, async () => {
            clearTimer(key);
            await start(key, update, flow.id, begin ?? definition.start);
          })
          .then(
            () => subscriber.complete(),
            (error: unknown) => subscriber.error(error),
          );
      });
    },
    settled: () => lock.idle(),
    stats: {
      get timers() {
        return timers.size;
      },
      get busyKeys() {
        return lock.size;
      },
    },
    close() {
      closed = true;
      for (const key of [...timers.keys()]) clearTimer(key);
    },
  };
}

function listOf<X>(value: X | readonly X[]): readonly X[] {
  return Array.isArray(value) ? (value as readonly X[]) : [value as X];
}

function matches(matcher: string | ((update: ConversationUpdate) => boolean), update: ConversationUpdate): boolean {
  return typeof matcher === 'string' ? commandMatches(matcher, update) : matcher(update);
}

/** Runs an Observable to its end; the engine's steps are sequential awaits. */
function run(work: Observable<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    work.subscribe({ error: reject, complete: resolve });
  });
}
