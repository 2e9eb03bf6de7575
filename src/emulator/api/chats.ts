/**
 * Chat operations: list, get (by id or link), edit, actions and pins.
 */
import type { ChatList, GetPinnedMessageResult } from '../../types';
import { SENDER_ACTIONS } from '../../types';
import { badBody, notFound } from '../http/api-error';
import { readPhotoUrl } from '../state/attachments';
import type { ChatRecord } from '../state/records';
import { toChat, toMessage } from '../state/wire';
import type { World } from '../state/world';
import type { ApiOperation } from './context';
import { chatFromPath, requireAdmin, requireBotIn, requireGroup, success } from './guards';

/**
 * getChats: chats the bot knows, most recently active first; `marker` is an offset.
 *
 * @example
 * GET /chats?count=10
 */
export const getChats: ApiOperation<'getChats'> = {
  operation: 'getChats',
  handle: ({ world, query }): ChatList => {
    const count = query.int('count', { min: 1, max: 100 }) ?? 50;
    const offset = query.int('marker', { min: 0 }) ?? 0;
    const all = [...world.chats.values()]
      .filter((chat) => chat.botKnows)
      .sort((a, b) => b.lastEventTime - a.lastEventTime || a.chatId - b.chatId);
    const page = all.slice(offset, offset + count);
    return {
      chats: page.map((chat) => toChat(world, chat)),
      marker: offset + count < all.length ? offset + count : null,
    };
  },
};

/**
 * getChatByLink: a chat by its public link, or the dialog with a user by username.
 *
 * @example
 * GET /chats/@emulator_lounge
 */
export const getChatByLink: ApiOperation<'getChatByLink'> = {
  operation: 'getChatByLink',
  handle: ({ world, params }) => {
    const link = params['chatLink'] ?? '';
    const chat = world.findByLink(link);
    if (!chat || (!chat.botKnows && !chat.isPublic)) {
      throw notFound('chat.not.found', `No chat or user is known by the link ${JSON.stringify(link)}`);
    }
    return toChat(world, chat, { single: true });
  },
};

/**
 * getChat: one chat, with its pinned message.
 *
 * @example
 * GET /chats/-70000000001
 */
export const getChat: ApiOperation<'getChat'> = {
  operation: 'getChat',
  handle: (ctx) => toChat(ctx.world, chatFromPath(ctx), { single: true }),
};

/**
 * editChat: title, icon and pin of a group chat or channel (bot must be an admin).
 *
 * @example
 * PATCH /chats/-70000000001 { "title": "New title" }
 */
export const editChat: ApiOperation<'editChat'> = {
  operation: 'editChat',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    const body = ctx.body();
    requireGroup(chat, 'edit');
    const title = body.string('title', { min: 1, max: 200 });
    const pin = body.string('pin', { min: 1 });
    const notify = body.bool('notify') ?? true;
    const icon = body.object('icon');
    if (title !== undefined || icon) requireAdmin(ctx.world, chat, 'change_chat_info');
    if (pin !== undefined) requireAdmin(ctx.world, chat, 'pin_message');
    const iconUrl = icon ? readPhotoUrl(icon, ctx.world) : undefined;
    if (pin !== undefined) pinIn(ctx.world, chat, pin, notify);
    if (title !== undefined) chat.title = title;
    if (iconUrl !== undefined) chat.icon = { url: iconUrl };
    chat.lastEventTime = ctx.world.now();
    return toChat(ctx.world, chat, { single: true });
  },
};

/**
 * sendAction: shows "typing…" and friends; recorded for inspection.
 *
 * @example
 * POST /chats/42/actions { "action": "typing_on" }
 */
export const sendAction: ApiOperation<'sendAction'> = {
  operation: 'sendAction',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    // Max has no `mark_seen`.
    const actions = ctx.world.dialect.name === 'max' ? SENDER_ACTIONS.filter((a) => a !== 'mark_seen') : SENDER_ACTIONS;
    const action = ctx.body().enumValue('action', actions);
    if (action === undefined) throw badBody(`\`body.action\` is required (one of ${actions.join(', ')})`);
    requireBotIn(ctx.world, chat);
    ctx.world.journal.actions.push({ chatId: chat.chatId, action, at: ctx.world.now() });
    ctx.world.events.emit({ type: 'action', chatId: chat.chatId, action });
    return success();
  },
};

/**
 * getPinnedMessage: the pinned message or `null`.
 *
 * @example
 * GET /chats/42/pin
 */
export const getPinnedMessage: ApiOperation<'getPinnedMessage'> = {
  operation: 'getPinnedMessage',
  handle: (ctx): GetPinnedMessageResult => {
    const chat = chatFromPath(ctx);
    requireBotIn(ctx.world, chat);
    const pinned = chat.pinnedMid === null ? undefined : ctx.world.messages.get(chat.pinnedMid);
    return { message: pinned ? toMessage(ctx.world, pinned) : null };
  },
};

/**
 * pinMessage: pins a message of this chat.
 *
 * @example
 * PUT /chats/42/pin { "message_id": "mid.…" }
 */
export const pinMessage: ApiOperation<'pinMessage'> = {
  operation: 'pinMessage',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    const body = ctx.body();
    const messageId = body.requiredString('message_id', { min: 1 });
    const notify = body.bool('notify') ?? true;
    if (chat.type === 'dialog') requireBotIn(ctx.world, chat);
    else requireAdmin(ctx.world, chat, 'pin_message');
    pinIn(ctx.world, chat, messageId, notify);
    return success();
  },
};

/**
 * unpinMessage: removes the pin (fine when nothing is pinned).
 *
 * @example
 * DELETE /chats/42/pin
 */
export const unpinMessage: ApiOperation<'unpinMessage'> = {
  operation: 'unpinMessage',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    if (chat.type === 'dialog') requireBotIn(ctx.world, chat);
    else requireAdmin(ctx.world, chat, 'pin_message');
    chat.pinnedMid = null;
    ctx.world.journal.pins.push({ chatId: chat.chatId, messageId: null, notify: false, at: ctx.world.now() });
    return success();
  },
};

function pinIn(world: World, chat: ChatRecord, messageId: string, notify: boolean): void {
  const message = world.messages.get(messageId);
  if (!message || message.chatId !== chat.chatId) {
    throw notFound('message.not.found', `Message ${messageId} is not in chat ${chat.chatId}`);
  }
  chat.pinnedMid = messageId;
  world.journal.pins.push({ chatId: chat.chatId, messageId, notify, at: world.now() });
}
