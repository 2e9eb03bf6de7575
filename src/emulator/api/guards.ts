/**
 * Access checks shared by handlers.
 */
import type { ChatAdminPermission } from '../../types';
import { badParam, forbidden, notFound } from '../http/api-error';
import type { ChatRecord } from '../state/records';
import type { World } from '../state/world';
import type { ApiContext } from './context';

/**
 * The chat named by the `chatId` path parameter; 404 if the bot does not know it.
 *
 * @example
 * const chat = chatFromPath(ctx);
 */
export function chatFromPath(ctx: ApiContext): ChatRecord {
  const raw = ctx.params['chatId'] ?? '';
  const chatId = Number(raw);
  if (!Number.isSafeInteger(chatId)) throw badParam(`Chat id ${JSON.stringify(raw)} is not a valid integer`);
  return knownChat(ctx.world, chatId);
}

/**
 * A chat the bot knows (is or was a member of); 404 otherwise.
 *
 * @example
 * knownChat(world, -70_000_000_001);
 */
export function knownChat(world: World, chatId: number): ChatRecord {
  const chat = world.chats.get(chatId);
  if (!chat?.botKnows) throw notFound('chat.not.found', `Chat ${chatId} is not found or the bot has no access to it`);
  return chat;
}

/**
 * 403 unless the bot is an active member of `chat`.
 *
 * @example
 * requireBotIn(world, chat);
 */
export function requireBotIn(world: World, chat: ChatRecord): void {
  if (world.botIsIn(chat)) return;
  const why =
    chat.botStatus === 'suspended'
      ? 'the user stopped (blocked) the bot'
      : `the bot's status there is "${chat.botStatus}"`;
  throw forbidden(`The bot can't act in chat ${chat.chatId}: ${why}`, 'chat.denied');
}

/**
 * 403 unless the bot is an active admin of a group chat/channel holding `permission`.
 *
 * @example
 * requireAdmin(world, chat, 'pin_message');
 */
export function requireAdmin(world: World, chat: ChatRecord, permission?: ChatAdminPermission): void {
  requireBotIn(world, chat);
  const member = world.botMember(chat);
  if (!member?.isAdmin) throw forbidden(`The bot must be an admin of chat ${chat.chatId} for this`, 'chat.denied');
  if (permission && !member.isOwner && !(member.permissions ?? []).includes(permission)) {
    throw forbidden(`The bot lacks the "${permission}" admin permission in chat ${chat.chatId}`, 'chat.denied');
  }
}

/**
 * 400 for dialogs where only group chats and channels make sense.
 *
 * @example
 * requireGroup(chat, 'edit');
 */
export function requireGroup(chat: ChatRecord, what: string): void {
  if (chat.type === 'dialog') throw badParam(`Chat ${chat.chatId} is a dialog; you can't ${what} a dialog`);
}

/**
 * A success answer (`SimpleQueryResult`).
 *
 * @example
 * return success();
 */
export function success(): { success: true } {
  return { success: true };
}
