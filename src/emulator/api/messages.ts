/**
 * Message operations: list, send, edit, delete, get one.
 */
import type { MessageList, SendMessageResult } from '../../types';
import { badBody, badParam, forbidden, notFound } from '../http/api-error';
import { applyEdit, contentOf, linkedMessage, readMessageDraft } from '../state/message-draft';
import type { ChatRecord, MessageRecord } from '../state/records';
import { toMessage } from '../state/wire';
import type { World } from '../state/world';
import type { ApiOperation } from './context';
import { knownChat, requireAdmin, requireBotIn, success } from './guards';

/**
 * getMessages: by `message_ids`, or a chat's messages newest first, optionally between the
 * timestamps `from` (newest) and `to` (oldest).
 *
 * @example
 * GET /messages?chat_id=80000000001&count=10
 */
export const getMessages: ApiOperation<'getMessages'> = {
  operation: 'getMessages',
  handle: ({ world, query }): MessageList => {
    const chatId = query.int('chat_id');
    const mids = query.csv('message_ids');
    const from = query.int('from');
    const to = query.int('to');
    const count = query.int('count', { min: 1, max: 100 }) ?? 50;
    if (mids) {
      const found = mids
        .map((mid) => world.messages.get(mid))
        .filter((m): m is MessageRecord => m !== undefined && visible(world, m))
        .filter((m) => chatId === undefined || m.chatId === chatId);
      return { messages: found.map((m) => toMessage(world, m, { withStat: true })) };
    }
    if (chatId === undefined) throw badParam('Pass `chat_id` or `message_ids`');
    const chat = knownChat(world, chatId);
    if (chat.botStatus === 'suspended') requireBotIn(world, chat);
    const messages: MessageRecord[] = [];
    for (let i = chat.mids.length - 1; i >= 0 && messages.length < count; i--) {
      const message = world.messages.get(chat.mids[i] as string);
      if (!message) continue;
      if (from !== undefined && message.timestamp > from) continue;
      if (to !== undefined && message.timestamp < to) break;
      messages.push(message);
    }
    return { messages: messages.map((m) => toMessage(world, m, { withStat: true })) };
  },
};

/**
 * sendMessage: posts to `chat_id`, or to the dialog with `user_id` (created when needed).
 * The bot's own messages produce no update for it.
 *
 * @example
 * POST /messages?chat_id=80000000001 { "text": "Hello" }
 */
export const sendMessage: ApiOperation<'sendMessage'> = {
  operation: 'sendMessage',
  handle: (ctx): SendMessageResult => {
    const { world, query } = ctx;
    const chatId = query.int('chat_id');
    const userId = query.int('user_id');
    query.bool('disable_link_preview');
    if ((chatId === undefined) === (userId === undefined)) {
      throw badParam('Pass exactly one of `chat_id` or `user_id`');
    }
    const chat = chatId !== undefined ? knownChat(world, chatId) : dialogFor(world, userId as number);
    const draft = readMessageDraft(ctx.body(), world);
    if (chat.type === 'channel') requireAdmin(world, chat, 'write');
    else requireBotIn(world, chat);
    const content = contentOf(draft, linkedMessage(world, draft.link, chat.chatId));
    const record = world.addMessage(chat, world.bot.user_id, content);
    world.journal.sent.push(record.mid);
    const message = toMessage(world, record);
    world.events.emit({ type: 'message_created', chatId: chat.chatId, message });
    return { message };
  },
};

/**
 * editMessage: changes a message the bot sent.
 *
 * @example
 * PUT /messages?message_id=mid.… { "text": "Edited" }
 */
export const editMessage: ApiOperation<'editMessage'> = {
  operation: 'editMessage',
  handle: (ctx) => {
    const { world } = ctx;
    const mid = ctx.query.requiredString('message_id');
    const draft = readMessageDraft(ctx.body(), world);
    const record = visibleMessage(world, mid);
    if (record.senderId !== world.bot.user_id)
      throw forbidden(`Message ${mid} was not sent by the bot; only own messages can be edited`);
    requireBotIn(world, world.chat(record.chatId));
    const before = { text: record.text, attachments: record.attachments, markup: record.markup };
    applyEdit(record, draft);
    if ((record.text ?? '') === '' && record.attachments === null && record.link === null) {
      Object.assign(record, before);
      throw badBody('The edit would leave the message empty; give text or attachments');
    }
    const message = toMessage(world, record);
    world.events.emit({ type: 'message_edited', chatId: record.chatId, message });
    return success();
  },
};

/**
 * deleteMessage: deletes the bot's own message, or any message where the bot is an admin.
 *
 * @example
 * DELETE /messages?message_id=mid.…
 */
export const deleteMessage: ApiOperation<'deleteMessage'> = {
  operation: 'deleteMessage',
  handle: (ctx) => {
    const { world } = ctx;
    const mid = ctx.query.requiredString('message_id');
    const record = visibleMessage(world, mid);
    const chat = world.chat(record.chatId);
    if (record.senderId === world.bot.user_id || chat.type === 'dialog') requireBotIn(world, chat);
    else requireAdmin(world, chat);
    removeMessage(world, record, world.bot.user_id);
    return success();
  },
};

/**
 * getMessageById: one message.
 *
 * @example
 * GET /messages/mid.…
 */
export const getMessageById: ApiOperation<'getMessageById'> = {
  operation: 'getMessageById',
  handle: ({ world, params }) => toMessage(world, visibleMessage(world, params['messageId'] ?? '')),
};

/**
 * Deletes a message, remembering its last state and announcing the removal.
 *
 * @example
 * removeMessage(world, record, userId);
 */
export function removeMessage(world: World, record: MessageRecord, byUserId: number): void {
  world.journal.lastKnown.set(record.mid, toMessage(world, record));
  world.removeMessage(record);
  world.journal.removed.push({ chatId: record.chatId, messageId: record.mid, userId: byUserId, at: world.now() });
  world.events.emit({ type: 'message_removed', chatId: record.chatId, messageId: record.mid });
}

function dialogFor(world: World, userId: number): ChatRecord {
  const chat = world.dialogWith(userId);
  chat.botKnows = true;
  return chat;
}

function visible(world: World, message: MessageRecord): boolean {
  return world.chats.get(message.chatId)?.botKnows ?? false;
}

function visibleMessage(world: World, mid: string): MessageRecord {
  const record = world.messages.get(mid);
  if (!record || !visible(world, record)) {
    throw notFound('message.not.found', `Message ${mid} is not found or the bot has no access to it`);
  }
  return record;
}
