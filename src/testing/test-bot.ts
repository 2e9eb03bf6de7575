/**
 * End-to-end tests against the local emulator: one call starts an emulator, an api pointed at
 * it, a fast long-polling source and (optionally) your bot.
 */
import type { Observable, Subscription } from 'rxjs';
import type { Api } from '../api/api';
import { createApi } from '../api/create-api';
import type { OperationsOf, UpdateOfTable, UpdateTypeOfTable } from '../api/dialect';
import type { ApiOptions } from '../api/options';
import type { EmulatorDialectName } from '../emulator/dialect';
import type { Emulator, EmulatorOptions } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import { LongPolling } from '../sources/long-polling';
import type { LongPollingOptions } from '../sources/long-polling-options';
import type { Message } from '../types/index';
import { TestKitAssertionError } from './assertions/assertion-error';
import {
  type MessageCriteria,
  describeCriteria,
  factsOf,
  listMessages,
  meetsCriteria,
} from './assertions/message-criteria';
import { type WaitOptions, waitFor } from './wait-for';

/**
 * The shape the kit expects of a bot: given an api and the updates, it returns the Observable
 * of its work; subscribing runs the bot, unsubscribing stops it.
 *
 * @example
 * const echo: BotFunction = (api, updates$) =>
 *   updates$.pipe(ofType('message_created'), perChat((u) => reply(api, u, u.message.body.text ?? '…')));
 */
export type BotFunction<D extends EmulatorDialectName = 'tamtam'> = (
  api: Api<OperationsOf<D>>,
  updates$: Observable<UpdateOfTable<OperationsOf<D>>>,
) => Observable<unknown>;

/**
 * Options of {@link startTestBot}; all optional.
 *
 * @example
 * startTestBot({ bot: echoBot, emulator: { world: 'empty' }, polling: { types: ['message_created'] } });
 */
export interface TestBotOptions<D extends EmulatorDialectName = 'tamtam'> {
  /**
   * The Bot API dialect of the emulator and the api: `'tamtam'` or `'max'`. Default: the
   * emulator option's `dialect`, else `'tamtam'`.
   */
  readonly dialect?: D;
  /** The bot to run; it is subscribed at once and unsubscribed by `close()`. Default: none. */
  readonly bot?: BotFunction<D>;
  /** Emulator options (world, faults, token…). Default: the default world on a free loopback port. */
  readonly emulator?: EmulatorOptions;
  /** Long-polling options over the fast test defaults (`timeout: 1` s, 20 ms backoff, no jitter). */
  readonly polling?: LongPollingOptions<UpdateTypeOfTable<OperationsOf<D>>>;
  /** Api options besides token and base URL. Default: retries with 20 ms backoff, no jitter. */
  readonly api?: Omit<ApiOptions, 'token' | 'baseUrl' | 'dialect'>;
}

/**
 * A running emulator with an api and an update source pointed at it.
 *
 * @example
 * const { emulator, api, updates$, close } = await startTestBot();
 */
export interface TestBot<D extends EmulatorDialectName = 'tamtam'> {
  /** The emulator: act as users with `emulator.actAs(id)`, look with `emulator.inspect`. */
  readonly emulator: Emulator;
  /** An api for the emulator (real HTTP over loopback). */
  readonly api: Api<OperationsOf<D>>;
  /** Long polling on the emulator, shared by every subscriber; `close()` stops it. */
  readonly updates$: LongPolling<UpdateOfTable<OperationsOf<D>>>;
  /** Errors the bot's Observable ended with (a bot should not end; if it does, tests hear it). */
  readonly errors: readonly unknown[];
  /**
   * Waits until the bot has sent a message meeting `criteria` (checked against the emulator's
   * record, edits applied) and resolves with the last such message. Rejects with a message
   * listing what the bot sent when the time runs out (`options.timeout`, default 4000 ms:
   * before vitest's and jest's 5000 ms test timeout), or at once when the bot failed.
   */
  waitForSent(criteria?: MessageCriteria, options?: WaitOptions): Promise<Message>;
  /** Stops polling (letting handlers finish), stops the bot, closes the emulator. Safe to call twice. */
  close(): Promise<void>;
}

const FAST_POLLING: LongPollingOptions = { timeout: 1, backoff: { initialDelay: 20, backoffLimit: 200, jitter: 0 } };
const FAST_RETRY = { initialDelay: 20, backoffLimit: 200, jitter: 0 } as const;

/**
 * Starts an emulator, an api and a long-polling source for it, and runs `options.bot` if
 * given. Close it at the end of the test (or use {@link withEmulator}).
 *
 * @example
 * const t = await startTestBot({ bot: echoBot });
 * try {
 *   t.emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
 *   await t.waitForSent({ userId: DEFAULT_WORLD_IDS.alice, text: 'ping' });
 * } finally {
 *   await t.close();
 * }
 */
export async function startTestBot<D extends EmulatorDialectName = 'tamtam'>(
  options: TestBotOptions<D> = {},
): Promise<TestBot<D>> {
  const dialect: EmulatorDialectName = options.dialect ?? options.emulator?.dialect ?? 'tamtam';
  const emulator = await startEmulator({ ...options.emulator, dialect });
  // the runtime dialect is `dialect`; D names it for the types
  const api = createApi({
    retry: FAST_RETRY,
    ...options.api,
    dialect,
    token: emulator.token,
    baseUrl: emulator.url,
  }) as unknown as Api<OperationsOf<D>>;
  const updates$ = new LongPolling<UpdateOfTable<OperationsOf<D>>>(api, {
    ...FAST_POLLING,
    ...(options.polling as LongPollingOptions | undefined),
  });
  const errors: unknown[] = [];
  let subscription: Subscription | undefined;
  if (options.bot !== undefined) {
    subscription = options.bot(api, updates$).subscribe({ error: (error: unknown) => errors.push(error) });
  }
  let closing: Promise<void> | undefined;

  const failure = (): Error | undefined => {
    if (errors.length === 0) return undefined;
    const first = errors[0];
    return new TestKitAssertionError(
      `The bot stopped with an error: ${first instanceof Error ? first.message : String(first)}`,
      { cause: first },
    );
  };

  return {
    emulator,
    api,
    updates$,
    errors,
    async waitForSent(criteria = {}, waitOptions = {}) {
      const find = (): Message | undefined =>
        emulator.inspect
          .sentMessages()
          .filter((m) => meetsCriteria(factsOf(m), criteria))
          .at(-1);
      try {
        return await waitFor(
          () => {
            const error = failure();
            if (error) throw error;
            return find();
          },
          { ...waitOptions, what: describeCriteria(criteria) },
        );
      } catch (error) {
        if (error instanceof TestKitAssertionError && error.cause === undefined) {
          const sent = emulator.inspect.sentMessages();
          throw new TestKitAssertionError(
            `${error.message}\nMessages the bot sent (${sent.length}):\n${listMessages(sent.map(factsOf))}`,
          );
        }
        throw error;
      }
    },
    close() {
      closing ??= (async () => {
        try {
          await updates$.stop();
        } finally {
          subscription?.unsubscribe();
          await emulator.close();
        }
      })();
      return closing;
    },
  };
}

/**
 * Runs `test` with a fresh {@link TestBot} and closes it afterwards, whether the test passed
 * or threw.
 *
 * @example
 * it('echoes', () =>
 *   withEmulator(async ({ emulator, waitForSent }) => {
 *     emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
 *     await waitForSent({ text: 'ping' });
 *   }, { bot: echoBot }));
 */
export async function withEmulator<R, D extends EmulatorDialectName = 'tamtam'>(
  test: (bot: TestBot<D>) => R | Promise<R>,
  options: TestBotOptions<D> = {},
): Promise<R> {
  const bot = await startTestBot(options);
  try {
    return await test(bot);
  } finally {
    await bot.close();
  }
}
