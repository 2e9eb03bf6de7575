/**
 * Reading control-route JSON bodies into programmatic inputs.
 */
import type { ChatAdminPermission, TextFormat } from '../../types';
import { CHAT_ADMIN_PERMISSIONS, TEXT_FORMATS } from '../../types';
import type { JsonObject } from '../http/json-body';
import type { NewChat, NewUser } from '../state/world';
import type { UserAttachmentInput, UserMessageInput } from './user-input';
import { controlError } from './user-input';

/**
 * A `NewUser` from a JSON body.
 *
 * @example
 * readNewUser(JsonObject.of({ name: 'Dave' }, 'body'));
 */
export function readNewUser(b: JsonObject): NewUser {
  const user: NewUser = { name: b.requiredString('name', { min: 1, max: 64 }) };
  const userId = b.int('userId');
  if (userId !== undefined) user.userId = userId;
  if (b.has('username')) user.username = b.string('username', { min: 1, max: 64 }) ?? null;
  const description = b.string('description', { max: 16_000 });
  if (description !== undefined) user.description = description;
  const locale = b.string('locale', { min: 2, max: 35 });
  if (locale !== undefined) user.locale = locale;
  const isBot = b.bool('isBot');
  if (isBot !== undefined) user.isBot = isBot;
  const avatarUrl = b.string('avatarUrl', { min: 1, max: 2048 });
  if (avatarUrl !== undefined) user.avatarUrl = avatarUrl;
  return user;
}

/**
 * A `NewChat` from a JSON body.
 *
 * @example
 * readNewChat(JsonObject.of({ type: 'chat', title: 'Team', ownerId: 500000101 }, 'body'));
 */
export function readNewChat(b: JsonObject): NewChat {
  const type = b.enumValue('type', ['chat', 'channel'] as const);
  if (type === undefined) throw controlError('`type` is required (chat or channel)');
  const chat: NewChat = { type, title: b.requiredString('title', { min: 1, max: 200 }) };
  const chatId = b.int('chatId');
  if (chatId !== undefined) {
    if (chatId >= 0) throw controlError('`chatId` of a group chat or channel must be negative');
    chat.chatId = chatId;
  }
  const description = b.string('description', { max: 400 });
  if (description !== undefined) chat.description = description;
  const link = b.string('link', { min: 1, max: 64 });
  if (link !== undefined) chat.link = link;
  const isPublic = b.bool('isPublic');
  if (isPublic !== undefined) chat.isPublic = isPublic;
  const ownerId = b.int('ownerId');
  if (ownerId !== undefined) chat.ownerId = ownerId;
  const memberIds = intList(b, 'memberIds');
  if (memberIds) chat.memberIds = memberIds;
  const adminIds = intList(b, 'adminIds');
  if (adminIds) chat.adminIds = adminIds;
  const bot = b.object('bot');
  if (bot) {
    const member = bot.bool('member');
    const admin = bot.bool('admin');
    const permissions = bot.array('permissions')?.map((p) => {
      if (!(CHAT_ADMIN_PERMISSIONS as readonly unknown[]).includes(p)) {
        throw controlError(`\`bot.permissions\` items must be one of ${CHAT_ADMIN_PERMISSIONS.join(', ')}`);
      }
      return p as ChatAdminPermission;
    });
    chat.bot = {
      ...(member === undefined ? {} : { member }),
      ...(admin === undefined ? {} : { admin }),
      ...(permissions === undefined ? {} : { permissions }),
    };
  }
  return chat;
}

/**
 * A `UserMessageInput` from a JSON body.
 *
 * @example
 * readUserMessage(JsonObject.of({ text: 'hi' }, 'body'));
 */
export function readUserMessage(b: JsonObject): UserMessageInput {
  const input: UserMessageInput = {};
  const text = b.string('text');
  if (text !== undefined) input.text = text;
  const format = b.enumValue<TextFormat>('format', TEXT_FORMATS);
  if (format !== undefined) input.format = format;
  const attachments = b.array('attachments', { max: 20 });
  if (attachments !== undefined) input.attachments = attachments as readonly UserAttachmentInput[];
  const replyTo = b.string('replyTo', { min: 1 });
  if (replyTo !== undefined) input.replyTo = replyTo;
  const forward = b.string('forward', { min: 1 });
  if (forward !== undefined) input.forward = forward;
  return input;
}

/**
 * A required integer field.
 *
 * @example
 * const chatId = requiredInt(body, 'chatId');
 */
export function requiredInt(b: JsonObject, key: string): number {
  const value = b.int(key);
  if (value === undefined) throw controlError(`\`${key}\` is required (an integer)`);
  return value;
}

function intList(b: JsonObject, key: string): number[] | undefined {
  return b.array(key, { max: 10_000 })?.map((v, i) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw controlError(`\`${key}[${i}]\` must be an integer`);
    return v;
  });
}
