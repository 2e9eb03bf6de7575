/**
 * What a fake api remembers about each request.
 */
import type { OperationIdOf } from '../../api/operation-table';
import type { CallOptions } from '../../api/options';
import type { HttpMethod, QueryValue } from '../../api/request-spec';
import type { TamTamOperations } from '../../api/tamtam-operations';
import type {
  CallbackAnswerOfTable,
  FakeTable,
  MessageOfTable,
  NewMessageBodyOfTable,
  OperationBodies,
  OperationResults,
} from './operation-types';

/**
 * Where a recorded request stands: waiting for its answer, answered (an answer arrived),
 * failed, or unsubscribed before any answer came (a real api would have aborted it).
 *
 * @example
 * expect(api.requests('getUpdates').at(-1)?.outcome).toBe('cancelled');
 */
export type RequestOutcome = 'pending' | 'succeeded' | 'failed' | 'cancelled';

/**
 * One request to a fake api, for one operation `O` of table `T` (TamTam's by default).
 *
 * @example
 * const r: RecordedRequestOf<'sendMessage'> = api.requests('sendMessage')[0]!;
 * r.query.chat_id; r.body.text;
 * const promoted: RecordedRequestOf<'postAdmins', MaxOperations> = maxApi.requests('postAdmins')[0]!;
 */
export interface RecordedRequestOf<O extends OperationIdOf<T>, T extends FakeTable = TamTamOperations> {
  /** Position among all requests of this api, from 0. */
  readonly index: number;
  /** The schema operationId. */
  readonly operation: O;
  readonly method: HttpMethod;
  /** Path below the base URL (`''` for uploads, which use `absoluteUrl`). */
  readonly path: string;
  /** Query parameters as the action built them (`{}` when none). */
  readonly query: Readonly<Record<string, QueryValue>>;
  /** The JSON body (or FormData for uploads); `undefined` for operations without one. */
  readonly body: OperationBodies<T>[O];
  /** The upload URL a multipart upload went to. */
  readonly absoluteUrl: string | undefined;
  /**
   * The request's own HTTP timeout in ms, when the action set one (a long poll's
   * `getUpdates` asks for more than its `timeout` seconds); `undefined` means the api's
   * default. A per-call `timeout` in `options` would still win over it.
   */
  readonly timeout: number | undefined;
  /** Per-call options the action was given. */
  readonly options: CallOptions | undefined;
  /** When it was subscribed (the scheduler's `now()`: virtual time under a TestScheduler). */
  readonly time: number;
  /** Where it stands now. */
  readonly outcome: RequestOutcome;
  /** The answer, once it succeeded. */
  readonly response: OperationResults<T>[O] | undefined;
  /** The error, once it failed. */
  readonly error: unknown;
}

/**
 * A recorded request of any operation of table `T` (or of the operations in `O`); narrow on
 * `operation`.
 *
 * @example
 * for (const r of api.requests()) if (r.operation === 'sendMessage') console.log(r.body.text);
 */
export type RecordedRequest<
  O extends string = OperationIdOf<TamTamOperations>,
  T extends FakeTable = TamTamOperations,
> = {
  [K in O & OperationIdOf<T>]: RecordedRequestOf<K, T>;
}[O & OperationIdOf<T>];

/**
 * A `sendMessage` as the test sees it: where to, what, and the message it made.
 *
 * @example
 * const { chatId, text, message } = api.lastSent();
 */
export interface SentMessage<T extends FakeTable = TamTamOperations> {
  /** The chat it went to (for a `user_id` target: that user's dialog if known, else `null`). */
  readonly chatId: number | null;
  /** The user whose dialog it went to; `null` for group chats and channels. */
  readonly userId: number | null;
  /** The text as sent (markup source when `format` is set). */
  readonly text: string | null;
  /** The whole body as sent. */
  readonly body: NewMessageBodyOfTable<T>;
  /** The message it created, as sent (fresh mid, keyboards as received); `api.message(mid)` has its current state. */
  readonly message: MessageOfTable<T>;
  /** The underlying request. */
  readonly request: RecordedRequestOf<'sendMessage', T>;
}

/**
 * An `editMessage` as the test sees it.
 *
 * @example
 * expect(api.edits()[0]?.text).toBe('👍 1');
 */
export interface EditedMessage<T extends FakeTable = TamTamOperations> {
  readonly messageId: string;
  readonly text: string | null | undefined;
  readonly body: NewMessageBodyOfTable<T>;
  readonly request: RecordedRequestOf<'editMessage', T>;
}

/**
 * An `answerOnCallback` as the test sees it.
 *
 * @example
 * expect(api.callbackAnswers()[0]?.notification).toBe('Thanks!');
 */
export interface AnsweredCallback<T extends FakeTable = TamTamOperations> {
  readonly callbackId: string;
  readonly notification: string | null;
  /** The new version of the pressed message, when the answer carries one. */
  readonly message: NewMessageBodyOfTable<T> | null;
  readonly answer: CallbackAnswerOfTable<T>;
  readonly request: RecordedRequestOf<'answerOnCallback', T>;
}
