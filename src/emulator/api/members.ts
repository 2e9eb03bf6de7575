/**
 * Membership operations: the bot's own membership, admins, members.
 */
import type { ChatMembersList } from '../../types';
import { badBody, badParam, forbidden, notFound } from '../http/api-error';
import { toChatMember } from '../state/wire';
import type { ApiOperation } from './context';
import { chatFromPath, requireAdmin, requireBotIn, requireGroup, success } from './guards';

/**
 * getMembership: the bot's `ChatMember` in a chat.
 *
 * @example
 * GET /chats/-70000000001/members/me
 */
export const getMembership: ApiOperation<'getMembership'> = {
  operation: 'getMembership',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    requireBotIn(ctx.world, chat);
    const member = ctx.world.botMember(chat);
    if (!member) throw notFound('member.not.found', `The bot is not a member of chat ${chat.chatId}`);
    return toChatMember(ctx.world, member);
  },
};

/**
 * leaveChat: the bot leaves a group chat or channel (status becomes `left`).
 *
 * @example
 * DELETE /chats/-70000000001/members/me
 */
export const leaveChat: ApiOperation<'leaveChat'> = {
  operation: 'leaveChat',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    requireGroup(chat, 'leave');
    requireBotIn(ctx.world, chat);
    ctx.world.removeMember(chat, ctx.world.bot.user_id, 'left');
    return success();
  },
};

/**
 * getAdmins: the admins of a chat (the bot must be an admin).
 *
 * @example
 * GET /chats/-70000000001/members/admins
 */
export const getAdmins: ApiOperation<'getAdmins'> = {
  operation: 'getAdmins',
  handle: (ctx): ChatMembersList => {
    const chat = chatFromPath(ctx);
    requireGroup(chat, 'list admins of');
    requireAdmin(ctx.world, chat);
    const admins = [...chat.members.values()].filter((m) => m.isAdmin);
    return { members: admins.map((m) => toChatMember(ctx.world, m)), marker: null };
  },
};

/**
 * getMembers: one page of members (`marker` is an offset), or the members among `user_ids`.
 *
 * @example
 * GET /chats/-70000000001/members?count=20
 */
export const getMembers: ApiOperation<'getMembers'> = {
  operation: 'getMembers',
  handle: (ctx): ChatMembersList => {
    const chat = chatFromPath(ctx);
    const userIds = ctx.query.intCsv('user_ids');
    const count = ctx.query.int('count', { min: 1, max: 100 }) ?? 20;
    const offset = ctx.query.int('marker', { min: 0 }) ?? 0;
    if (chat.type === 'dialog') requireBotIn(ctx.world, chat);
    else requireAdmin(ctx.world, chat);
    const all = [...chat.members.values()].sort((a, b) => a.joinTime - b.joinTime || a.userId - b.userId);
    if (userIds) {
      const wanted = all.filter((m) => userIds.includes(m.userId));
      return { members: wanted.map((m) => toChatMember(ctx.world, m)), marker: null };
    }
    const page = all.slice(offset, offset + count);
    return {
      members: page.map((m) => toChatMember(ctx.world, m)),
      marker: offset + count < all.length ? offset + count : null,
    };
  },
};

/**
 * addMembers: adds users to a group chat or channel (bot needs `add_remove_members`).
 *
 * @example
 * POST /chats/-70000000001/members { "user_ids": [500000104] }
 */
export const addMembers: ApiOperation<'addMembers'> = {
  operation: 'addMembers',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    const body = ctx.body();
    const raw = body.array('user_ids', { max: 100 });
    if (!raw || raw.length === 0) throw badBody('`body.user_ids` is required (a non-empty array of user ids)');
    const ids = raw.map((id, i) => {
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
        throw badBody(`\`body.user_ids[${i}]\` must be an integer user id`);
      }
      return id;
    });
    requireGroup(chat, 'add members to');
    requireAdmin(ctx.world, chat, 'add_remove_members');
    for (const id of ids) ctx.world.user(id);
    for (const id of ids) if (!chat.members.has(id)) ctx.world.addMember(chat, id, {});
    return success();
  },
};

/**
 * removeMember: removes a user (bot needs `add_remove_members`; the owner can't be removed).
 *
 * @example
 * DELETE /chats/-70000000001/members?user_id=500000103
 */
export const removeMember: ApiOperation<'removeMember'> = {
  operation: 'removeMember',
  handle: (ctx) => {
    const chat = chatFromPath(ctx);
    const userId = ctx.query.requiredInt('user_id');
    ctx.query.bool('block');
    requireGroup(chat, 'remove members from');
    requireAdmin(ctx.world, chat, 'add_remove_members');
    const member = chat.members.get(userId);
    if (!member) throw notFound('member.not.found', `User ${userId} is not a member of chat ${chat.chatId}`);
    if (userId === ctx.world.bot.user_id) throw badParam('Use DELETE /chats/{chatId}/members/me to make the bot leave');
    if (member.isOwner) throw forbidden(`User ${userId} owns chat ${chat.chatId} and can't be removed`);
    ctx.world.removeMember(chat, userId);
    return success();
  },
};
