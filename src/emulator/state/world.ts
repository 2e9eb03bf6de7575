/**
 * The in-memory world of the emulator: the bot, users, chats, members and messages.
 */
import type { ChatAdminPermission, ChatType, ConstructorAnswer, Update } from '../../types';
import { CHAT_ADMIN_PERMISSIONS } from '../../types';
import { type EmulatorDialect, TAMTAM_EMULATOR_DIALECT } from '../dialect';
import { notFound } from '../http/api-error';
import { EventBus } from './events';
import { IdAllocator, dialogIdFor } from './ids';
import { Journal } from './journal';
import type { BotRecord, ChatRecord, MemberRecord, MessageRecord, UserRecord } from './records';
import { UploadRegistry } from './uploads';

/**
 * A button press waiting for (or having received) the bot's answer.
 *
 * @example
 * world.callbacks.get(callbackId)?.payload;
 */
export interface CallbackRecord {
  callbackId: string;
  mid: string;
  chatId: number;
  userId: number;
  payload: string | undefined;
  timestamp: number;
}

/**
 * A constructor-mode session between a user and the bot.
 *
 * @example
 * world.sessions.get(sessionId)?.data;
 */
export interface ConstructorSession {
  sessionId: string;
  userId: number;
  /** `data` of the bot's last answer, echoed in the next request. */
  data: string | null;
  lastAnswer: ConstructorAnswer | null;
}

/**
 * Fields for a new user.
 *
 * @example
 * world.createUser({ name: 'Dave', username: 'dave' });
 */
export interface NewUser {
  /** Explicit id; generated when omitted. */
  userId?: number;
  /** Display name (TamTam `name`); Max splits it into `first_name` and `last_name`. */
  name: string;
  /** Max `first_name`. Default: `name` up to its first space. */
  firstName?: string;
  /** Max `last_name`. Default: the rest of `name` after its first space, or `null`. */
  lastName?: string | null;
  username?: string | null;
  description?: string | null;
  /** Locale sent as `user_locale` (default `en-US`). */
  locale?: string;
  isBot?: boolean;
  avatarUrl?: string;
}

/**
 * Fields for a new group chat or channel.
 *
 * @example
 * world.createChat({ type: 'chat', title: 'Team', ownerId: alice, memberIds: [bob] });
 */
export interface NewChat {
  /** Explicit id (negative); generated when omitted. */
  chatId?: number;
  type: Exclude<ChatType, 'dialog'>;
  title: string;
  description?: string | null;
  /** Link name without `@`; makes `getChatByLink` find the chat. */
  link?: string | null;
  isPublic?: boolean;
  /** The owner (also a member and an admin). */
  ownerId?: number | null;
  /** Other members. */
  memberIds?: readonly number[];
  /** Members that are admins (besides the owner). */
  adminIds?: readonly number[];
  /** Whether the bot is a member (default true) and an admin (default true). */
  bot?: { member?: boolean; admin?: boolean; permissions?: readonly ChatAdminPermission[] };
}

/**
 * Settings of a {@link World}.
 *
 * @example
 * const config: WorldConfig = { baseUrl: () => 'http://127.0.0.1:8090', notReadyCount: 0, now: () => scheduler.now() };
 */
export interface WorldConfig {
  /** Base URL of upload and file URLs (known once the server listens). */
  baseUrl: () => string;
  /** Sends of a freshly uploaded token that fail with `attachment.not.ready` first. */
  notReadyCount: number;
  /** The clock of timestamps. Default `Date.now`. */
  now?: () => number;
  /** Id space of message ids (see `IdAllocator`). Default: none. */
  midSpace?: number;
  /** The Bot API dialect the world's wire objects and updates follow. Default TamTam. */
  dialect?: EmulatorDialect;
}

/**
 * Mutable state of one emulated bot's world. Methods throw `EmulatorApiError`s (404 etc.) for
 * unknown ids, so API handlers and the control API report problems the same way.
 *
 * @example
 * const world = new World({ baseUrl: () => 'http://127.0.0.1:1', notReadyCount: 0 });
 * const alice = world.createUser({ name: 'Alice' });
 * const dialog = world.dialogWith(alice.user_id);
 */
export class World {
  readonly ids: IdAllocator;
  readonly events = new EventBus();
  readonly journal = new Journal();
  readonly uploads: UploadRegistry;
  readonly users = new Map<number, UserRecord>();
  readonly chats = new Map<number, ChatRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly callbacks = new Map<string, CallbackRecord>();
  readonly sessions = new Map<string, ConstructorSession>();
  /** Chats created by `chat` buttons, by `${mid}:${uuid}`. */
  readonly buttonChats = new Map<string, number>();
  bot: BotRecord;
  /** The Bot API dialect (wire objects, update types). */
  readonly dialect: EmulatorDialect;
  private sink: (update: Update) => void = () => {};

  constructor(readonly config: WorldConfig) {
    this.dialect = config.dialect ?? TAMTAM_EMULATOR_DIALECT;
    this.ids = new IdAllocator(config.midSpace === undefined ? {} : { midSpace: config.midSpace });
    this.uploads = new UploadRegistry(
      this.ids,
      config.baseUrl,
      config.notReadyCount,
      this.dialect.name === 'max' ? '_' : '.',
    );
    this.bot = {
      user_id: 500_000_001,
      name: 'Emulated Bot',
      first_name: 'Emulated Bot',
      last_name: null,
      username: 'emulated_bot',
      is_bot: true,
      last_activity_time: this.now(),
      description: null,
      locale: 'en-US',
      commands: null,
    };
    this.ids.reserveUser(this.bot.user_id);
    this.events.on((event) => {
      if (event.type === 'message_edited') {
        const messageId = event.message.body.mid;
        this.journal.edited.set(messageId, { chatId: event.chatId, messageId, at: this.now() });
      }
    });
  }

  /** Current time in ms (the configured clock). */
  now(): number {
    return this.config.now === undefined ? Date.now() : this.config.now();
  }

  /** Where updates go (queue or webhooks); set once by the emulator. */
  setUpdateSink(sink: (update: Update) => void): void {
    this.sink = sink;
  }

  /**
   * Produces an update of the world's own making (a user action): an update type the dialect
   * does not have is a bug of the caller, which checks the dialect first.
   */
  produceUpdate(update: Update): void {
    if (!this.dialect.updateTypes.has(update.update_type)) {
      throw new Error(`The ${this.dialect.title} dialect has no ${update.update_type} update`);
    }
    this.emitUpdate(update);
  }

  /** Emits any update as is, known to the dialect or not, and announces it as an event. */
  emitUpdate(update: Update): void {
    this.sink(update);
    this.events.emit({ type: 'update', update });
  }

  /** Replaces the bot's profile (ids stay unique). A bot has only a first name, its `name`. */
  setBot(bot: Partial<BotRecord>): BotRecord {
    this.bot = { ...this.bot, ...bot, is_bot: true };
    if (bot.name !== undefined && bot.first_name === undefined) this.bot.first_name = bot.name;
    this.ids.reserveUser(this.bot.user_id);
    return this.bot;
  }

  /** A user or the bot by id; 404 if unknown. */
  user(userId: number): UserRecord {
    if (userId === this.bot.user_id) return this.bot;
    const user = this.users.get(userId);
    if (!user) throw notFound('user.not.found', `User ${userId} does not exist`);
    return user;
  }

  /** A chat by id; 404 if unknown. */
  chat(chatId: number): ChatRecord {
    const chat = this.chats.get(chatId);
    if (!chat) throw notFound('chat.not.found', `Chat ${chatId} does not exist`);
    return chat;
  }

  /** A live message by id; 404 if unknown or deleted. */
  message(mid: string): MessageRecord {
    const message = this.messages.get(mid);
    if (!message) throw notFound('message.not.found', `Message ${mid} does not exist`);
    return message;
  }

  /** Adds a user. */
  createUser(input: NewUser): UserRecord {
    const user_id = input.userId ?? this.ids.user();
    if (this.users.has(user_id) || user_id === this.bot.user_id) {
      throw new RangeError(`A user with id ${user_id} already exists`);
    }
    this.ids.reserveUser(user_id);
    const space = input.name.indexOf(' ');
    const user: UserRecord = {
      user_id,
      name: input.name,
      first_name: input.firstName ?? (space === -1 ? input.name : input.name.slice(0, space)),
      last_name: input.lastName !== undefined ? input.lastName : space === -1 ? null : input.name.slice(space + 1),
      username: input.username ?? null,
      is_bot: input.isBot ?? false,
      last_activity_time: this.now(),
      description: input.description ?? null,
      locale: input.locale ?? 'en-US',
      ...(input.avatarUrl === undefined ? {} : { avatar_url: input.avatarUrl, full_avatar_url: input.avatarUrl }),
    };
    this.users.set(user_id, user);
    return user;
  }

  /** Adds a group chat or channel; owner, members and the bot join at once (no updates). */
  createChat(input: NewChat): ChatRecord {
    const chatId = input.chatId ?? this.ids.group();
    if (this.chats.has(chatId)) throw new RangeError(`A chat with id ${chatId} already exists`);
    if (chatId >= 0) throw new RangeError(`Group chats and channels have negative ids, got ${chatId}`);
    for (const id of [...(input.ownerId == null ? [] : [input.ownerId]), ...(input.memberIds ?? [])]) this.user(id);
    this.ids.reserveChat(chatId);
    const now = this.now();
    const chat: ChatRecord = {
      chatId,
      type: input.type,
      title: input.title,
      description: input.description ?? null,
      icon: null,
      link: input.link ?? null,
      isPublic: input.isPublic ?? false,
      ownerId: input.ownerId ?? null,
      members: new Map(),
      botStatus: 'active',
      botKnows: false,
      dialogUserId: null,
      pinnedMid: null,
      lastEventTime: now,
      chatMessageId: null,
      mids: [],
      nextSeq: 1,
    };
    this.chats.set(chatId, chat);
    if (input.ownerId != null) this.addMember(chat, input.ownerId, { owner: true, admin: true });
    for (const id of input.memberIds ?? []) {
      if (!chat.members.has(id)) this.addMember(chat, id, { admin: input.adminIds?.includes(id) ?? false });
    }
    const bot = input.bot ?? {};
    if (bot.member ?? true) {
      this.addMember(chat, this.bot.user_id, {
        admin: bot.admin ?? true,
        ...(bot.permissions ? { permissions: [...bot.permissions] } : {}),
      });
    } else {
      chat.botStatus = 'removed';
    }
    return chat;
  }

  /** The dialog between the bot and `userId`, created when missing (unless `create` is false). */
  dialogWith(userId: number, create = true): ChatRecord {
    for (const chat of this.chats.values()) {
      if (chat.type === 'dialog' && chat.dialogUserId === userId) return chat;
    }
    const user = this.user(userId);
    if (!create) throw notFound('chat.not.found', `There is no dialog with user ${user.user_id}`);
    return this.createDialog(userId);
  }

  /**
   * Creates the dialog with `userId`: with an explicit id for fixtures, otherwise
   * `dialogIdFor(userId)` (or the next free counter id when that one is taken).
   */
  createDialog(userId: number, chatId?: number): ChatRecord {
    this.user(userId);
    const id = chatId ?? this.freeDialogId(userId);
    if (this.chats.has(id)) throw new RangeError(`A chat with id ${id} already exists`);
    this.ids.reserveChat(id);
    const chat: ChatRecord = {
      chatId: id,
      type: 'dialog',
      title: null,
      description: null,
      icon: null,
      link: null,
      isPublic: false,
      ownerId: null,
      members: new Map(),
      botStatus: 'active',
      botKnows: false,
      dialogUserId: userId,
      pinnedMid: null,
      lastEventTime: this.now(),
      chatMessageId: null,
      mids: [],
      nextSeq: 1,
    };
    this.chats.set(id, chat);
    this.addMember(chat, userId, {});
    this.addMember(chat, this.bot.user_id, {});
    return chat;
  }

  private freeDialogId(userId: number): number {
    const usual = dialogIdFor(userId);
    if (usual !== undefined && !this.chats.has(usual)) return usual;
    let id = this.ids.dialog();
    while (this.chats.has(id)) id = this.ids.dialog();
    return id;
  }

  /**
   * Stores a message with a given id and content (test data the world did not make, e.g. a
   * message an update factory invented). The chat and the sender must exist.
   */
  adoptMessage(record: MessageRecord): MessageRecord {
    if (this.messages.has(record.mid)) throw new RangeError(`A message with id ${record.mid} already exists`);
    const chat = this.chat(record.chatId);
    if (record.senderId !== null) this.user(record.senderId);
    this.messages.set(record.mid, record);
    chat.mids.push(record.mid);
    if (record.seq >= chat.nextSeq) chat.nextSeq = record.seq + 1;
    return record;
  }

  /** Adds (or re-adds) a member. For the bot this also makes its status `active`. */
  addMember(
    chat: ChatRecord,
    userId: number,
    role: { owner?: boolean; admin?: boolean; permissions?: ChatAdminPermission[] },
  ): MemberRecord {
    this.user(userId);
    const now = this.now();
    const admin = role.admin ?? role.owner ?? false;
    const member: MemberRecord = {
      userId,
      joinTime: now,
      lastAccessTime: now,
      isOwner: role.owner ?? false,
      isAdmin: admin,
      permissions: admin ? (role.permissions ?? [...CHAT_ADMIN_PERMISSIONS]) : null,
    };
    chat.members.set(userId, member);
    if (userId === this.bot.user_id) {
      chat.botStatus = 'active';
      chat.botKnows = true;
    }
    chat.lastEventTime = now;
    return member;
  }

  /** Removes a member. For the bot, `status` becomes the bot's new chat status. */
  removeMember(chat: ChatRecord, userId: number, botStatus: 'removed' | 'left' = 'removed'): void {
    chat.members.delete(userId);
    if (userId === this.bot.user_id) chat.botStatus = botStatus;
    chat.lastEventTime = this.now();
  }

  /** Whether the bot is an active member of `chat`. */
  botIsIn(chat: ChatRecord): boolean {
    return chat.botStatus === 'active' && chat.members.has(this.bot.user_id);
  }

  /** The bot's membership, if any. */
  botMember(chat: ChatRecord): MemberRecord | undefined {
    return chat.members.get(this.bot.user_id);
  }

  /** Stores a new message at the end of `chat`. */
  addMessage(
    chat: ChatRecord,
    senderId: number | null,
    content: Pick<MessageRecord, 'text' | 'attachments' | 'markup' | 'link' | 'constructorId'>,
  ): MessageRecord {
    const now = this.now();
    const record: MessageRecord = {
      mid: this.ids.mid(chat.chatId),
      seq: chat.nextSeq++,
      chatId: chat.chatId,
      senderId,
      timestamp: now,
      ...content,
    };
    this.messages.set(record.mid, record);
    chat.mids.push(record.mid);
    chat.lastEventTime = now;
    if (senderId !== null) {
      const member = chat.members.get(senderId);
      if (member) member.lastAccessTime = now;
      if (senderId !== this.bot.user_id) this.user(senderId).last_activity_time = now;
    }
    return record;
  }

  /** Deletes a message (and its pin). */
  removeMessage(record: MessageRecord): void {
    this.messages.delete(record.mid);
    const chat = this.chats.get(record.chatId);
    if (!chat) return;
    chat.mids = chat.mids.filter((mid) => mid !== record.mid);
    if (chat.pinnedMid === record.mid) chat.pinnedMid = null;
    chat.lastEventTime = this.now();
  }

  /** Finds a chat by link name or `@name`, or the existing dialog with a user by username. */
  findByLink(link: string): ChatRecord | undefined {
    const name = link.replace(/^@/, '').toLowerCase();
    for (const chat of this.chats.values()) {
      if (chat.link?.toLowerCase() === name) return chat;
    }
    for (const user of this.users.values()) {
      if (user.username?.toLowerCase() !== name) continue;
      for (const chat of this.chats.values()) {
        if (chat.type === 'dialog' && chat.dialogUserId === user.user_id) return chat;
      }
    }
    return undefined;
  }
}
