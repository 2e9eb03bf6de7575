/**
 * `createFakeApi`: an {@link Api} for unit tests that records every request and answers from
 * scripts or realistic defaults, synchronously or after a delay in (virtual) time. It speaks
 * TamTam by default, Max with `{ dialect: 'max' }`.
 */
import {
  Observable,
  type SchedulerLike,
  asyncScheduler,
  concatMap,
  defer,
  isObservable,
  of,
  throwError,
  timer,
} from 'rxjs';
import type { Api } from '../../api/api';
import type { MaxOperations } from '../../api/max-operations';
import { MAX_DIALECT, type OperationsOf, TAMTAM_DIALECT, type UpdateOfTable } from '../../api/dialect';
import type { OperationIdOf, OperationResultOf } from '../../api/operation-table';
import { type OperationId, operationIds } from '../../api/operations';
import type { CallOptions } from '../../api/options';
import type { RequestSpec } from '../../api/request-spec';
import type { TamTamOperations } from '../../api/tamtam-operations';
import { MAX_EMULATOR_DIALECT, TAMTAM_EMULATOR_DIALECT } from '../../emulator/dialect';
import { MAX_TEST_BOT_INFO } from '../max/max-test-world';
import type { Message } from '../../types/index';
import { TEST_BOT_INFO } from '../test-world';
import { type FakeBot, FakeServer } from './fake-server';
import type { FakeTable, MessageOfTable, OperationResults } from './operation-types';
import type {
  AnsweredCallback,
  EditedMessage,
  RecordedRequest,
  RecordedRequestOf,
  RequestOutcome,
  SentMessage,
} from './recorded-request';
import { ScriptedError } from './scripted-error';

/**
 * The dialects a fake api speaks: `'tamtam'` (the default) and `'max'`.
 *
 * @example
 * const dialect: FakeDialectName = 'max';
 */
export type FakeDialectName = 'tamtam' | 'max';

/**
 * Computes an answer from the request. `defaultAnswer()` is what the fake would have answered
 * without a script, so a responder can wrap or delay it. Throwing fails the request with the
 * thrown error.
 *
 * @example
 * const slow: FakeResponder<'sendMessage'> = (_request, defaultAnswer) => defaultAnswer().pipe(delay(500));
 */
export type FakeResponder<O extends OperationIdOf<T>, T extends FakeTable = TamTamOperations> = (
  request: RecordedRequestOf<O, T>,
  defaultAnswer: () => Observable<OperationResults<T>[O]>,
) => OperationResults<T>[O] | Observable<OperationResults<T>[O]> | ScriptedError | Error;

/**
 * How a fake api answers one operation: a value, an Observable (for timing, several values or
 * `NEVER`), an error (a {@link ScriptedError} from `apiError()`/`networkError()`, or any
 * Error), or a {@link FakeResponder} computing one of these per request.
 *
 * @example
 * const answers: FakeResponse<'getMyInfo'>[] = [{ ...TEST_BOT_INFO, name: 'Weather' }, apiError(401, 'verify.token'), NEVER];
 */
export type FakeResponse<O extends OperationIdOf<T>, T extends FakeTable = TamTamOperations> =
  | OperationResults<T>[O]
  | Observable<OperationResults<T>[O]>
  | ScriptedError
  | Error
  | FakeResponder<O, T>;

/**
 * Answers by operation of table `T`; operations left out get the default answers.
 *
 * @example
 * const responses: FakeResponses = { sendMessage: apiError(403, 'chat.denied'), getChat: (r) => ({ ...chat, chat_id: Number(r.path.split('/')[2]) }) };
 */
export type FakeResponses<T extends FakeTable = TamTamOperations> = {
  readonly [O in OperationIdOf<T>]?: FakeResponse<O, T>;
};

/**
 * Options of {@link createFakeApi}; all optional.
 *
 * @example
 * createFakeApi({ delay: 100, responses: { getMyInfo: { ...TEST_BOT_INFO, username: 'weather_bot' } } });
 * createFakeApi({ dialect: 'max', responses: { deleteAdmin: apiError(403, 'chat.denied') } });
 */
export interface FakeApiOptions<D extends FakeDialectName = 'tamtam'> {
  /**
   * The Bot API the fake speaks: `'tamtam'` or `'max'` (then it is typed by the Max table and
   * answers with the Max emulator's handlers: Max users and wire objects, admin management,
   * video details, only the latest update for a poll without a marker). Default `'tamtam'`.
   */
  readonly dialect?: D;
  /** Scripted answers by operation. Default: none (realistic defaults for everything). */
  readonly responses?: FakeResponses<OperationsOf<D>>;
  /**
   * Milliseconds every answer waits (on `scheduler`), like network latency; the server
   * handles the request when the wait ends. Default `0`: answers arrive synchronously on
   * subscribe.
   */
  readonly delay?: number;
  /**
   * Scheduler of delays, long-poll waits and request times. Default `asyncScheduler`, which a
   * `TestScheduler.run` callback (and rxjs-marbles) turns into virtual time automatically.
   */
  readonly scheduler?: SchedulerLike;
  /** Timestamps of messages the fake creates. Default: the scheduler's `now()`. */
  readonly now?: () => number;
  /**
   * What `getMyInfo` answers and who sends the bot's messages. Default {@link TEST_BOT_INFO}
   * (TamTam) or {@link MAX_TEST_BOT_INFO} (Max).
   */
  readonly bot?: OperationResultOf<OperationsOf<D>, 'getMyInfo'>;
  /**
   * Base URL the fake claims (upload URLs start with it). Default `https://botapi.tamtam.test`
   * (TamTam) or `https://platform-api2.max.test` (Max).
   */
  readonly baseUrl?: string;
}

/**
 * The `message_callback` update of table `T`'s dialect.
 *
 * @example
 * const press: CallbackUpdateOfTable<MaxOperations> = maxUpdates.pressButton(message, 'Yes');
 */
export type CallbackUpdateOfTable<T extends FakeTable> = Extract<UpdateOfTable<T>, { update_type: 'message_callback' }>;

/**
 * A fake {@link Api} of table `T` (TamTam's by default; `createFakeApi({ dialect: 'max' })`
 * gives a `FakeApi<MaxOperations>`): pass it to any action or bot. Every request is recorded
 * when subscribed (like the real api, nothing happens before subscribe) and answered from, in
 * order: answers queued with `respondOnce`, the answer set with `respond` or
 * `options.responses`, the default.
 *
 * The default answers are the emulator's: its own request handlers (of the fake's dialect) run
 * in process, without HTTP, on a world that starts as the emulator's default world
 * (`TEST_USERS`, `TEST_CHATS`). So `sendMessage` answers the Message the emulator would (fresh
 * mid, the bot as sender, keyboards as received) and keeps it, so `editMessage`,
 * `deleteMessage`, `getMessageById` and `getMessages` see it; an `answerOnCallback` with a
 * message edits the pressed message; bad input fails with the emulator's 400/403/404
 * `TamTamApiError`s; `getUpdates` hands out updates queued with `pushUpdates` with the
 * emulator's marker semantics, waiting up to the poll's `timeout` when there are none; uploads
 * return the emulator's tokens. What test data made up and a request names (a chat or user not
 * in the world, a message, button press or constructor session an update factory made, an
 * attachment token) is adopted into the world first. Webhook subscriptions are recorded, never
 * called. Nothing is retried.
 *
 * @example
 * const api = createFakeApi();
 * sendMessage(api, { chat_id: 42 }, { text: 'hi' }).subscribe();
 * api.lastSent().text; // 'hi'
 */
export interface FakeApi<T extends FakeTable = TamTamOperations> extends Api<T> {
  /** Every request so far, oldest first. */
  requests(): RecordedRequest<OperationIdOf<T>, T>[];
  /** The requests of one operation, typed (`body`, `response`). */
  requests<O extends OperationIdOf<T>>(operation: O): RecordedRequestOf<O, T>[];
  /** Every answered `sendMessage`, oldest first, as sent (see `message(mid)` for the current state); failed and still pending ones are left out. */
  sent(): SentMessage<T>[];
  /** The last answered `sendMessage`; throws an error saying nothing was sent when there is none. */
  lastSent(): SentMessage<T>;
  /** Every `editMessage` that did not fail. */
  edits(): EditedMessage<T>[];
  /** Every `answerOnCallback` that did not fail. */
  callbackAnswers(): AnsweredCallback<T>[];
  /**
   * The pressed message as it looks after the bot's answer to `press` replaced it
   * (`answerOnCallback` with a `message`), to press its new buttons next. Throws when the bot
   * did not answer that press with a new message.
   */
  answeredMessage(press: CallbackUpdateOfTable<T>): MessageOfTable<T>;
  /** A message sent through this fake, in its current state (edits applied), or `undefined` (never sent, or deleted). */
  message(mid: string): MessageOfTable<T> | undefined;
  /** Answers `operation` with `response` from now on (replacing `options.responses`). Returns the api. */
  respond<O extends OperationIdOf<T>>(operation: O, response: FakeResponse<O, T>): FakeApi<T>;
  /** Queues answers used once each, in order, before the standing answer. Returns the api. */
  respondOnce<O extends OperationIdOf<T>>(operation: O, ...responses: FakeResponse<O, T>[]): FakeApi<T>;
  /** Queues updates for `getUpdates` (and wakes a waiting poll). */
  pushUpdates(...updates: UpdateOfTable<T>[]): void;
  /** Forgets recorded requests (scripts, queued answers and remembered messages stay). */
  clearRequests(): void;
}

interface MutableRecord {
  index: number;
  operation: OperationId;
  method: RequestSpec['method'];
  path: string;
  query: NonNullable<RequestSpec['query']>;
  body: unknown;
  absoluteUrl: string | undefined;
  timeout: number | undefined;
  options: CallOptions | undefined;
  time: number;
  outcome: RequestOutcome;
  response: unknown;
  error: unknown;
}

/** The options of either dialect, as the implementation reads them. */
type LooseFakeApiOptions = Omit<FakeApiOptions<FakeDialectName>, 'responses' | 'bot'> & {
  readonly responses?: object;
  readonly bot?: FakeBot;
};

/** What a fake of each dialect claims and runs. */
const FAKE_DIALECTS = {
  tamtam: { api: TAMTAM_DIALECT, emulator: TAMTAM_EMULATOR_DIALECT, baseUrl: 'https://botapi.tamtam.test' },
  max: { api: MAX_DIALECT, emulator: MAX_EMULATOR_DIALECT, baseUrl: 'https://platform-api2.max.test' },
} as const;

/**
 * Creates a {@link FakeApi}: TamTam by default, Max with `{ dialect: 'max' }` (a
 * `FakeApi<MaxOperations>`, so bots typed for Max accept it and TamTam-only actions do not
 * compile). Works in real time and under the RxJS `TestScheduler`; with no `delay`, answers
 * are synchronous.
 *
 * @example
 * const api = createFakeApi({ responses: { answerOnCallback: apiError(400, 'callback.expired') } });
 * echoBot(api, of(textMessage('ping'))).subscribe();
 * expectSent(api, { text: 'ping' });
 *
 * const max = createFakeApi({ dialect: 'max' });
 * echoBot(max, of(maxUpdates.textMessage('ping'))).subscribe();
 */
export function createFakeApi<D extends FakeDialectName>(
  options: FakeApiOptions<D> & { readonly dialect: D },
): FakeApi<OperationsOf<D>>;
export function createFakeApi(options?: FakeApiOptions): FakeApi;
export function createFakeApi(options: LooseFakeApiOptions = {}): unknown {
  const dialectName: FakeDialectName = options.dialect ?? 'tamtam';
  if (!Object.hasOwn(FAKE_DIALECTS, dialectName)) {
    throw new TypeError(
      `createFakeApi: unknown dialect ${JSON.stringify(dialectName)}; use 'tamtam' (the default) or 'max'`,
    );
  }
  const dialect = FAKE_DIALECTS[dialectName];
  const known: readonly string[] = operationIds(dialect.api.operations);
  const knownSet: ReadonlySet<string> = new Set(known);
  function requireOperation(where: string, operation: string): asserts operation is OperationId {
    if (!knownSet.has(operation)) {
      throw new TypeError(
        `${where}: unknown operation ${JSON.stringify(operation)}; use an operationId such as 'sendMessage' (one of the ${dialect.api.name} operations ${known.join(', ')})`,
      );
    }
  }
  const scheduler = options.scheduler ?? asyncScheduler;
  const delay = options.delay ?? 0;
  if (!Number.isFinite(delay) || delay < 0)
    throw new TypeError(`createFakeApi: delay must be a number of ms ≥ 0, got ${String(delay)}`);
  for (const operation of Object.keys(options.responses ?? {})) requireOperation('createFakeApi: responses', operation);
  const bot = options.bot ?? (dialectName === 'max' ? MAX_TEST_BOT_INFO : TEST_BOT_INFO);
  const now = options.now ?? (() => scheduler.now());
  const baseUrl = options.baseUrl ?? dialect.baseUrl;
  const server = new FakeServer({ dialect: dialect.emulator, bot, scheduler, now, baseUrl });
  const standing = new Map<OperationId, unknown>(Object.entries(options.responses ?? {}) as [OperationId, unknown][]);
  const once = new Map<OperationId, unknown[]>();
  let records: MutableRecord[] = [];
  let counter = 0;

  const succeeded = <O extends OperationId>(operation: O): RecordedRequestOf<O>[] =>
    (records as unknown as RecordedRequestOf<O>[]).filter((r) => r.operation === operation && r.outcome !== 'failed');

  // Implemented once over the TamTam types; the object is the same for either table, and
  // requireOperation keeps it to the operations of `dialect` at run time.
  const api: FakeApi = {
    baseUrl,
    version: dialect.api.version,
    timeout: 30_000,
    tokenIn: dialect.api.auth.tokenIn,

    request<T>(spec: RequestSpec, callOptions?: CallOptions): Observable<T> {
      return new Observable<T>((subscriber) => {
        requireOperation('FakeApi.request', spec.operation);
        const record: MutableRecord = {
          index: counter++,
          operation: spec.operation,
          method: spec.method,
          path: spec.path,
          query: spec.query ?? {},
          body: spec.json !== undefined ? spec.json : spec.body,
          absoluteUrl: spec.absoluteUrl,
          timeout: spec.timeout,
          options: callOptions,
          time: scheduler.now(),
          outcome: 'pending',
          response: undefined,
          error: undefined,
        };
        records.push(record);
        const request = record as unknown as RecordedRequest;
        const abort = new AbortController();
        const defaultAnswer = (): Observable<unknown> => server.answer(request, abort.signal);
        const answer$ = defer(() => toObservable(pick(spec.operation), request, defaultAnswer));
        const delayed$ = delay > 0 ? timer(delay, scheduler).pipe(concatMap(() => answer$)) : answer$;
        const subscription = delayed$.subscribe({
          next: (value) => {
            record.response = value;
            record.outcome = 'succeeded';
            subscriber.next(value as T);
          },
          error: (error: unknown) => {
            record.outcome = 'failed';
            record.error = error;
            subscriber.error(error);
          },
          complete: () => {
            record.outcome = 'succeeded';
            subscriber.complete();
          },
        });
        return () => {
          subscription.unsubscribe();
          abort.abort();
          if (record.outcome === 'pending') record.outcome = 'cancelled';
        };
      });
    },

    requests<O extends OperationId>(operation?: O): never[] {
      if (operation !== undefined) requireOperation('FakeApi.requests', operation);
      return (operation === undefined ? [...records] : records.filter((r) => r.operation === operation)) as never[];
    },
    sent() {
      return records.flatMap((record): SentMessage[] => {
        if (record.operation !== 'sendMessage' || record.outcome !== 'succeeded') return [];
        const request = record as unknown as RecordedRequestOf<'sendMessage'>;
        const message = request.response?.message;
        if (!isMessage(message)) return [];
        const targetUser = request.query['user_id'];
        return [
          {
            chatId: message.recipient.chat_id,
            userId:
              typeof targetUser === 'number'
                ? targetUser
                : // a dialog's recipient names its user (Max calls dialogs `chat`); groups and channels do not
                  message.recipient.user_id,
            text: request.body.text ?? null,
            body: request.body,
            message: structuredClone(message),
            request,
          },
        ];
      });
    },
    lastSent() {
      const last = api.sent().at(-1);
      if (last === undefined) {
        const attempts = records.filter((r) => r.operation === 'sendMessage').length;
        throw new Error(
          `lastSent: the bot sent no message${attempts > 0 ? ` (${attempts} sendMessage request(s) failed)` : ''}; requests so far: ${describeOperations(records)}`,
        );
      }
      return last;
    },
    edits() {
      return succeeded('editMessage').map((request) => ({
        messageId: String(request.query['message_id']),
        text: request.body.text,
        body: request.body,
        request,
      }));
    },
    callbackAnswers() {
      return succeeded('answerOnCallback').map((request) => ({
        callbackId: String(request.query['callback_id']),
        notification: request.body.notification ?? null,
        message: request.body.message ?? null,
        answer: request.body,
        request,
      }));
    },
    answeredMessage(press) {
      const id = press.callback.callback_id;
      const answer = api
        .callbackAnswers()
        .filter((a) => a.callbackId === id)
        .at(-1);
      if (answer === undefined || answer.message === null) {
        throw new Error(
          `answeredMessage: the bot ${answer === undefined ? 'did not answer' : 'answered without a new message'} callback ${id}; answers so far: ${
            api
              .callbackAnswers()
              .map((a) => a.callbackId)
              .join(', ') || 'none'
          }`,
        );
      }
      if (press.message === null)
        throw new Error(`answeredMessage: callback ${id} carries no message (it was deleted)`);
      return server.answeredMessage(id, press.message, answer.message);
    },
    message(mid) {
      return server.message(mid);
    },
    respond(operation, response) {
      requireOperation('FakeApi.respond', operation);
      standing.set(operation, response);
      return api;
    },
    respondOnce(operation, ...responses) {
      requireOperation('FakeApi.respondOnce', operation);
      once.set(operation, [...(once.get(operation) ?? []), ...responses]);
      return api;
    },
    pushUpdates(...updates) {
      server.pushUpdates(updates);
    },
    clearRequests() {
      records = [];
    },
  };

  function pick(operation: OperationId): unknown {
    const queued = once.get(operation);
    if (queued !== undefined && queued.length > 0) return queued.shift();
    return standing.has(operation) ? standing.get(operation) : DEFAULT;
  }

  Object.assign(api, { dialect: dialect.api });
  // the same object serves the Max table: it routes to the Max handlers and accepts only Max operations
  return dialectName === 'max' ? (api as unknown as FakeApi<MaxOperations>) : api;
}

/** Marks "no script: use the default answer". */
const DEFAULT: unique symbol = Symbol('default answer');

function toObservable(
  response: unknown,
  request: RecordedRequest,
  defaultAnswer: () => Observable<unknown>,
): Observable<unknown> {
  if (response === DEFAULT) return defaultAnswer();
  if (response instanceof ScriptedError) return throwError(() => response.toError(request));
  if (response instanceof Error) return throwError(() => response);
  if (isObservable(response)) return response;
  if (typeof response === 'function') {
    const computed: unknown = (response as (r: RecordedRequest, d: () => Observable<unknown>) => unknown)(
      request,
      defaultAnswer,
    );
    if (typeof computed === 'function') {
      return throwError(
        () =>
          new TypeError(
            `FakeApi: the responder for ${request.operation} returned a function; return a value, an Observable or an error`,
          ),
      );
    }
    return toObservable(computed, request, defaultAnswer);
  }
  return of(response);
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'body' in value && 'recipient' in value;
}

function describeOperations(records: readonly MutableRecord[]): string {
  if (records.length === 0) return 'none';
  return records.map((r) => `${r.operation}${r.outcome === 'failed' ? ' (failed)' : ''}`).join(', ');
}
