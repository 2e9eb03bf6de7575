/**
 * Acting as an emulated user: every action changes the world and produces exactly the
 * update(s) the real server would send the bot.
 */
import type {
  Button,
  Chat,
  ChatButton,
  ConstructedMessageBody,
  ConstructorInput,
  Message,
  Update,
  User,
} from '../../types';
import { removeMessage } from '../api/messages';
import { JsonObject } from '../http/json-body';
import { contactPayload, readAttachments } from '../state/attachments';
import { type ButtonSelector, describeButtons, inlineKeyboardButtons, selectButton } from '../state/buttons';
import { parseHtml } from '../state/markup/html';
import { parseMarkdown } from '../state/markup/markdown';
import { MAX_TEXT_LENGTH, linkedMessage } from '../state/message-draft';
import type { ChatRecord, MessageRecord } from '../state/records';
import { toChat, toMessage, toUser, toUserWithPhoto } from '../state/wire';
import type { World } from '../state/world';
import type { UserMessageInput } from './user-input';
import { controlError, toAttachments } from './user-input';

type MessageContent = Pick<MessageRecord, 'text' | 'markup' | 'attachments' | 'link' | 'constructorId'>;

export type { ButtonSelector } from '../state/buttons';

/**
 * What pressing a button did.
 *
 * @example
 * const result = actor.pressButton(mid, 'Yes');
 * if (result.kind === 'callback') console.log(result.callbackId);
 */
export type ButtonPressResult =
  | { kind: 'callback'; callbackId: string }
  | { kind: 'chat'; chat: Chat; created: boolean }
  | { kind: 'message'; message: Message }
  /** Max `open_app`: the client opens the bot's mini app; nothing reaches the bot. */
  | { kind: 'open_app'; webApp: string | null; contactId: number | null; payload: string | null }
  /** Max `clipboard`: the client copies `text`; nothing reaches the bot. */
  | { kind: 'clipboard'; text: string };

/**
 * The updates of the Max dialect about a user's dialog with the bot (not in the TamTam model).
 */
type DialogUpdate =
  | {
      update_type: 'bot_stopped' | 'dialog_cleared' | 'dialog_unmuted' | 'dialog_removed';
      timestamp: number;
      chat_id: number;
      user: User;
      user_locale: string;
    }
  | {
      update_type: 'dialog_muted';
      timestamp: number;
      chat_id: number;
      user: User;
      user_locale: string;
      muted_until: number;
    };

/** How long `muteDialog()` mutes when no end is given: one hour. */
const DEFAULT_MUTE_MS = 3_600_000;

/**
 * Acts as one emulated user. Get one with `emulator.actAs(userId)`.
 *
 * Updates reach the bot only where the real server would send them: messages, edits,
 * deletions and title changes in chats where the bot is an active member; `user_added` /
 * `user_removed` where the bot is an admin; `bot_added` / `bot_removed` always.
 *
 * @example
 * const alice = emulator.actAs(aliceId);
 * alice.startBot('ref-42');
 * const message = alice.sendToBot('hello');
 */
export class UserActor {
  /** @internal The emulator makes actors: use `emulator.actAs(userId)`. */
  constructor(
    private readonly world: World,
    /** The user this actor speaks for. */
    readonly userId: number,
  ) {
    world.user(userId);
  }

  /** The user's `User` object. */
  get user(): User {
    return toUser(this.world.user(this.userId), this.world.dialect);
  }

  /** Sends a message to a chat the user is in (`message_created` for the bot). */
  sendMessage(chatId: number, input: string | UserMessageInput): Message {
    const chat = this.world.chat(chatId);
    this.requireMember(chat, 'write to');
    if (chat.type === 'channel' && !chat.members.get(this.userId)?.isAdmin) {
      throw controlError(`Only admins post in channel ${chatId}; user ${this.userId} is not one`);
    }
    return this.post(chat, this.content(chat, typeof input === 'string' ? { text: input } : input));
  }

  /** Sends a message in the user's dialog with the bot (the dialog is created if missing). */
  sendToBot(input: string | UserMessageInput): Message {
    const dialog = this.world.dialogWith(this.userId);
    dialog.botKnows = true;
    return this.sendMessage(dialog.chatId, input);
  }

  /** Edits one of the user's messages (`message_edited`). Given fields replace the old ones. */
  editMessage(messageId: string, input: string | UserMessageInput): Message {
    const record = this.world.message(messageId);
    if (record.senderId !== this.userId) throw controlError(`Message ${messageId} was not sent by user ${this.userId}`);
    const chat = this.world.chat(record.chatId);
    const draft = this.content(chat, typeof input === 'string' ? { text: input } : input);
    if (typeof input === 'string' || input.text !== undefined) {
      record.text = draft.text;
      record.markup = draft.markup;
    }
    if (typeof input !== 'string' && input.attachments !== undefined) record.attachments = draft.attachments;
    const message = toMessage(this.world, record);
    this.world.events.emit({ type: 'message_edited', chatId: chat.chatId, message });
    if (this.world.botIsIn(chat)) this.emit({ update_type: 'message_edited', timestamp: this.world.now(), message });
    return message;
  }

  /** Deletes a message: the user's own, or any message in a chat where the user is an admin. */
  deleteMessage(messageId: string): void {
    const record = this.world.message(messageId);
    const chat = this.world.chat(record.chatId);
    const member = chat.members.get(this.userId);
    if (record.senderId !== this.userId && !member?.isAdmin) {
      throw controlError(`User ${this.userId} may delete only own messages in chat ${chat.chatId}`);
    }
    removeMessage(this.world, record, this.userId);
    if (this.world.botIsIn(chat)) {
      this.emit({
        update_type: 'message_removed',
        timestamp: this.world.now(),
        message_id: messageId,
        chat_id: chat.chatId,
        user_id: this.userId,
      });
    }
  }

  /**
   * Presses a keyboard button: `callback` → `message_callback`; `chat` → creates the chat
   * once per button (`message_chat_created`); `request_contact` / `request_geo_location` →
   * the user sends a contact / location message. Link buttons reach nobody and throw.
   */
  pressButton(
    messageId: string,
    selector: ButtonSelector,
    options: { location?: { latitude: number; longitude: number } } = {},
  ): ButtonPressResult {
    const record = this.world.message(messageId);
    const chat = this.world.chat(record.chatId);
    this.requireMember(chat, 'press buttons in');
    const button = findButton(record, selector);
    const now = this.world.now();
    const maxButton = button as unknown as {
      type: string;
      text: string;
      payload?: string;
      web_app?: string;
      contact_id?: number;
    };
    switch (maxButton.type) {
      case 'open_app':
        return {
          kind: 'open_app',
          webApp: maxButton.web_app ?? null,
          contactId: maxButton.contact_id ?? null,
          payload: maxButton.payload ?? null,
        };
      case 'clipboard':
        return { kind: 'clipboard', text: maxButton.payload ?? '' };
      case 'message':
        return { kind: 'message', message: this.sendMessage(chat.chatId, maxButton.text) };
    }
    switch (button.type) {
      case 'callback': {
        if (!this.world.botIsIn(chat)) {
          throw controlError(`The bot is no longer in chat ${chat.chatId}; its buttons there reach nobody`);
        }
        const callbackId = this.world.ids.opaque('cb');
        this.world.callbacks.set(callbackId, {
          callbackId,
          mid: record.mid,
          chatId: chat.chatId,
          userId: this.userId,
          payload: button.payload,
          timestamp: now,
        });
        this.emit({
          update_type: 'message_callback',
          timestamp: now,
          callback: { timestamp: now, callback_id: callbackId, payload: button.payload, user: this.user },
          message: toMessage(this.world, record),
          user_locale: this.world.user(this.userId).locale,
        });
        return { kind: 'callback', callbackId };
      }
      case 'chat':
        return this.pressChatButton(record, button);
      case 'request_contact':
        return {
          kind: 'message',
          message: this.sendMessage(chat.chatId, {
            attachments: [
              { type: 'contact', payload: contactPayload(this.world, vcard(this.user), this.world.user(this.userId)) },
            ],
          }),
        };
      case 'request_geo_location': {
        const where = options.location ?? { latitude: 55.7558, longitude: 37.6173 };
        return {
          kind: 'message',
          message: this.sendMessage(chat.chatId, { attachments: [{ type: 'location', ...where }] }),
        };
      }
      case 'link':
        throw controlError(`"${button.text}" is a link button: it opens ${button.url} and sends nothing to the bot`);
    }
  }

  /**
   * Starts the bot (deep-link `payload`, at most 128 characters on TamTam and 512 on Max, longer
   * ones are dropped): `bot_started` in the dialog.
   */
  startBot(payload?: string | null): Chat {
    const dialog = this.world.dialogWith(this.userId);
    if (!this.world.botIsIn(dialog)) this.world.addMember(dialog, this.world.bot.user_id, {});
    dialog.botKnows = true;
    const limit = this.world.dialect.deepLinkPayloadLength;
    const kept = payload !== undefined && payload !== null && payload.length <= limit ? payload : null;
    this.emit({
      update_type: 'bot_started',
      timestamp: this.world.now(),
      chat_id: dialog.chatId,
      user: this.user,
      payload: kept,
      user_locale: this.world.user(this.userId).locale,
    });
    return toChat(this.world, dialog);
  }

  /**
   * Stops (blocks) the bot: the bot can no longer write to the dialog until the user starts it
   * again. Max sends `bot_stopped`; TamTam (schema 0.5.6) has no update for it.
   */
  stopBot(): void {
    const dialog = this.world.dialogWith(this.userId);
    dialog.botStatus = 'suspended';
    if (this.max) this.emitDialog({ update_type: 'bot_stopped', ...this.dialogFields(dialog) });
  }

  /** Clears the dialog's history on the user's side (Max: `dialog_cleared`; TamTam: no update). */
  clearDialog(): void {
    const dialog = this.existingDialog('clear');
    dialog.lastEventTime = this.world.now();
    if (this.max) this.emitDialog({ update_type: 'dialog_cleared', ...this.dialogFields(dialog) });
  }

  /**
   * Mutes the dialog until `until` (ms since epoch; default one hour from now). Max:
   * `dialog_muted` with `muted_until`; TamTam: no update.
   */
  muteDialog(until?: number): void {
    const dialog = this.existingDialog('mute');
    const now = this.world.now();
    const mutedUntil = until ?? now + DEFAULT_MUTE_MS;
    if (!Number.isSafeInteger(mutedUntil) || mutedUntil <= now) {
      throw controlError(`mutedUntil must be a time in the future (ms since epoch), got ${String(until)}`);
    }
    dialog.mutedUntil = mutedUntil;
    if (this.max)
      this.emitDialog({ update_type: 'dialog_muted', ...this.dialogFields(dialog), muted_until: mutedUntil });
  }

  /** Unmutes the dialog (Max: `dialog_unmuted`; TamTam: no update). */
  unmuteDialog(): void {
    const dialog = this.existingDialog('unmute');
    dialog.mutedUntil = null;
    if (this.max) this.emitDialog({ update_type: 'dialog_unmuted', ...this.dialogFields(dialog) });
  }

  /**
   * Removes the dialog from the user's chat list (Max: `dialog_removed`; TamTam: no update).
   * The bot may still write to the user, which brings the dialog back.
   */
  removeDialog(): void {
    const dialog = this.existingDialog('remove');
    dialog.mutedUntil = null;
    dialog.lastEventTime = this.world.now();
    if (this.max) this.emitDialog({ update_type: 'dialog_removed', ...this.dialogFields(dialog) });
  }

  /** Adds the bot to a group chat or channel (`bot_added`); by default as an admin. */
  addBot(chatId: number, options: { admin?: boolean } = {}): Chat {
    const chat = this.group(chatId);
    this.requireMember(chat, 'add the bot to');
    if (this.world.botIsIn(chat)) throw controlError(`The bot is already in chat ${chatId}`);
    this.world.addMember(chat, this.world.bot.user_id, { admin: options.admin ?? true });
    this.emit({
      update_type: 'bot_added',
      timestamp: this.world.now(),
      chat_id: chatId,
      user: this.user,
      is_channel: chat.type === 'channel',
    });
    return toChat(this.world, chat);
  }

  /** Removes the bot from a group chat or channel (`bot_removed`). */
  removeBot(chatId: number): void {
    const chat = this.group(chatId);
    this.requireMember(chat, 'remove the bot from');
    if (!this.world.botIsIn(chat)) throw controlError(`The bot is not in chat ${chatId}`);
    this.world.removeMember(chat, this.world.bot.user_id, 'removed');
    this.emit({
      update_type: 'bot_removed',
      timestamp: this.world.now(),
      chat_id: chatId,
      user: this.user,
      is_channel: chat.type === 'channel',
    });
  }

  /** Adds another user to a chat (`user_added` with `inviter_id`). */
  addUser(chatId: number, userId: number): void {
    const chat = this.group(chatId);
    this.requireMember(chat, 'add users to');
    this.join(chat, userId, this.userId);
  }

  /** Removes another user from a chat (`user_removed` with `admin_id`). */
  removeUser(chatId: number, userId: number): void {
    const chat = this.group(chatId);
    this.requireMember(chat, 'remove users from');
    this.leave(chat, userId, this.userId);
  }

  /** Joins a chat by link (`user_added` with `inviter_id: null`). */
  joinChat(chatId: number): void {
    this.join(this.group(chatId), this.userId, null);
  }

  /** Leaves a chat (`user_removed` without `admin_id`). */
  leaveChat(chatId: number): void {
    this.leave(this.group(chatId), this.userId, null);
  }

  /** Renames a chat (`chat_title_changed`). */
  renameChat(chatId: number, title: string): Chat {
    const chat = this.group(chatId);
    this.requireMember(chat, 'rename');
    if (title.length < 1 || title.length > 200) throw controlError('A chat title has 1 to 200 characters');
    chat.title = title;
    chat.lastEventTime = this.world.now();
    if (this.world.botIsIn(chat)) {
      this.emit({
        update_type: 'chat_title_changed',
        timestamp: this.world.now(),
        chat_id: chatId,
        user: this.user,
        title,
      });
    }
    return toChat(this.world, chat);
  }

  /** Opens the bot's constructor (`message_construction_request` with no input messages). TamTam only. */
  openConstructor(): string {
    this.requireTamTam('The constructor (message_construction_request)');
    const sessionId = this.world.ids.opaque('cs');
    this.world.sessions.set(sessionId, { sessionId, userId: this.userId, data: null, lastAnswer: null });
    this.constructionRequest(sessionId, { input_type: 'message', messages: [] });
    return sessionId;
  }

  /** Types into the constructor or presses one of its keyboard buttons (another request). */
  constructorInput(sessionId: string, input: { text: string } | { payload: string }): void {
    this.session(sessionId);
    const constructorInput: ConstructorInput =
      'payload' in input
        ? { input_type: 'callback', payload: input.payload }
        : { input_type: 'message', messages: [{ text: input.text }] };
    this.constructionRequest(sessionId, constructorInput);
  }

  /**
   * Posts the messages of the bot's last constructor answer to a chat (default: the dialog)
   * as this user; the bot gets `message_constructed` for each. Ends the session.
   */
  postConstructed(sessionId: string, chatId?: number): Message[] {
    const session = this.session(sessionId);
    const drafts = session.lastAnswer?.messages ?? [];
    if (drafts.length === 0) throw controlError(`The bot has not answered session ${sessionId} with messages yet`);
    const chat = chatId === undefined ? this.world.dialogWith(this.userId) : this.world.chat(chatId);
    this.requireMember(chat, 'post to');
    const posted = drafts.map((draft) => {
      const record = this.world.addMessage(chat, this.userId, {
        ...constructedContent(this.world, draft),
        link: null,
        constructorId: this.world.bot.user_id,
      });
      const message = toMessage(this.world, record);
      this.world.events.emit({ type: 'message_created', chatId: chat.chatId, message });
      this.emit({
        update_type: 'message_constructed',
        timestamp: record.timestamp,
        session_id: sessionId,
        message: { sender: this.user, timestamp: record.timestamp, body: message.body },
      });
      return message;
    });
    this.world.sessions.delete(sessionId);
    return posted;
  }

  private post(chat: ChatRecord, content: MessageContent): Message {
    const record = this.world.addMessage(chat, this.userId, content);
    const message = toMessage(this.world, record);
    this.world.events.emit({ type: 'message_created', chatId: chat.chatId, message });
    if (this.world.botIsIn(chat)) {
      this.emit({
        update_type: 'message_created',
        timestamp: record.timestamp,
        message,
        ...(chat.type === 'dialog' ? { user_locale: this.world.user(this.userId).locale } : {}),
      });
    }
    return message;
  }

  private content(chat: ChatRecord, input: UserMessageInput): MessageContent {
    if (typeof input !== 'object' || input === null) throw controlError('A message must be a string or an object');
    const source = input.text ?? null;
    if (source !== null && (typeof source !== 'string' || source.length > MAX_TEXT_LENGTH)) {
      throw controlError(`text must be a string of at most ${MAX_TEXT_LENGTH} characters`);
    }
    if (input.replyTo !== undefined && input.forward !== undefined)
      throw controlError('Give replyTo or forward, not both');
    const parsed =
      source === null || input.format === undefined
        ? { text: source, markup: null }
        : input.format === 'html'
          ? parseHtml(source)
          : parseMarkdown(source);
    const attachments = input.attachments ? toAttachments(this.world, input.attachments) : [];
    const link =
      input.replyTo !== undefined
        ? linkedMessage(this.world, { type: 'reply', mid: input.replyTo }, chat.chatId)
        : input.forward !== undefined
          ? linkedMessage(this.world, { type: 'forward', mid: input.forward }, chat.chatId)
          : null;
    if ((parsed.text ?? '') === '' && attachments.length === 0 && link === null) {
      throw controlError('A message needs text, attachments or a forward');
    }
    return {
      text: parsed.text ?? (link ? null : ''),
      markup: parsed.markup && parsed.markup.length > 0 ? parsed.markup : null,
      attachments: attachments.length > 0 ? attachments : null,
      link,
      constructorId: null,
    };
  }

  private get max(): boolean {
    return this.world.dialect.name === 'max';
  }

  private requireTamTam(what: string): void {
    if (this.max) throw controlError(`${what} exists only in the TamTam dialect; this emulator speaks Max`);
  }

  private existingDialog(what: string): ChatRecord {
    const dialog = this.world.dialogWith(this.userId, false);
    if (!dialog.botKnows) throw controlError(`User ${this.userId} has no dialog with the bot to ${what}`);
    return dialog;
  }

  private dialogFields(dialog: ChatRecord): { timestamp: number; chat_id: number; user: User; user_locale: string } {
    return {
      timestamp: this.world.now(),
      chat_id: dialog.chatId,
      user: this.user,
      user_locale: this.world.user(this.userId).locale,
    };
  }

  private emitDialog(update: DialogUpdate): void {
    this.world.produceUpdate(update as unknown as Update);
  }

  private pressChatButton(record: MessageRecord, button: ChatButton): ButtonPressResult {
    this.requireTamTam('A chat button (message_chat_created)');
    const key = `${record.mid}:${button.uuid ?? button.text}`;
    const existing = this.world.buttonChats.get(key);
    if (existing !== undefined) {
      const chat = this.world.chat(existing);
      if (!chat.members.has(this.userId)) this.world.addMember(chat, this.userId, {});
      return { kind: 'chat', chat: toChat(this.world, chat), created: false };
    }
    const chat = this.world.createChat({
      type: 'chat',
      title: button.chat_title,
      description: button.chat_description ?? null,
      ownerId: record.senderId,
      memberIds: [this.userId],
    });
    chat.chatMessageId = record.mid;
    this.world.buttonChats.set(key, chat.chatId);
    this.emit({
      update_type: 'message_chat_created',
      timestamp: this.world.now(),
      chat: toChat(this.world, chat),
      message_id: record.mid,
      start_payload: button.start_payload ?? null,
    });
    return { kind: 'chat', chat: toChat(this.world, chat), created: true };
  }

  private join(chat: ChatRecord, userId: number, inviterId: number | null): void {
    this.world.user(userId);
    if (chat.members.has(userId)) throw controlError(`User ${userId} is already in chat ${chat.chatId}`);
    this.world.addMember(chat, userId, {});
    if (this.botIsAdmin(chat)) {
      this.emit({
        update_type: 'user_added',
        timestamp: this.world.now(),
        chat_id: chat.chatId,
        user: toUser(this.world.user(userId), this.world.dialect),
        inviter_id: inviterId,
        is_channel: chat.type === 'channel',
      });
    }
  }

  private leave(chat: ChatRecord, userId: number, adminId: number | null): void {
    const member = chat.members.get(userId);
    if (!member || userId === this.world.bot.user_id) {
      throw controlError(`User ${userId} is not a member of chat ${chat.chatId} (use removeBot for the bot)`);
    }
    this.world.removeMember(chat, userId);
    if (this.botIsAdmin(chat)) {
      this.emit({
        update_type: 'user_removed',
        timestamp: this.world.now(),
        chat_id: chat.chatId,
        user: toUser(this.world.user(userId), this.world.dialect),
        ...(adminId === null ? {} : { admin_id: adminId }),
        is_channel: chat.type === 'channel',
      });
    }
  }

  private constructionRequest(sessionId: string, input: ConstructorInput): void {
    const session = this.session(sessionId);
    const user = this.world.user(this.userId);
    this.emit({
      update_type: 'message_construction_request',
      timestamp: this.world.now(),
      user: toUserWithPhoto(user, this.world.dialect),
      user_locale: user.locale,
      session_id: sessionId,
      data: session.data,
      input,
    });
  }

  private session(sessionId: string): NonNullable<ReturnType<World['sessions']['get']>> {
    const session = this.world.sessions.get(sessionId);
    if (!session || session.userId !== this.userId) {
      throw controlError(`Constructor session ${sessionId} is not open for user ${this.userId}`);
    }
    return session;
  }

  private botIsAdmin(chat: ChatRecord): boolean {
    return this.world.botIsIn(chat) && (this.world.botMember(chat)?.isAdmin ?? false);
  }

  private group(chatId: number): ChatRecord {
    const chat = this.world.chat(chatId);
    if (chat.type === 'dialog') throw controlError(`Chat ${chatId} is a dialog; this needs a group chat or channel`);
    return chat;
  }

  private requireMember(chat: ChatRecord, what: string): void {
    if (!chat.members.has(this.userId)) {
      throw controlError(`User ${this.userId} is not a member of chat ${chat.chatId}, so can't ${what} it`);
    }
  }

  private emit(update: Update): void {
    this.world.produceUpdate(update);
  }
}

function findButton(record: MessageRecord, selector: ButtonSelector): Button {
  const buttons = inlineKeyboardButtons(record.attachments);
  if (buttons.length === 0) throw controlError(`Message ${record.mid} has no keyboard`);
  const found = selectButton(buttons, selector);
  if (!found) {
    throw controlError(
      `No button ${JSON.stringify(selector)} on message ${record.mid}; it has ${describeButtons(buttons)}`,
    );
  }
  return found;
}

function constructedContent(
  world: World,
  draft: ConstructedMessageBody,
): Pick<MessageRecord, 'text' | 'markup' | 'attachments'> {
  const source = draft.text ?? null;
  const parsed =
    source === null || !draft.format
      ? { text: source, markup: draft.markup ? [...draft.markup] : null }
      : draft.format === 'html'
        ? parseHtml(source)
        : parseMarkdown(source);
  const requests = (draft.attachments ?? []).map((a, i) => JsonObject.of(a, `messages[${i}]`));
  const attachments = requests.length > 0 ? readAttachments(requests, world) : null;
  return {
    text: parsed.text ?? '',
    markup: parsed.markup && parsed.markup.length > 0 ? parsed.markup : null,
    attachments,
  };
}

function vcard(user: User): string {
  return `BEGIN:VCARD\nVERSION:3.0\nFN:${user.name}\nEND:VCARD`;
}
