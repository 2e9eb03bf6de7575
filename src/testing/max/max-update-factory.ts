/**
 * Update factories for Max bots: realistic Max updates of all 15 types (the ten both dialects
 * share, in Max's wire shape, and Max's five dialog events) with fresh ids and increasing
 * timestamps, changed by deep overrides.
 */
import type {
  BotStoppedUpdate,
  DialogClearedUpdate,
  DialogMutedUpdate,
  DialogRemovedUpdate,
  DialogUnmutedUpdate,
  MaxAttachment,
  MaxButton,
  MaxCallbackButton,
  MaxLinkedMessage,
  MaxMessage,
  MaxMessageCallbackUpdate,
  MaxMessageCreatedUpdate,
  MaxNewMessageBody,
  MaxRecipient,
  MaxUpdateOf,
  MaxUpdateType,
  MaxUser,
  NewMessageBody,
  Recipient,
} from '../../types/index';
import { MAX_UPDATE_TYPES } from '../../types/index';
import { type DeepPartial, deepMerge } from '../deep-merge';
import { rememberMessage, rememberUpdate } from '../fake-api/invented';
import type { ButtonSelector } from '../find-button';
import { type UpdateFactory, type UpdateFactoryOptions, createUpdateFactory } from '../update-factory';
import { type SharedUpdateType, fromMaxUser, toMaxUpdate, toMaxUser } from './max-wire';

/**
 * Options of {@link createMaxUpdateFactory}; all optional.
 *
 * @example
 * const factory = createMaxUpdateFactory({ user: MAX_TEST_USERS.bob, locale: 'ru-RU' });
 */
export interface MaxUpdateFactoryOptions extends Pick<UpdateFactoryOptions, 'now' | 'locale' | 'idSpace'> {
  /** The bot (sender of bot messages). Default `MAX_TEST_USERS.bot`. */
  readonly bot?: MaxUser;
  /** Who acts when nobody else is named. Default `MAX_TEST_USERS.alice`. */
  readonly user?: MaxUser;
  /** Group chat of chat-level updates (bot_added, user_added, …). Default `MAX_TEST_CHATS.group`. */
  readonly group?: MaxRecipient;
}

/**
 * Options of {@link MaxUpdateFactory.textMessage}.
 *
 * @example
 * maxUpdates.textMessage('hi all', { from: MAX_TEST_USERS.bob, chat: MAX_TEST_CHATS.group });
 */
export interface MaxUserMessageOptions {
  /** The author. Default: the factory's user (Alice). */
  readonly from?: MaxUser;
  /** Where it is written. Default: the author's dialog with the bot. */
  readonly chat?: MaxRecipient;
  /** Attachments as received. Default none. */
  readonly attachments?: readonly MaxAttachment[];
  /** A forwarded or replied-to message. Default none. */
  readonly link?: MaxLinkedMessage;
  /** Deep overrides applied last. */
  readonly overrides?: DeepPartial<MaxMessageCreatedUpdate>;
}

/**
 * Options of {@link MaxUpdateFactory.pressButton}.
 *
 * @example
 * maxUpdates.pressButton(message, 'Yes', { by: MAX_TEST_USERS.bob });
 */
export interface MaxPressButtonOptions {
  /** Who presses. Default: the factory's user (Alice). */
  readonly by?: MaxUser;
  /** Deep overrides applied last. */
  readonly overrides?: DeepPartial<MaxMessageCallbackUpdate>;
}

/**
 * Makes Max updates, like {@link UpdateFactory} makes TamTam ones: fresh ids, the next
 * timestamp, deep overrides over realistic defaults (Alice writing to the bot in her dialog,
 * chat events in the test group, dialog events in Alice's dialog). A Max fake api knows what
 * they made up: a bot may reply to these messages and answer these presses.
 *
 * @example
 * const f = createMaxUpdateFactory();
 * const muted = f.dialogMuted({ muted_until: Date.UTC(2030, 0, 1) });
 * const hi = f.textMessage('/start');
 */
export interface MaxUpdateFactory {
  /** Any Max update by type, with deep overrides. */
  update<T extends MaxUpdateType>(type: T, overrides?: DeepPartial<MaxUpdateOf<T>>): MaxUpdateOf<T>;
  /** A new message (default: Alice writes "Hello" to the bot). */
  messageCreated(overrides?: DeepPartial<MaxUpdateOf<'message_created'>>): MaxUpdateOf<'message_created'>;
  /** A button press (default: Alice presses "OK", payload `ok`, under a bot message). */
  messageCallback(overrides?: DeepPartial<MaxUpdateOf<'message_callback'>>): MaxUpdateOf<'message_callback'>;
  /** An edited message (default: Alice's message, new text). */
  messageEdited(overrides?: DeepPartial<MaxUpdateOf<'message_edited'>>): MaxUpdateOf<'message_edited'>;
  /** A deleted message (default: one of Alice's, in her dialog). */
  messageRemoved(overrides?: DeepPartial<MaxUpdateOf<'message_removed'>>): MaxUpdateOf<'message_removed'>;
  /** The bot was added to the test group by Alice. */
  botAdded(overrides?: DeepPartial<MaxUpdateOf<'bot_added'>>): MaxUpdateOf<'bot_added'>;
  /** The bot was removed from the test group by Alice. */
  botRemoved(overrides?: DeepPartial<MaxUpdateOf<'bot_removed'>>): MaxUpdateOf<'bot_removed'>;
  /** Alice added Bob to the test group. */
  userAdded(overrides?: DeepPartial<MaxUpdateOf<'user_added'>>): MaxUpdateOf<'user_added'>;
  /** Alice removed Bob from the test group. */
  userRemoved(overrides?: DeepPartial<MaxUpdateOf<'user_removed'>>): MaxUpdateOf<'user_removed'>;
  /** Alice pressed Start (no deep-link payload). */
  botStarted(overrides?: DeepPartial<MaxUpdateOf<'bot_started'>>): MaxUpdateOf<'bot_started'>;
  /** Alice renamed the test group. */
  chatTitleChanged(overrides?: DeepPartial<MaxUpdateOf<'chat_title_changed'>>): MaxUpdateOf<'chat_title_changed'>;
  /** Alice stopped (blocked) the bot. */
  botStopped(overrides?: DeepPartial<MaxUpdateOf<'bot_stopped'>>): MaxUpdateOf<'bot_stopped'>;
  /** Alice cleared her dialog with the bot. */
  dialogCleared(overrides?: DeepPartial<MaxUpdateOf<'dialog_cleared'>>): MaxUpdateOf<'dialog_cleared'>;
  /** Alice muted her dialog with the bot for an hour. */
  dialogMuted(overrides?: DeepPartial<MaxUpdateOf<'dialog_muted'>>): MaxUpdateOf<'dialog_muted'>;
  /** Alice unmuted her dialog with the bot. */
  dialogUnmuted(overrides?: DeepPartial<MaxUpdateOf<'dialog_unmuted'>>): MaxUpdateOf<'dialog_unmuted'>;
  /** Alice deleted her dialog with the bot. */
  dialogRemoved(overrides?: DeepPartial<MaxUpdateOf<'dialog_removed'>>): MaxUpdateOf<'dialog_removed'>;
  /** A user writes `text` (a `message_created`), by default Alice in her dialog with the bot. */
  textMessage(text: string | null, options?: MaxUserMessageOptions): MaxMessageCreatedUpdate;
  /** The message a bot sending `body` would have produced (sender: the bot, fresh mid). */
  botMessage(body: string | MaxNewMessageBody, options?: { readonly chat?: MaxRecipient }): MaxMessage;
  /**
   * A press of a callback button of `message`'s inline keyboard, chosen by text or payload
   * (a string tries the text first). Throws naming the buttons there are when none matches.
   */
  pressButton(message: MaxMessage, selector: ButtonSelector, options?: MaxPressButtonOptions): MaxMessageCallbackUpdate;
  /** The dialog (as recipient, seen from the user) between `user` and the bot. */
  dialogWith(user: MaxUser): MaxRecipient;
  /** Starts ids and (the default) clock from the beginning. */
  reset(): void;
}

/** An hour: how long `dialogMuted()` mutes by default. */
const MUTE_FOR = 3_600_000;

/**
 * A new {@link MaxUpdateFactory} with its own ids and clock. `maxUpdates` is a ready one that
 * shares ids and clock with the module-level TamTam factories.
 *
 * @example
 * const factory = createMaxUpdateFactory({ now: () => scheduler.now() });
 * const stopped = factory.botStopped();
 */
export function createMaxUpdateFactory(options: MaxUpdateFactoryOptions = {}): MaxUpdateFactory {
  return maxUpdateFactoryOver(
    createUpdateFactory({
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.locale === undefined ? {} : { locale: options.locale }),
      ...(options.idSpace === undefined ? {} : { idSpace: options.idSpace }),
      ...(options.bot === undefined ? {} : { bot: fromMaxUser(options.bot) }),
      ...(options.user === undefined ? {} : { user: fromMaxUser(options.user) }),
      ...(options.group === undefined ? {} : { group: fromMaxRecipient(options.group) }),
    }),
  );
}

/**
 * A {@link MaxUpdateFactory} drawing ids and timestamps from `base` (so the two never hand out
 * the same id, and `base.reset()` resets both).
 *
 * @example
 * export const maxUpdates = maxUpdateFactoryOver(sharedFactory);
 */
export function maxUpdateFactoryOver(base: UpdateFactory): MaxUpdateFactory {
  const shared = <K extends SharedUpdateType>(type: K, overrides?: DeepPartial<MaxUpdateOf<K>>): MaxUpdateOf<K> =>
    rememberUpdate(deepMerge(toMaxUpdate<K>(base.update(type)), overrides));

  /** The fields every dialog event has: Alice (by default) in her dialog, the next timestamp. */
  const dialogFields = () => {
    const started = base.botStarted();
    return {
      timestamp: started.timestamp,
      chat_id: started.chat_id,
      user: toMaxUser(started.user),
      ...(started.user_locale === undefined ? {} : { user_locale: started.user_locale }),
    };
  };
  const botStopped = (o?: DeepPartial<BotStoppedUpdate>): BotStoppedUpdate =>
    deepMerge<BotStoppedUpdate>({ update_type: 'bot_stopped', ...dialogFields() }, o);
  const dialogCleared = (o?: DeepPartial<DialogClearedUpdate>): DialogClearedUpdate =>
    deepMerge<DialogClearedUpdate>({ update_type: 'dialog_cleared', ...dialogFields() }, o);
  const dialogMuted = (o?: DeepPartial<DialogMutedUpdate>): DialogMutedUpdate => {
    const fields = dialogFields();
    return deepMerge<DialogMutedUpdate>(
      { update_type: 'dialog_muted', ...fields, muted_until: fields.timestamp + MUTE_FOR },
      o,
    );
  };
  const dialogUnmuted = (o?: DeepPartial<DialogUnmutedUpdate>): DialogUnmutedUpdate =>
    deepMerge<DialogUnmutedUpdate>({ update_type: 'dialog_unmuted', ...dialogFields() }, o);
  const dialogRemoved = (o?: DeepPartial<DialogRemovedUpdate>): DialogRemovedUpdate =>
    deepMerge<DialogRemovedUpdate>({ update_type: 'dialog_removed', ...dialogFields() }, o);

  const makers: { readonly [K in MaxUpdateType]: (o?: DeepPartial<MaxUpdateOf<K>>) => MaxUpdateOf<K> } = {
    message_created: (o) => shared('message_created', o),
    message_callback: (o) => shared('message_callback', o),
    message_edited: (o) => shared('message_edited', o),
    message_removed: (o) => shared('message_removed', o),
    bot_added: (o) => shared('bot_added', o),
    bot_removed: (o) => shared('bot_removed', o),
    user_added: (o) => shared('user_added', o),
    user_removed: (o) => shared('user_removed', o),
    bot_started: (o) => shared('bot_started', o),
    chat_title_changed: (o) => shared('chat_title_changed', o),
    bot_stopped: botStopped,
    dialog_cleared: dialogCleared,
    dialog_muted: dialogMuted,
    dialog_unmuted: dialogUnmuted,
    dialog_removed: dialogRemoved,
  };

  const update = <T extends MaxUpdateType>(type: T, overrides?: DeepPartial<MaxUpdateOf<T>>): MaxUpdateOf<T> => {
    if (!Object.hasOwn(makers, type)) {
      throw new TypeError(
        `maxUpdates.update: ${JSON.stringify(type)} is not a Max update type; use one of ${MAX_UPDATE_TYPES.join(', ')}`,
      );
    }
    // the maker of `type` makes a MaxUpdateOf<T>; indexing the table by a generic key loses that
    const make = makers[type] as (o?: DeepPartial<MaxUpdateOf<T>>) => MaxUpdateOf<T>;
    return make(overrides);
  };

  const dialogWith = (user: MaxUser): MaxRecipient => ({ ...base.dialogWith(fromMaxUser(user)), chat_type: 'chat' });

  return {
    update,
    messageCreated: makers.message_created,
    messageCallback: makers.message_callback,
    messageEdited: makers.message_edited,
    messageRemoved: makers.message_removed,
    botAdded: makers.bot_added,
    botRemoved: makers.bot_removed,
    userAdded: makers.user_added,
    userRemoved: makers.user_removed,
    botStarted: makers.bot_started,
    chatTitleChanged: makers.chat_title_changed,
    botStopped,
    dialogCleared,
    dialogMuted,
    dialogUnmuted,
    dialogRemoved,

    textMessage(text, messageOptions = {}) {
      const created = toMaxUpdate<'message_created'>(
        base.textMessage(text, {
          ...(messageOptions.from === undefined ? {} : { from: fromMaxUser(messageOptions.from) }),
          ...(messageOptions.chat === undefined ? {} : { chat: fromMaxRecipient(messageOptions.chat) }),
        }),
      );
      if (messageOptions.attachments !== undefined && messageOptions.attachments.length > 0)
        created.message.body.attachments = structuredClone([...messageOptions.attachments]);
      if (messageOptions.link !== undefined) created.message.link = structuredClone(messageOptions.link);
      return rememberUpdate(deepMerge(created, messageOptions.overrides));
    },
    botMessage(input, botOptions = {}) {
      // Max bodies have TamTam's shape where the factory reads them (text, link, upload tokens)
      // and keyboards are copied as given, so Max buttons come through unchanged.
      const body = (typeof input === 'string' ? { text: input } : input) as NewMessageBody;
      const made = base.botMessage(
        body,
        botOptions.chat === undefined ? {} : { chat: fromMaxRecipient(botOptions.chat) },
      );
      const message = toMaxUpdate<'message_created'>({
        update_type: 'message_created',
        timestamp: 0,
        message: made,
      }).message;
      return rememberMessage(message);
    },
    pressButton(message, selector, pressOptions = {}) {
      const button = findMaxCallbackButton(message, selector);
      const by = pressOptions.by === undefined ? {} : { user: fromMaxUser(pressOptions.by) };
      const template = toMaxUpdate<'message_callback'>(
        base.messageCallback({ callback: { payload: button.payload, ...by } }),
      );
      const press: MaxMessageCallbackUpdate = { ...template, message: structuredClone(message) };
      return rememberUpdate(deepMerge(press, pressOptions.overrides));
    },
    dialogWith,
    reset: () => base.reset(),
  };
}

/** A Max recipient as the TamTam-shaped factory takes it: positive chat ids are dialogs. */
function fromMaxRecipient(recipient: MaxRecipient): Recipient {
  const dialog = recipient.chat_id !== null && recipient.chat_id > 0;
  return { chat_id: recipient.chat_id, chat_type: dialog ? 'dialog' : 'chat', user_id: recipient.user_id };
}

/** The callback button of a Max message's inline keyboard that `selector` names. */
function findMaxCallbackButton(message: MaxMessage, selector: ButtonSelector): MaxCallbackButton {
  const buttons: MaxButton[] = (message.body.attachments ?? []).flatMap((a) =>
    a.type === 'inline_keyboard' ? a.payload.buttons.flat() : [],
  );
  if (buttons.length === 0) {
    throw new Error(
      `pressButton: message ${message.body.mid} has no inline keyboard (text: ${JSON.stringify(message.body.text)})`,
    );
  }
  const byText = (text: string): MaxButton | undefined => buttons.find((b) => b.text === text);
  const byPayload = (payload: string): MaxButton | undefined =>
    buttons.find((b) => b.type === 'callback' && b.payload === payload);
  const found =
    typeof selector === 'string'
      ? (byText(selector) ?? byPayload(selector))
      : 'text' in selector
        ? byText(selector.text)
        : byPayload(selector.payload);
  if (found === undefined) {
    const list = buttons.map((b) => `${JSON.stringify(b.text)} [${b.type}]`).join(', ');
    throw new Error(
      `pressButton: no button ${JSON.stringify(selector)} on message ${message.body.mid}; it has ${list}`,
    );
  }
  if (found.type !== 'callback') {
    throw new Error(
      `pressButton: ${JSON.stringify(found.text)} is a ${found.type} button; it sends the bot no message_callback`,
    );
  }
  return found;
}
