/**
 * The default answers of a fake api: a tiny in-memory server that remembers the messages the
 * bot sent (so edits, deletes and lookups behave) and hands out queued updates.
 */
import { type Observable, type SchedulerLike, Subject, defer, map, of, race, take, throwError, timer } from 'rxjs';
import type { BotInfo, Chat, ChatMember, Message, NewMessageBody, Recipient, Update, UploadType, User } from '../../types/index';
import { receivedAttachment } from '../received-attachment';
import { TEST_CHATS, TEST_USERS, testDialogId } from '../test-world';
import { TestIds } from '../test-ids';
import type { UpdateFactory } from '../update-factory';
import type { OperationResults } from './operation-types';
import type { RecordedRequest } from './recorded-request';
import { apiError } from './scripted-error';

/**
 * What the fake server needs from its api.
 *
 * @example
 * const context: FakeServerContext = { bot: TEST_BOT_INFO, factory: createUpdateFactory(), scheduler: asyncScheduler, uploadUrl: 'https://upload.tamtam.test' };
 */
export interface FakeServerContext {
  readonly bot: BotInfo;
  readonly factory: UpdateFactory;
  readonly scheduler: SchedulerLike;
  readonly uploadUrl: string;
}

const KNOWN_CHATS: ReadonlyMap<number, { title: string; type: 'chat' | 'channel'; link: string }> = new Map([
  [TEST_CHATS.group.chat_id ?? 0, { title: 'Emulator Lounge', type: 'chat', link: 'emulator_lounge' }],
  [TEST_CHATS.channel.chat_id ?? 0, { title: 'Emulator News', type: 'channel', link: 'emulator_news' }],
]);

/**
 * In-memory state behind a fake api's default answers.
 *
 * @example
 * const server = new FakeServer({ bot, factory, scheduler: asyncScheduler, uploadUrl: 'https://upload.tamtam.test' });
 */
export class FakeServer {
  /** Messages the bot sent, by mid, in their current state. */
  readonly messages = new Map<string, Message>();
  readonly #updates: Update[] = [];
  readonly #pushed = new Subject<void>();
  readonly #ids = new TestIds();
  #marker = 0;

  constructor(private readonly context: FakeServerContext) {}

  /** Queues updates for `getUpdates` (wakes a waiting long poll). */
  pushUpdates(updates: readonly Update[]): void {
    this.#updates.push(...updates);
    if (updates.length > 0) this.#pushed.next();
  }

  /** The message a `sendMessage` would create for this target and body; it is stored at once. */
  createMessage(query: RecordedRequest['query'], body: NewMessageBody): Message {
    const chatId = typeof query['chat_id'] === 'number' ? query['chat_id'] : null;
    const userId = typeof query['user_id'] === 'number' ? query['user_id'] : null;
    const chat: Recipient =
      userId !== null ? { chat_id: testDialogId(userId), chat_type: 'dialog', user_id: userId } : { chat_id: chatId, chat_type: chatTypeOf(chatId), user_id: null };
    const message = this.context.factory.botMessage(body, { chat, findMessage: (mid) => this.messages.get(mid) });
    this.messages.set(message.body.mid, structuredClone(message));
    return message;
  }

  /** The default answer to `request`. */
  answer(request: RecordedRequest, sentMessage: Message | undefined): Observable<unknown> {
    const { bot } = this.context;
    const ok = of({ success: true });
    switch (request.operation) {
      case 'getMyInfo':
        return of(structuredClone(bot));
      case 'editMyInfo': {
        const { name, description, commands } = request.body;
        return of({ ...structuredClone(bot), ...(name ? { name } : {}), ...(description !== undefined ? { description } : {}), ...(commands ? { commands: [...commands] } : {}) });
      }
      case 'getChats':
        return of({ chats: [...KNOWN_CHATS.keys()].map((id) => this.chat(id)), marker: null });
      case 'getChatByLink': {
        const link = decodeURIComponent(request.path.split('/')[2] ?? '');
        const found = [...KNOWN_CHATS].find(([, c]) => c.link === link.replace(/^@/, ''));
        return found ? of(this.chat(found[0])) : this.fail(request, apiError(404, 'chat.not.found', `No chat with link ${link}`));
      }
      case 'getChat':
        return of(this.chat(chatIdOf(request.path)));
      case 'editChat':
        return of({ ...this.chat(chatIdOf(request.path)), ...(request.body.title ? { title: request.body.title } : {}) });
      case 'getPinnedMessage':
        return of({ message: null });
      case 'getMembership':
        return of(this.member(bot, true));
      case 'getAdmins':
        return of({ members: [this.member(bot, true), this.member(TEST_USERS.alice, true)], marker: null });
      case 'getMembers':
        return of({ members: [this.member(bot, true), this.member(TEST_USERS.alice, true), this.member(TEST_USERS.bob, false)], marker: null });
      case 'getSubscriptions':
        return of({ subscriptions: [] });
      case 'getUploadUrl': {
        const type = String(request.query['type'] ?? 'file');
        const n = this.#ids.count('upload');
        const url = `${this.context.uploadUrl}/upload?type=${encodeURIComponent(type)}&id=${n}`;
        return of(type === 'video' || type === 'audio' ? { url, token: `${type}.uploaded${n}` } : { url });
      }
      case 'uploadFile':
        return of(this.uploadResult(request.absoluteUrl));
      case 'getMessages': {
        const ids = request.query['message_ids'];
        const chatId = request.query['chat_id'];
        const count = typeof request.query['count'] === 'number' ? request.query['count'] : 50;
        const all = [...this.messages.values()];
        const found = Array.isArray(ids)
          ? all.filter((m) => ids.includes(m.body.mid))
          : all.filter((m) => m.recipient.chat_id === chatId).reverse().slice(0, count);
        return of({ messages: structuredClone(found) });
      }
      case 'sendMessage':
        return of({ message: structuredClone(sentMessage) });
      case 'editMessage': {
        const mid = String(request.query['message_id']);
        const message = this.messages.get(mid);
        if (message === undefined) return this.fail(request, apiError(404, 'message.not.found', `Message ${mid} was not sent through this fake api`));
        this.applyEdit(message, request.body);
        return ok;
      }
      case 'deleteMessage': {
        this.messages.delete(String(request.query['message_id']));
        return ok;
      }
      case 'getMessageById': {
        const mid = decodeURIComponent(request.path.split('/')[2] ?? '');
        const message = this.messages.get(mid);
        return message ? of(structuredClone(message)) : this.fail(request, apiError(404, 'message.not.found', `Message ${mid} was not sent through this fake api`));
      }
      case 'getUpdates':
        return this.poll(request);
      case 'sendAction':
      case 'pinMessage':
      case 'unpinMessage':
      case 'leaveChat':
      case 'addMembers':
      case 'removeMember':
      case 'subscribe':
      case 'unsubscribe':
      case 'answerOnCallback':
      case 'construct':
        return ok;
    }
  }

  /** Applies an edit like the server: given text replaces, given attachments replace. */
  applyEdit(message: Message, body: NewMessageBody): void {
    if (typeof body.text === 'string') {
      message.body.text = body.text;
      message.body.markup = null;
    }
    if (body.attachments !== undefined && body.attachments !== null) {
      const attachments = body.attachments.map((a) => receivedAttachment(a, this.#ids));
      message.body.attachments = attachments.length > 0 ? attachments : null;
    }
  }

  /** Fails with a scripted error in the request's context. */
  fail(request: RecordedRequest, error: ReturnType<typeof apiError>): Observable<never> {
    return throwError(() => error.toError(request));
  }

  private poll(request: RecordedRequest<'getUpdates'>): Observable<OperationResults['getUpdates']> {
    const limit = typeof request.query['limit'] === 'number' ? request.query['limit'] : 100;
    const waitMs = (typeof request.query['timeout'] === 'number' ? request.query['timeout'] : 30) * 1000;
    const batch = (): OperationResults['getUpdates'] => {
      const updates = this.#updates.splice(0, limit);
      if (updates.length > 0) this.#marker += 1;
      return { updates, marker: this.#marker };
    };
    return defer(() =>
      this.#updates.length > 0 ? of(batch()) : race(this.#pushed.pipe(take(1)), timer(waitMs, this.context.scheduler)).pipe(map(batch)),
    );
  }

  private uploadResult(url: string | undefined): OperationResults['uploadFile'] {
    let type: UploadType = 'file';
    try {
      const given = new URL(url ?? '').searchParams.get('type');
      if (given === 'image' || given === 'video' || given === 'audio') type = given;
    } catch {
      // not one of ours: answer like a file upload
    }
    const n = this.#ids.count('uploaded');
    return type === 'image' ? { photos: { [`p${n}`]: { token: `ph.uploaded${n}` } } } : { token: `${type}.uploaded${n}` };
  }

  private chat(chatId: number): Chat {
    const known = KNOWN_CHATS.get(chatId);
    const dialog = chatId > 0;
    return {
      chat_id: chatId,
      type: dialog ? 'dialog' : (known?.type ?? 'chat'),
      status: 'active',
      title: dialog ? null : (known?.title ?? `Chat ${chatId}`),
      icon: null,
      last_event_time: this.context.scheduler.now(),
      participants_count: dialog ? 2 : 3,
      is_public: known?.type === 'channel',
      link: known ? `https://tt.me/${known.link}` : null,
      description: null,
    };
  }

  private member(user: User, admin: boolean): ChatMember {
    const time = this.context.scheduler.now();
    const { user_id, name, username, is_bot, last_activity_time } = user;
    return { user_id, name, username, is_bot, last_activity_time, last_access_time: time, is_owner: false, is_admin: admin, join_time: time, permissions: admin ? ['write', 'pin_message'] : null };
  }
}

function chatIdOf(path: string): number {
  return Number(path.split('/')[2]);
}

function chatTypeOf(chatId: number | null): 'dialog' | 'chat' | 'channel' {
  if (chatId !== null && chatId > 0) return 'dialog';
  return KNOWN_CHATS.get(chatId ?? 0)?.type ?? 'chat';
}

