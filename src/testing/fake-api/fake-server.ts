/**
 * The default answers of a fake api: the emulator's own world and Bot API handlers, called in
 * process and synchronously, over the default world (Alice, Bob, Carol, a group, a channel).
 * A behaviour fixed in the emulator is fixed here too.
 *
 * Test data is made up without a server, so before a request reaches a handler the fake
 * adopts what the request names and the world lacks: chats and users (a dialog id adopts its
 * user), messages, button presses and constructor sessions the update factories made (or a
 * placeholder for a linked message nobody made), and attachment tokens.
 */
import {
  type Observable,
  type SchedulerLike,
  Subject,
  catchError,
  defer,
  filter,
  from,
  map,
  of,
  race,
  take,
  throwError,
  timer,
} from 'rxjs';
import type { EmulatorServices } from '../../emulator/api/context';
import type { EmulatorDialect } from '../../emulator/dialect';
import { UPLOAD_PATH } from '../../emulator/api/uploads';
import { DEFAULT_WORLD } from '../../emulator/fixtures/default-world';
import { createWorld } from '../../emulator/fixtures/world-fixture';
import { EmulatorApiError, badBody, notFound } from '../../emulator/http/api-error';
import { JsonObject } from '../../emulator/http/json-body';
import { QueryParams } from '../../emulator/http/query';
import { dialogUserFor } from '../../emulator/state/ids';
import { applyEdit, readMessageDraft } from '../../emulator/state/message-draft';
import { toMessage } from '../../emulator/state/wire';
import type { World } from '../../emulator/state/world';
import { UpdateQueue } from '../../emulator/updates/update-queue';
import { WebhookDispatcher } from '../../emulator/updates/webhook-dispatcher';
import { appendQuery } from '../../api/query';
import {
  type BotInfo,
  type ChatType,
  type Message,
  type NewMessageBody,
  UPLOAD_TYPES,
  type Update,
  type UpdateList,
  type UploadType,
  type User,
} from '../../types/index';
import { SERVER_ID_SPACE } from '../test-ids';
import { TEST_USERS } from '../test-world';
import { dispatchInProcess } from './in-process-dispatch';
import { inventedMessage, inventedPress, inventedSessionUser, rememberUpdate } from './invented';
import type { RecordedRequest } from './recorded-request';
import { apiError } from './scripted-error';

/**
 * What the fake server needs from its api.
 *
 * @example
 * const context: FakeServerContext = { dialect: TAMTAM_EMULATOR_DIALECT, bot: TEST_BOT_INFO, scheduler: asyncScheduler, now: () => Date.now(), baseUrl: 'https://botapi.tamtam.test' };
 */
export interface FakeServerContext {
  /** The Bot API the handlers speak (routes, wire objects, marker rule). */
  readonly dialect: EmulatorDialect;
  /** The bot (`getMyInfo`, the sender of the bot's messages); a Max bot's `first_name` is its name. */
  readonly bot: FakeBot;
  /** Where long polls wait. */
  readonly scheduler: SchedulerLike;
  /** Timestamps of what the world records. */
  readonly now: () => number;
  /** Base of upload and file URLs. */
  readonly baseUrl: string;
}

/**
 * The bot of a fake server: a TamTam `BotInfo`, or a Max one (`first_name` instead of `name`).
 *
 * @example
 * const bot: FakeBot = { ...TEST_BOT_INFO, first_name: 'Weather' };
 */
export type FakeBot = Omit<BotInfo, 'name'> & { readonly name?: string | null; readonly first_name?: string };

const UPLOAD_TYPE_NAMES: ReadonlySet<string> = new Set(UPLOAD_TYPES);

function isUploadType(value: unknown): value is UploadType {
  return typeof value === 'string' && UPLOAD_TYPE_NAMES.has(value);
}

/**
 * The emulated server behind a fake api's default answers.
 *
 * @example
 * const server = new FakeServer({ dialect: TAMTAM_EMULATOR_DIALECT, bot: TEST_BOT_INFO, scheduler: asyncScheduler, now: Date.now, baseUrl: 'https://botapi.tamtam.test' });
 * server.answer(request, signal).subscribe();
 */
export class FakeServer {
  /** The emulator's world: chats, users, messages, callbacks, uploads. */
  readonly world: World;
  readonly #queue: UpdateQueue;
  readonly #pushed = new Subject<Update>();
  readonly #services: EmulatorServices;

  constructor(private readonly context: FakeServerContext) {
    const { bot, dialect } = context;
    this.#queue = new UpdateQueue(10_000, dialect.unmarkedPoll);
    const name = bot.name ?? bot.first_name ?? 'Bot';
    this.world = createWorld(
      {
        ...DEFAULT_WORLD,
        bot: {
          userId: bot.user_id,
          name,
          username: bot.username,
          description: bot.description ?? null,
          commands: bot.commands?.map((c) => ({ ...c })) ?? null,
        },
      },
      { baseUrl: () => context.baseUrl, notReadyCount: 0, now: context.now, midSpace: SERVER_ID_SPACE, dialect },
    );
    this.world.setBot({
      first_name: bot.first_name ?? name,
      last_activity_time: bot.last_activity_time,
      ...(bot.avatar_url === undefined ? {} : { avatar_url: bot.avatar_url }),
      ...(bot.full_avatar_url === undefined ? {} : { full_avatar_url: bot.full_avatar_url }),
    });
    this.world.setUpdateSink((update) => {
      this.#queue.push(update);
      this.#pushed.next(update);
    });
    // Subscriptions are kept for getSubscriptions, but the fake never posts to a webhook: its
    // updates always wait for getUpdates.
    this.#services = { world: this.world, queue: this.#queue, webhooks: new WebhookDispatcher() };
  }

  /** Queues updates for `getUpdates` (wakes a waiting long poll). */
  pushUpdates(updates: readonly Update[]): void {
    for (const update of updates) this.world.emitUpdate(rememberUpdate(update));
  }

  /**
   * The default answer to `request`: the emulator's handler runs when the answer is
   * subscribed; its errors become the library's error classes.
   */
  answer(request: RecordedRequest, signal: AbortSignal): Observable<unknown> {
    return defer(() => {
      try {
        if (request.operation === 'getUpdates') return this.poll(request);
        if (request.operation === 'uploadFile') return of(this.upload(request));
        const body = wireBody(request.body);
        this.adopt(request, body);
        const query = new URLSearchParams();
        appendQuery(query, request.query);
        const result = dispatchInProcess(this.#services, this.context.dialect.name, {
          method: request.method,
          path: request.path,
          query,
          body,
          signal,
        });
        if (!(result instanceof Promise)) return of(structuredClone(result));
        return from(result).pipe(catchError((error: unknown) => throwError(() => toClientError(error, request))));
      } catch (error) {
        return throwError(() => toClientError(error, request));
      }
    });
  }

  /** A message in its current state, or `undefined` (never there, or deleted). */
  message(mid: string): Message | undefined {
    const record = this.world.messages.get(mid);
    return record === undefined ? undefined : toMessage(this.world, record);
  }

  /**
   * The pressed message after the bot's answer `body` to callback `callbackId`: the world's
   * message when the answer was applied there; otherwise `pressed` with the answer applied
   * (and stored, when the world has that message).
   */
  answeredMessage(callbackId: string, pressed: Message, body: NewMessageBody): Message {
    const mid = pressed.body.mid;
    const record = this.world.messages.get(mid);
    const applied = this.world.journal.callbackAnswers.some((a) => a.callbackId === callbackId && a.messageId === mid);
    if (record !== undefined && applied) return toMessage(this.world, record);
    const json = wireBody(body);
    this.adoptTokens(isRecord(json) ? json['attachments'] : undefined);
    const draft = readMessageDraft(JsonObject.of(json, 'message'), this.world);
    if (record !== undefined) {
      applyEdit(record, draft);
      return toMessage(this.world, record);
    }
    const message = structuredClone(pressed);
    if (draft.text !== undefined && draft.text !== null) {
      message.body.text = draft.text;
      if (draft.markup === null) delete message.body.markup;
      else message.body.markup = draft.markup;
    }
    if (draft.attachments !== undefined)
      message.body.attachments = draft.attachments.length > 0 ? draft.attachments : null;
    return message;
  }

  /** `GET /updates` with the emulator's marker semantics, waiting on the scheduler. */
  private poll(request: RecordedRequest<'getUpdates'>): Observable<UpdateList> {
    const params = new URLSearchParams();
    appendQuery(params, request.query);
    const query = new QueryParams(params);
    const limit = query.int('limit', { min: 1, max: 1000 }) ?? 100;
    const timeoutSeconds = query.int('timeout', { min: 0, max: 90 }) ?? 30;
    const marker = query.int('marker');
    const types = query.csv('types');
    const read = { marker, limit, types: types ? new Set(types) : undefined };
    const now = this.#queue.read(read);
    if (now.updates.length > 0 || timeoutSeconds === 0) return of(now);
    const wanted = this.#pushed.pipe(
      filter((update) => read.types === undefined || read.types.has(update.update_type)),
    );
    return race(wanted.pipe(take(1)), timer(timeoutSeconds * 1000, this.context.scheduler)).pipe(
      // the marker was committed above; reading with it again cannot fall into Max's "latest only" rule
      map(() => this.#queue.read(read)),
    );
  }

  /** The multipart POST to an upload URL this world handed out. */
  private upload(request: RecordedRequest<'uploadFile'>): unknown {
    const url = request.absoluteUrl ?? '';
    const prefix = `${this.context.baseUrl}${UPLOAD_PATH}/`;
    if (!url.startsWith(prefix))
      throw notFound(
        'upload.not.found',
        `Upload URL ${url} was not issued by this fake api; get one with getUploadUrl`,
      );
    const slot = this.world.uploads.openSlot(decodeURIComponent(url.slice(prefix.length)));
    const file = request.body instanceof FormData ? request.body.get('data') : null;
    if (file === null || typeof file === 'string') throw badBody('The multipart body has no file in the field `data`');
    return this.world.uploads.receive(slot, {
      filename: file.name || 'file',
      bytes: null,
      contentType: file.type || 'application/octet-stream',
      size: file.size,
    });
  }

  /** Makes what `request` names known to the world, when test data made it up. */
  private adopt(request: RecordedRequest, body: unknown): void {
    const json = isRecord(body) ? body : {};
    const query = request.query;
    const chatId = query['chat_id'];
    if (typeof chatId === 'number') this.adoptChat(chatId);
    const pathChat = /^\/chats\/(-?\d+)(?:\/|$)/.exec(request.path);
    if (pathChat?.[1] !== undefined) this.adoptChat(Number(pathChat[1]));
    const userId = query['user_id'];
    if (request.operation === 'sendMessage' && typeof userId === 'number') this.adoptUser(userId);
    if (request.operation === 'addMembers' && Array.isArray(json['user_ids'])) {
      for (const id of json['user_ids']) if (typeof id === 'number') this.adoptUser(id);
    }

    const messageId = query['message_id'];
    if (typeof messageId === 'string') this.adoptInvented(messageId);
    const messageIds = query['message_ids'];
    if (Array.isArray(messageIds)) for (const mid of messageIds) this.adoptInvented(String(mid));
    const pathMessage = /^\/messages\/([^/]+)$/.exec(request.path);
    if (pathMessage?.[1] !== undefined) this.adoptInvented(safeDecode(pathMessage[1]));
    for (const key of ['message_id', 'pin']) {
      const mid = json[key];
      if (typeof mid === 'string') this.adoptInvented(mid);
    }

    const callbackId = query['callback_id'];
    if (typeof callbackId === 'string') this.adoptPress(callbackId);
    const sessionId = query['session_id'];
    if (typeof sessionId === 'string' && !this.world.sessions.has(sessionId)) {
      const owner = inventedSessionUser(sessionId) ?? TEST_USERS.alice.user_id;
      this.adoptUser(owner);
      this.world.sessions.set(sessionId, { sessionId, userId: owner, data: null, lastAnswer: null });
    }

    const answer = isRecord(json['message']) ? json['message'] : undefined;
    const target = this.linkTarget(
      request,
      typeof messageId === 'string' ? messageId : undefined,
      typeof callbackId === 'string' ? callbackId : undefined,
    );
    for (const source of [json, answer]) {
      if (source === undefined) continue;
      this.adoptTokens(source['attachments']);
      const link = source['link'];
      if (isRecord(link) && typeof link['mid'] === 'string' && target !== undefined)
        this.adoptLinked(link['mid'], target);
    }
    if (Array.isArray(json['messages']))
      for (const m of json['messages']) if (isRecord(m)) this.adoptTokens(m['attachments']);
    for (const key of ['photo', 'icon']) if (isRecord(json[key])) this.adoptImage(json[key]);
  }

  /** The chat a new or edited message of `request` lands in (where a reply must quote). */
  private linkTarget(
    request: RecordedRequest,
    messageId: string | undefined,
    callbackId: string | undefined,
  ): number | undefined {
    if (request.operation === 'sendMessage') {
      const chatId = request.query['chat_id'];
      if (typeof chatId === 'number') return chatId;
      const userId = request.query['user_id'];
      return typeof userId === 'number' ? this.world.dialogWith(userId).chatId : undefined;
    }
    if (request.operation === 'editMessage' && messageId !== undefined)
      return this.world.messages.get(messageId)?.chatId;
    if (request.operation === 'answerOnCallback' && callbackId !== undefined) {
      const mid = this.world.callbacks.get(callbackId)?.mid;
      return mid === undefined ? undefined : this.world.messages.get(mid)?.chatId;
    }
    return undefined;
  }

  private adoptUser(userId: number, user?: InventedUser): void {
    if (
      userId === this.world.bot.user_id ||
      this.world.users.has(userId) ||
      !Number.isSafeInteger(userId) ||
      userId <= 0
    )
      return;
    const name = user?.name ?? user?.first_name ?? `User ${userId}`;
    this.world.createUser({
      userId,
      name,
      ...(user?.first_name === undefined ? {} : { firstName: user.first_name }),
      ...(user?.last_name === undefined ? {} : { lastName: user.last_name }),
      username: user?.username ?? null,
      isBot: user?.is_bot ?? false,
    });
  }

  private adoptChat(chatId: number, type: ChatType = 'chat'): void {
    if (this.world.chats.has(chatId) || !Number.isSafeInteger(chatId) || chatId === 0) return;
    if (chatId > 0) {
      const userId = dialogUserFor(chatId);
      if (userId === null) return;
      this.adoptUser(userId);
      this.world.createDialog(userId, chatId).botKnows = true;
      return;
    }
    this.world.createChat({ chatId, type: type === 'channel' ? 'channel' : 'chat', title: `Chat ${chatId}` });
  }

  /** Adopts a message an update factory made, unless the world has (or had) it. */
  private adoptInvented(mid: string): void {
    if (this.world.messages.has(mid) || this.world.journal.lastKnown.has(mid)) return;
    // A Max message goes into the same records (the emulator's Max dialect keeps them so too)
    const message = inventedMessage(mid) as Message | undefined;
    const chatId = message?.recipient.chat_id;
    if (message === undefined || chatId === null || chatId === undefined) return;
    this.adoptChat(chatId, message.recipient.chat_type);
    if (!this.world.chats.has(chatId)) return;
    const sender = message.sender;
    if (sender !== undefined) this.adoptUser(sender.user_id, sender);
    this.world.adoptMessage({
      mid,
      seq: message.body.seq,
      chatId,
      senderId: sender?.user_id ?? null,
      timestamp: message.timestamp,
      text: message.body.text,
      attachments: message.body.attachments === null ? null : structuredClone(message.body.attachments),
      markup:
        message.body.markup === undefined || message.body.markup === null ? null : structuredClone(message.body.markup),
      link: message.link === undefined || message.link === null ? null : structuredClone(message.link),
      constructorId: null,
    });
  }

  /** A linked (replied-to, forwarded) message: a made-up one, or else a placeholder in `chatId`. */
  private adoptLinked(mid: string, chatId: number): void {
    this.adoptInvented(mid);
    if (this.world.messages.has(mid) || this.world.journal.lastKnown.has(mid)) return;
    this.adoptChat(chatId);
    if (!this.world.chats.has(chatId)) return;
    this.world.adoptMessage({
      mid,
      seq: 0,
      chatId,
      senderId: null,
      timestamp: this.world.now(),
      text: null,
      attachments: null,
      markup: null,
      link: null,
      constructorId: null,
    });
  }

  /** A button press a factory made (linked to its message), or else an unlinked one by Alice. */
  private adoptPress(callbackId: string): void {
    if (this.world.callbacks.has(callbackId)) return;
    const press = inventedPress(callbackId);
    const message = press?.message ?? null;
    if (message !== null) this.adoptInvented(message.body.mid);
    const presser = press?.callback.user;
    if (presser !== undefined) this.adoptUser(presser.user_id, presser);
    this.world.callbacks.set(callbackId, {
      callbackId,
      mid: message?.body.mid ?? '',
      chatId: message?.recipient.chat_id ?? 0,
      userId: presser?.user_id ?? TEST_USERS.alice.user_id,
      payload: press?.callback.payload,
      timestamp: press?.callback.timestamp ?? this.world.now(),
    });
  }

  /** Tokens in attachment requests, as if they had been uploaded here. */
  private adoptTokens(attachments: unknown): void {
    if (!Array.isArray(attachments)) return;
    for (const attachment of attachments) {
      if (!isRecord(attachment) || !isRecord(attachment['payload'])) continue;
      const type = attachment['type'];
      const token = attachment['payload']['token'];
      if (!isUploadType(type)) continue;
      if (type === 'image') this.adoptImage(attachment['payload']);
      else if (typeof token === 'string') this.world.uploads.adoptToken(type, token);
    }
  }

  private adoptImage(payload: Readonly<Record<string, unknown>>): void {
    if (typeof payload['token'] === 'string') this.world.uploads.adoptToken('image', payload['token']);
    const photos = payload['photos'];
    if (!isRecord(photos)) return;
    for (const photo of Object.values(photos)) {
      if (isRecord(photo) && typeof photo['token'] === 'string') this.world.uploads.adoptToken('image', photo['token']);
    }
  }
}

/** A user test data made up: a TamTam `User` or a Max one. */
type InventedUser = Pick<User, 'user_id' | 'username' | 'is_bot'> & {
  readonly name?: string | null;
  readonly first_name?: string;
  readonly last_name?: string | null;
};

/** The body as the wire would carry it (JSON), so handlers see what an HTTP server would. */
function wireBody(body: unknown): unknown {
  if (body === undefined || body instanceof FormData) return undefined;
  return JSON.parse(JSON.stringify(body)) as unknown;
}

/** An emulator error as the error a real api would throw for it (other errors as a 500). */
function toClientError(error: unknown, request: RecordedRequest): Error {
  if (error instanceof EmulatorApiError) {
    const seconds = Number(error.headers['retry-after']);
    return apiError(
      error.status,
      error.code,
      error.message,
      Number.isFinite(seconds) && seconds > 0 ? { retryAfter: seconds * 1000 } : {},
    ).toError(request);
  }
  const message = error instanceof Error ? error.message : String(error);
  return apiError(500, 'internal.error', `The emulator failed on this request: ${message}`).toError(request);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
