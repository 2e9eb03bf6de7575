/**
 * `createFakeApi`: an {@link Api} for unit tests that records every request and answers from
 * scripts or realistic defaults, synchronously or after a delay in (virtual) time.
 */
import { Observable, type SchedulerLike, asyncScheduler, concatMap, defer, isObservable, of, throwError, timer } from 'rxjs';
import type { Api } from '../../api/api';
import { API_VERSION } from '../../api/constants';
import { OPERATION_IDS, type OperationId } from '../../api/operations';
import type { CallOptions } from '../../api/options';
import type { RequestSpec } from '../../api/request-spec';
import type { BotInfo, Message, MessageCallbackUpdate, NewMessageBody, Update } from '../../types/index';
import { TEST_BOT_INFO } from '../test-world';
import { type UpdateFactory, createUpdateFactory } from '../update-factory';
import { FakeServer } from './fake-server';
import type { OperationResults } from './operation-types';
import type { AnsweredCallback, EditedMessage, RecordedRequest, RecordedRequestOf, RequestOutcome, SentMessage } from './recorded-request';
import { ScriptedError } from './scripted-error';

/**
 * Computes an answer from the request. `defaultAnswer()` is what the fake would have answered
 * without a script, so a responder can wrap or delay it. Throwing fails the request with the
 * thrown error.
 *
 * @example
 * const slow: FakeResponder<'sendMessage'> = (_request, defaultAnswer) => defaultAnswer().pipe(delay(500));
 */
export type FakeResponder<O extends OperationId> = (
  request: RecordedRequestOf<O>,
  defaultAnswer: () => Observable<OperationResults[O]>,
) => OperationResults[O] | Observable<OperationResults[O]> | ScriptedError | Error;

/**
 * How a fake api answers one operation: a value, an Observable (for timing, several values or
 * `NEVER`), an error (a {@link ScriptedError} from `apiError()`/`networkError()`, or any
 * Error), or a {@link FakeResponder} computing one of these per request.
 *
 * @example
 * const answers: FakeResponse<'getMyInfo'>[] = [{ ...TEST_BOT_INFO, name: 'Weather' }, apiError(401, 'verify.token'), NEVER];
 */
export type FakeResponse<O extends OperationId> = OperationResults[O] | Observable<OperationResults[O]> | ScriptedError | Error | FakeResponder<O>;

/**
 * Answers by operation; operations left out get the default answers.
 *
 * @example
 * const responses: FakeResponses = { sendMessage: apiError(403, 'chat.denied'), getChat: (r) => ({ ...chat, chat_id: Number(r.path.split('/')[2]) }) };
 */
export type FakeResponses = { readonly [O in OperationId]?: FakeResponse<O> };

/**
 * Options of {@link createFakeApi}; all optional.
 *
 * @example
 * createFakeApi({ delay: 100, responses: { getMyInfo: { ...TEST_BOT_INFO, username: 'weather_bot' } } });
 */
export interface FakeApiOptions {
  /** Scripted answers by operation. Default: none (realistic defaults for everything). */
  readonly responses?: FakeResponses;
  /**
   * Milliseconds every answer waits (on `scheduler`), like network latency. Default `0`:
   * answers arrive synchronously on subscribe.
   */
  readonly delay?: number;
  /**
   * Scheduler of delays, long-poll waits and request times. Default `asyncScheduler`, which a
   * `TestScheduler.run` callback (and rxjs-marbles) turns into virtual time automatically.
   */
  readonly scheduler?: SchedulerLike;
  /** Timestamps of messages the fake creates. Default: the scheduler's `now()`. */
  readonly now?: () => number;
  /** What `getMyInfo` answers and who sends the bot's messages. Default {@link TEST_BOT_INFO}. */
  readonly bot?: BotInfo;
  /** Base URL the fake claims. Default `https://botapi.tamtam.test`. */
  readonly baseUrl?: string;
}

/**
 * A fake {@link Api}: pass it to any action or bot. Every request is recorded when subscribed
 * (like the real api, nothing happens before subscribe) and answered from, in order: answers
 * queued with `respondOnce`, the answer set with `respond` or `options.responses`, the default.
 *
 * Defaults behave like a small server: `sendMessage` answers a Message built from the body
 * (fresh mid, the bot as sender, keyboards as received) and remembers it, so `editMessage`,
 * `deleteMessage`, `getMessageById` and `getMessages` see it; `getUpdates` hands out updates
 * queued with `pushUpdates`, waiting up to the poll's `timeout` when there are none; uploads
 * return tokens; everything else answers success or a plausible object. Nothing is retried.
 *
 * @example
 * const api = createFakeApi();
 * sendMessage(api, { chat_id: 42 }, { text: 'hi' }).subscribe();
 * api.lastSent().text; // 'hi'
 */
export interface FakeApi extends Api {
  /** Every request so far, oldest first. */
  requests(): RecordedRequest[];
  /** The requests of one operation, typed (`body`, `response`). */
  requests<O extends OperationId>(operation: O): RecordedRequestOf<O>[];
  /** Every `sendMessage` that did not fail, oldest first, as sent (see `message(mid)` for the current state). */
  sent(): SentMessage[];
  /** The last `sendMessage` that did not fail; throws an error saying nothing was sent when there is none. */
  lastSent(): SentMessage;
  /** Every `editMessage` that did not fail. */
  edits(): EditedMessage[];
  /** Every `answerOnCallback` that did not fail. */
  callbackAnswers(): AnsweredCallback[];
  /**
   * The pressed message as it looks after the bot's answer to `press` replaced it
   * (`answerOnCallback` with a `message`), to press its new buttons next. Throws when the bot
   * did not answer that press with a new message.
   */
  answeredMessage(press: MessageCallbackUpdate): Message;
  /** A message sent through this fake, in its current state (edits applied), or `undefined` (never sent, or deleted). */
  message(mid: string): Message | undefined;
  /** Answers `operation` with `response` from now on (replacing `options.responses`). Returns the api. */
  respond<O extends OperationId>(operation: O, response: FakeResponse<O>): FakeApi;
  /** Queues answers used once each, in order, before the standing answer. Returns the api. */
  respondOnce<O extends OperationId>(operation: O, ...responses: FakeResponse<O>[]): FakeApi;
  /** Queues updates for `getUpdates` (and wakes a waiting poll). */
  pushUpdates(...updates: Update[]): void;
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
  options: CallOptions | undefined;
  time: number;
  outcome: RequestOutcome;
  response: unknown;
  error: unknown;
}

const KNOWN_OPERATIONS: ReadonlySet<string> = new Set(OPERATION_IDS);

/**
 * Creates a {@link FakeApi}. Works in real time and under the RxJS `TestScheduler`; with no
 * `delay`, answers are synchronous.
 *
 * @example
 * const api = createFakeApi({ responses: { answerOnCallback: apiError(400, 'callback.expired') } });
 * echoBot(api, of(textMessage('ping'))).subscribe();
 * expectSent(api, { text: 'ping' });
 */
export function createFakeApi(options: FakeApiOptions = {}): FakeApi {
  const scheduler = options.scheduler ?? asyncScheduler;
  const delay = options.delay ?? 0;
  if (!Number.isFinite(delay) || delay < 0) throw new TypeError(`createFakeApi: delay must be a number of ms ≥ 0, got ${String(delay)}`);
  for (const operation of Object.keys(options.responses ?? {})) requireOperation('createFakeApi: responses', operation);
  const bot: BotInfo = options.bot ?? TEST_BOT_INFO;
  const now = options.now ?? (() => scheduler.now());
  const factory: UpdateFactory = createUpdateFactory({ now, bot });
  const server = new FakeServer({ bot, factory, scheduler, uploadUrl: 'https://upload.tamtam.test' });
  const standing = new Map<OperationId, unknown>(Object.entries(options.responses ?? {}) as [OperationId, unknown][]);
  const once = new Map<OperationId, unknown[]>();
  let records: MutableRecord[] = [];
  let counter = 0;
  const sentMessages = new WeakMap<MutableRecord, Message>();

  const succeeded = <O extends OperationId>(operation: O): RecordedRequestOf<O>[] =>
    (records as unknown as RecordedRequestOf<O>[]).filter((r) => r.operation === operation && r.outcome !== 'failed');

  const api: FakeApi = {
    baseUrl: options.baseUrl ?? 'https://botapi.tamtam.test',
    version: API_VERSION,
    timeout: 30_000,
    tokenIn: 'query',

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
          options: callOptions,
          time: scheduler.now(),
          outcome: 'pending',
          response: undefined,
          error: undefined,
        };
        records.push(record);
        const request = record as unknown as RecordedRequest;
        let sent: Message | undefined;
        if (request.operation === 'sendMessage' && isObject(request.body)) {
          sent = server.createMessage(request.query, request.body);
          sentMessages.set(record, sent);
        }
        const defaultAnswer = (): Observable<unknown> => server.answer(request, sent);
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
            if (sent !== undefined) server.messages.delete(sent.body.mid);
            subscriber.error(error);
          },
          complete: () => {
            record.outcome = 'succeeded';
            subscriber.complete();
          },
        });
        return () => {
          subscription.unsubscribe();
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
        const built = sentMessages.get(record);
        if (record.operation !== 'sendMessage' || record.outcome === 'failed' || built === undefined) return [];
        const request = record as unknown as RecordedRequestOf<'sendMessage'>;
        const message = built;
        const targetUser = request.query['user_id'];
        return [
          {
            chatId: message.recipient.chat_id,
            userId: typeof targetUser === 'number' ? targetUser : message.recipient.chat_type === 'dialog' ? message.recipient.user_id : null,
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
        throw new Error(`lastSent: the bot sent no message${attempts > 0 ? ` (${attempts} sendMessage request(s) failed)` : ''}; requests so far: ${describeOperations(records)}`);
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
      const answer = api.callbackAnswers().filter((a) => a.callbackId === id).at(-1);
      if (answer === undefined || answer.message === null) {
        throw new Error(`answeredMessage: the bot ${answer === undefined ? 'did not answer' : 'answered without a new message'} callback ${id}; answers so far: ${api.callbackAnswers().map((a) => a.callbackId).join(', ') || 'none'}`);
      }
      if (press.message === null) throw new Error(`answeredMessage: callback ${id} carries no message (it was deleted)`);
      const message = structuredClone(server.messages.get(press.message.body.mid) ?? press.message);
      server.applyEdit(message, answer.message);
      if (server.messages.has(message.body.mid)) server.messages.set(message.body.mid, structuredClone(message));
      return message;
    },
    message(mid) {
      const message = server.messages.get(mid);
      return message === undefined ? undefined : structuredClone(message);
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

  return api;
}

/** Marks "no script: use the default answer". */
const DEFAULT: unique symbol = Symbol('default answer');

function toObservable(response: unknown, request: RecordedRequest, defaultAnswer: () => Observable<unknown>): Observable<unknown> {
  if (response === DEFAULT) return defaultAnswer();
  if (response instanceof ScriptedError) return throwError(() => response.toError(request));
  if (response instanceof Error) return throwError(() => response);
  if (isObservable(response)) return response;
  if (typeof response === 'function') {
    const computed: unknown = (response as (r: RecordedRequest, d: () => Observable<unknown>) => unknown)(request, defaultAnswer);
    if (typeof computed === 'function') {
      return throwError(() => new TypeError(`FakeApi: the responder for ${request.operation} returned a function; return a value, an Observable or an error`));
    }
    return toObservable(computed, request, defaultAnswer);
  }
  return of(response);
}

function requireOperation(where: string, operation: string): asserts operation is OperationId {
  if (!KNOWN_OPERATIONS.has(operation)) {
    throw new TypeError(`${where}: unknown operation ${JSON.stringify(operation)}; use an operationId such as 'sendMessage' (one of ${OPERATION_IDS.join(', ')})`);
  }
}

function isObject(value: unknown): value is NewMessageBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeOperations(records: readonly MutableRecord[]): string {
  if (records.length === 0) return 'none';
  return records.map((r) => `${r.operation}${r.outcome === 'failed' ? ' (failed)' : ''}`).join(', ');
}
