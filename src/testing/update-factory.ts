/**
 * Update factories: realistic updates of all 13 types with fresh ids and increasing
 * timestamps, changed by deep overrides.
 */
import type {
  Attachment,
  Chat,
  LinkedMessage,
  Message,
  MessageBody,
  MessageCallbackUpdate,
  MessageCreatedUpdate,
  NewMessageBody,
  Recipient,
  UpdateByType,
  UpdateOf,
  UpdateType,
  User,
} from '../types/index';
import { type DeepPartial, deepMerge } from './deep-merge';
import { rememberMessage, rememberUpdate } from './fake-api/invented';
import { type ButtonSelector, findCallbackButton } from './find-button';
import { receivedAttachment } from './received-attachment';
import { TEST_CHATS, TEST_EPOCH, TEST_USERS, testDialogId, testDialogUser } from './test-world';
import { SERVER_ID_SPACE, TestIds, steppingClock } from './test-ids';

/**
 * Options of {@link createUpdateFactory}; all optional.
 *
 * @example
 * const factory = createUpdateFactory({ now: () => scheduler.now(), user: TEST_USERS.bob });
 */
export interface UpdateFactoryOptions {
  /** Where timestamps come from. Default: starts at {@link TEST_EPOCH}, 1 s later on every update. */
  readonly now?: () => number;
  /** The bot (sender of bot messages). Default `TEST_USERS.bot`. */
  readonly bot?: User;
  /** Who acts when nobody else is named. Default `TEST_USERS.alice`. */
  readonly user?: User;
  /** Group chat of chat-level updates (bot_added, user_added, …). Default `TEST_CHATS.group`. */
  readonly group?: Recipient;
  /** `user_locale` of dialog updates. Default `'en-US'`. */
  readonly locale?: string;
  /**
   * Id space (0–65534) put into every mid and opaque id, so factories never hand out the same
   * id. Default: a new space per factory (the shared module-level factory uses 0). Space
   * 65535 is the fake api's server's own.
   */
  readonly idSpace?: number;
}

let factoriesCreated = 0;

/**
 * Options of {@link UpdateFactory.textMessage}.
 *
 * @example
 * textMessage('hi all', { from: TEST_USERS.bob, chat: TEST_CHATS.group });
 */
export interface UserMessageOptions {
  /** The author. Default: the factory's user (Alice). */
  readonly from?: User;
  /** Where it is written. Default: the author's dialog with the bot. */
  readonly chat?: Recipient;
  /** Attachments as received (photos, files, a contact, a location…). Default none. */
  readonly attachments?: readonly Attachment[];
  /** A forwarded or replied-to message. Default none. */
  readonly link?: LinkedMessage;
  /** Deep overrides applied last. */
  readonly overrides?: DeepPartial<MessageCreatedUpdate>;
}

/**
 * Options of {@link UpdateFactory.botMessage}.
 *
 * @example
 * botMessage('Pick one', { chat: TEST_CHATS.group });
 */
export interface BotMessageOptions {
  /** Where the bot wrote it. Default: the factory user's dialog with the bot. */
  readonly chat?: Recipient;
  /** Finds the message a `link` points at, to embed it. Default: a placeholder body with that mid. */
  readonly findMessage?: (mid: string) => Message | undefined;
}

/**
 * Options of {@link UpdateFactory.pressButton}.
 *
 * @example
 * pressButton(message, 'Yes', { by: TEST_USERS.bob });
 */
export interface PressButtonOptions {
  /** Who presses. Default: the factory's user (Alice). */
  readonly by?: User;
  /** Deep overrides applied last. */
  readonly overrides?: DeepPartial<MessageCallbackUpdate>;
}

/**
 * Makes updates. Every update gets fresh ids (`mid`, `seq`, `callback_id`, `session_id`) and
 * the next timestamp; overrides are deep-merged over realistic defaults (Alice writing to the
 * bot in her dialog, chat events in the test group). Fake apis know what factories made up:
 * a bot may reply to, forward or delete these messages and answer these presses.
 *
 * @example
 * const f = createUpdateFactory();
 * const start = f.textMessage('/start');
 * const joined = f.userAdded({ user: TEST_USERS.carol });
 */
export interface UpdateFactory {
  /** Any update by type, with deep overrides. */
  update<T extends UpdateType>(type: T, overrides?: DeepPartial<UpdateOf<T>>): UpdateOf<T>;
  /** A new message (default: Alice writes "Hello" to the bot). */
  messageCreated(overrides?: DeepPartial<UpdateByType['message_created']>): UpdateByType['message_created'];
  /** A button press (default: Alice presses "OK", payload `ok`, under a bot message). */
  messageCallback(overrides?: DeepPartial<UpdateByType['message_callback']>): UpdateByType['message_callback'];
  /** An edited message (default: Alice's message, new text). */
  messageEdited(overrides?: DeepPartial<UpdateByType['message_edited']>): UpdateByType['message_edited'];
  /** A deleted message (default: one of Alice's, in her dialog). */
  messageRemoved(overrides?: DeepPartial<UpdateByType['message_removed']>): UpdateByType['message_removed'];
  /** The bot was added to the test group by Alice. */
  botAdded(overrides?: DeepPartial<UpdateByType['bot_added']>): UpdateByType['bot_added'];
  /** The bot was removed from the test group by Alice. */
  botRemoved(overrides?: DeepPartial<UpdateByType['bot_removed']>): UpdateByType['bot_removed'];
  /** Alice added Bob to the test group. */
  userAdded(overrides?: DeepPartial<UpdateByType['user_added']>): UpdateByType['user_added'];
  /** Alice removed Bob from the test group. */
  userRemoved(overrides?: DeepPartial<UpdateByType['user_removed']>): UpdateByType['user_removed'];
  /** Alice pressed Start (no deep-link payload). */
  botStarted(overrides?: DeepPartial<UpdateByType['bot_started']>): UpdateByType['bot_started'];
  /** Alice renamed the test group. */
  chatTitleChanged(overrides?: DeepPartial<UpdateByType['chat_title_changed']>): UpdateByType['chat_title_changed'];
  /** Alice opened the bot's constructor (no input yet). */
  messageConstructionRequest(
    overrides?: DeepPartial<UpdateByType['message_construction_request']>,
  ): UpdateByType['message_construction_request'];
  /** Alice posted a constructed message. */
  messageConstructed(overrides?: DeepPartial<UpdateByType['message_constructed']>): UpdateByType['message_constructed'];
  /** A chat button created a new group chat. */
  messageChatCreated(
    overrides?: DeepPartial<UpdateByType['message_chat_created']>,
  ): UpdateByType['message_chat_created'];

  /** A user writes `text` (a `message_created`), by default Alice in her dialog with the bot. */
  textMessage(text: string | null, options?: UserMessageOptions): MessageCreatedUpdate;
  /** The message a bot sending `body` would have produced (sender: the bot, fresh mid). */
  botMessage(body: string | NewMessageBody, options?: BotMessageOptions): Message;
  /**
   * A press of a callback button of `message`'s inline keyboard, chosen by text or payload
   * (a string tries the text first). Throws naming the buttons there are when none matches,
   * and explaining what a non-callback button does instead.
   */
  pressButton(message: Message, selector: ButtonSelector, options?: PressButtonOptions): MessageCallbackUpdate;
  /** The dialog (as recipient, seen from the user) between `user` and the bot; its id is `testDialogId(user.user_id)`. */
  dialogWith(user: User): Recipient;
  /** Starts ids and (the default) clock from the beginning. */
  reset(): void;
}

/**
 * A new {@link UpdateFactory} with its own ids and clock. The module-level factories
 * (`messageCreated`, `textMessage`, …) share one; make your own for full control.
 *
 * @example
 * const factory = createUpdateFactory({ now: () => 1_717_243_200_000 });
 * const update = factory.messageCreated({ message: { body: { text: '/help' } } });
 */
export function createUpdateFactory(options: UpdateFactoryOptions = {}): UpdateFactory {
  const bot = asUser(options.bot ?? TEST_USERS.bot);
  const me = options.user ?? TEST_USERS.alice;
  const group = options.group ?? TEST_CHATS.group;
  const locale = options.locale ?? 'en-US';
  if (options.idSpace === SERVER_ID_SPACE) {
    throw new RangeError(
      `createUpdateFactory: idSpace ${SERVER_ID_SPACE} is the fake api's own (its server's message ids); use 0–${SERVER_ID_SPACE - 1}`,
    );
  }
  const ids = new TestIds(options.idSpace ?? 1 + (factoriesCreated++ % (SERVER_ID_SPACE - 1)));
  let defaultClock = steppingClock(TEST_EPOCH);
  const now = options.now ?? (() => defaultClock());
  const dialogWith = (user: User): Recipient => ({
    chat_id: testDialogId(user.user_id),
    chat_type: 'dialog',
    user_id: bot.user_id,
  });

  const body = (chat: Recipient, text: string | null, attachments: readonly Attachment[] | null): MessageBody => ({
    mid: ids.mid(chat.chat_id),
    seq: ids.seq(),
    text,
    attachments: attachments === null || attachments.length === 0 ? null : [...attachments],
    markup: null,
  });

  const userMessage = (
    timestamp: number,
    from: User,
    chat: Recipient,
    text: string | null,
    attachments: readonly Attachment[] | null = null,
  ): Message => ({
    sender: from,
    recipient: { ...chat },
    timestamp,
    link: null,
    body: body(chat, text, attachments),
    stat: null,
    url: null,
  });

  const botMessageAt = (
    timestamp: number,
    input: string | NewMessageBody,
    botOptions: BotMessageOptions = {},
  ): Message => {
    const message: NewMessageBody = typeof input === 'string' ? { text: input } : input;
    const chat = botOptions.chat ?? dialogWith(me);
    const recipient: Recipient = chat.chat_type === 'dialog' ? { ...chat, user_id: dialogUser(chat) } : { ...chat };
    const attachments = (message.attachments ?? []).map((request) => receivedAttachment(request, ids));
    const result: Message = {
      sender: bot,
      recipient,
      timestamp,
      link: null,
      body: body(chat, message.text ?? null, attachments),
      stat: null,
      url: null,
    };
    if (message.link) {
      const original = botOptions.findMessage?.(message.link.mid);
      result.link = {
        type: message.link.type,
        ...(original?.sender ? { sender: original.sender } : {}),
        ...(message.link.type === 'forward' && typeof original?.recipient.chat_id === 'number'
          ? { chat_id: original.recipient.chat_id }
          : {}),
        message: original
          ? structuredClone(original.body)
          : { mid: message.link.mid, seq: 0, text: null, attachments: null },
      };
    }
    return result;
  };

  /** The user on the other side of a dialog the bot writes to. */
  const dialogUser = (chat: Recipient): number | null => {
    if (chat.user_id !== null && chat.user_id !== bot.user_id) return chat.user_id;
    return chat.chat_id === null ? null : testDialogUser(chat.chat_id);
  };

  const withPhoto = (user: User) => ({
    ...user,
    description: null,
    avatar_url: `https://i.tamtam.test/avatar/${user.user_id}.jpg`,
  });

  const defaults: { [T in UpdateType]: (timestamp: number) => UpdateByType[T] } = {
    message_created: (timestamp) => ({
      update_type: 'message_created',
      timestamp,
      message: userMessage(timestamp, me, dialogWith(me), 'Hello'),
      user_locale: locale,
    }),
    message_callback: (timestamp) => ({
      update_type: 'message_callback',
      timestamp,
      callback: { timestamp, callback_id: ids.opaque('cb'), payload: 'ok', user: me },
      message: botMessageAt(timestamp - 1000, {
        text: 'Press the button',
        attachments: [
          { type: 'inline_keyboard', payload: { buttons: [[{ type: 'callback', text: 'OK', payload: 'ok' }]] } },
        ],
      }),
      user_locale: locale,
    }),
    message_edited: (timestamp) => {
      const message = userMessage(timestamp - 60_000, me, dialogWith(me), 'Hello (edited)');
      return { update_type: 'message_edited', timestamp, message };
    },
    message_removed: (timestamp) => {
      const chat = dialogWith(me);
      return {
        update_type: 'message_removed',
        timestamp,
        message_id: ids.mid(chat.chat_id),
        chat_id: chat.chat_id ?? 0,
        user_id: me.user_id,
      };
    },
    bot_added: (timestamp) => ({
      update_type: 'bot_added',
      timestamp,
      chat_id: group.chat_id ?? 0,
      user: me,
      is_channel: group.chat_type === 'channel',
    }),
    bot_removed: (timestamp) => ({
      update_type: 'bot_removed',
      timestamp,
      chat_id: group.chat_id ?? 0,
      user: me,
      is_channel: group.chat_type === 'channel',
    }),
    user_added: (timestamp) => ({
      update_type: 'user_added',
      timestamp,
      chat_id: group.chat_id ?? 0,
      user: otherThan(me),
      inviter_id: me.user_id,
      is_channel: group.chat_type === 'channel',
    }),
    user_removed: (timestamp) => ({
      update_type: 'user_removed',
      timestamp,
      chat_id: group.chat_id ?? 0,
      user: otherThan(me),
      admin_id: me.user_id,
      is_channel: group.chat_type === 'channel',
    }),
    bot_started: (timestamp) => ({
      update_type: 'bot_started',
      timestamp,
      chat_id: dialogWith(me).chat_id ?? 0,
      user: me,
      payload: null,
      user_locale: locale,
    }),
    chat_title_changed: (timestamp) => ({
      update_type: 'chat_title_changed',
      timestamp,
      chat_id: group.chat_id ?? 0,
      user: me,
      title: 'Renamed chat',
    }),
    message_construction_request: (timestamp) => ({
      update_type: 'message_construction_request',
      timestamp,
      user: withPhoto(me),
      user_locale: locale,
      session_id: ids.opaque('cs'),
      data: null,
      input: { input_type: 'message', messages: [] },
    }),
    message_constructed: (timestamp) => ({
      update_type: 'message_constructed',
      timestamp,
      session_id: ids.opaque('cs'),
      message: { sender: me, timestamp, link: null, body: body(dialogWith(me), 'Constructed message', null) },
    }),
    message_chat_created: (timestamp) => {
      const chatId = -71_000_000_000 - ids.count('group');
      const chat: Chat = {
        chat_id: chatId,
        type: 'chat',
        status: 'active',
        title: 'New chat',
        icon: null,
        last_event_time: timestamp,
        participants_count: 2,
        owner_id: bot.user_id,
        participants: null,
        is_public: false,
        link: null,
        description: null,
        dialog_with_user: null,
        messages_count: 0,
        chat_message_id: null,
        pinned_message: null,
      };
      const mid = ids.mid(dialogWith(me).chat_id);
      chat.chat_message_id = mid;
      return { update_type: 'message_chat_created', timestamp, chat, message_id: mid, start_payload: null };
    },
  };

  const update = <T extends UpdateType>(type: T, overrides?: DeepPartial<UpdateOf<T>>): UpdateOf<T> => {
    const make = defaults[type] as ((timestamp: number) => UpdateOf<T>) | undefined;
    if (make === undefined) {
      throw new TypeError(
        `createUpdate: unknown update type ${JSON.stringify(type)}; use one of ${Object.keys(defaults).join(', ')}`,
      );
    }
    return rememberUpdate(deepMerge(make(now()), overrides));
  };

  return {
    update,
    messageCreated: (o) => update('message_created', o),
    messageCallback: (o) => update('message_callback', o),
    messageEdited: (o) => update('message_edited', o),
    messageRemoved: (o) => update('message_removed', o),
    botAdded: (o) => update('bot_added', o),
    botRemoved: (o) => update('bot_removed', o),
    userAdded: (o) => update('user_added', o),
    userRemoved: (o) => update('user_removed', o),
    botStarted: (o) => update('bot_started', o),
    chatTitleChanged: (o) => update('chat_title_changed', o),
    messageConstructionRequest: (o) => update('message_construction_request', o),
    messageConstructed: (o) => update('message_constructed', o),
    messageChatCreated: (o) => update('message_chat_created', o),

    textMessage(text, messageOptions = {}) {
      const from = messageOptions.from ?? me;
      const chat = messageOptions.chat ?? dialogWith(from);
      const timestamp = now();
      const message = userMessage(timestamp, from, chat, text, messageOptions.attachments ?? null);
      if (messageOptions.link) message.link = structuredClone(messageOptions.link);
      const created: MessageCreatedUpdate = { update_type: 'message_created', timestamp, message };
      if (chat.chat_type === 'dialog') created.user_locale = locale;
      return rememberUpdate(deepMerge(created, messageOptions.overrides));
    },
    botMessage: (input, botOptions) => rememberMessage(botMessageAt(now(), input, botOptions)),
    pressButton(message, selector, pressOptions = {}) {
      const button = findCallbackButton(message, selector);
      const timestamp = now();
      const by = pressOptions.by ?? me;
      const press: MessageCallbackUpdate = {
        update_type: 'message_callback',
        timestamp,
        callback: { timestamp, callback_id: ids.opaque('cb'), payload: button.payload, user: by },
        message: structuredClone(message),
        user_locale: locale,
      };
      return rememberUpdate(deepMerge(press, pressOptions.overrides));
    },
    dialogWith,
    reset() {
      ids.reset();
      defaultClock = steppingClock(TEST_EPOCH);
    },
  };
}

/** Just the `User` fields (a `BotInfo` also has a description and commands). */
function asUser(user: User): User {
  const { user_id, name, username, is_bot, last_activity_time } = user;
  return { user_id, name, username, is_bot, last_activity_time };
}

function otherThan(user: User): User {
  return user.user_id === TEST_USERS.bob.user_id ? TEST_USERS.carol : TEST_USERS.bob;
}
