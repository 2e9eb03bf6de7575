/**
 * Operations only the Max dialect has: admin management (`POST /chats/{chatId}/members/admins`,
 * `DELETE /chats/{chatId}/members/admins/{userId}`) and video details (`GET /videos/{videoToken}`).
 */
import type { ChatAdminPermission, SimpleQueryResult } from '../../types';
import { badBody, badParam, forbidden, notFound } from '../http/api-error';
import type { ApiContext, RoutedApiOperation } from './context';
import { chatFromPath, requireAdmin, requireGroup, success } from './guards';

/** Every admin permission of the Max schema. */
export const MAX_ADMIN_PERMISSIONS = [
  'read_all_messages',
  'add_remove_members',
  'add_admins',
  'change_chat_info',
  'pin_message',
  'write',
  'can_call',
  'edit_link',
  'post_edit_delete_message',
  'edit_message',
  'delete_message',
  'edit',
  'delete',
] as const;

const PERMISSIONS: ReadonlySet<string> = new Set(MAX_ADMIN_PERMISSIONS);

/**
 * postAdmins: makes members admins with the given permissions (and an optional `alias`); the
 * bot needs `add_admins`. Every user must already be a member.
 *
 * @example
 * POST /chats/-70000000001/members/admins { "admins": [{ "user_id": 500000102, "permissions": ["pin_message"] }] }
 */
export const postAdmins: RoutedApiOperation = {
  operation: 'postAdmins',
  handle: (ctx): SimpleQueryResult => {
    const chat = chatFromPath(ctx);
    const body = ctx.body();
    const admins = body.objects('admins', { max: 100 });
    if (!admins || admins.length === 0)
      throw badBody('`body.admins` is required (a non-empty array of { user_id, permissions })');
    const changes = admins.map((admin) => {
      const userId = admin.int('user_id');
      if (userId === undefined) throw badBody(`\`${admin.path('user_id')}\` is required (an integer user id)`);
      const raw = admin.array('permissions', { max: MAX_ADMIN_PERMISSIONS.length });
      if (!raw) throw badBody(`\`${admin.path('permissions')}\` is required (an array of admin permissions)`);
      const permissions = raw.map((p, i) => {
        if (typeof p !== 'string' || !PERMISSIONS.has(p)) {
          throw badBody(`\`${admin.path('permissions')}[${i}]\` must be one of ${MAX_ADMIN_PERMISSIONS.join(', ')}`);
        }
        return p as ChatAdminPermission;
      });
      const alias = admin.string('alias', { max: 64 });
      return { userId, permissions: [...new Set(permissions)], alias };
    });
    requireGroup(chat, 'appoint admins of');
    requireAdmin(ctx.world, chat, 'add_admins');
    for (const { userId } of changes) {
      if (userId === ctx.world.bot.user_id) throw badParam('The bot cannot change its own admin rights');
      if (!chat.members.has(userId))
        throw notFound('member.not.found', `User ${userId} is not a member of chat ${chat.chatId}`);
    }
    for (const { userId, permissions, alias } of changes) {
      const member = chat.members.get(userId);
      if (!member) continue;
      member.isAdmin = true;
      member.permissions = permissions;
      if (alias !== undefined) member.alias = alias;
    }
    chat.lastEventTime = ctx.world.now();
    return success();
  },
};

/**
 * deleteAdmin: takes a member's admin rights away (the bot needs `add_admins`; the owner keeps
 * them).
 *
 * @example
 * DELETE /chats/-70000000001/members/admins/500000102
 */
export const deleteAdmin: RoutedApiOperation = {
  operation: 'deleteAdmin',
  handle: (ctx): SimpleQueryResult => {
    const chat = chatFromPath(ctx);
    const userId = userIdFromPath(ctx);
    requireGroup(chat, 'dismiss admins of');
    requireAdmin(ctx.world, chat, 'add_admins');
    const member = chat.members.get(userId);
    if (!member) throw notFound('member.not.found', `User ${userId} is not a member of chat ${chat.chatId}`);
    if (userId === ctx.world.bot.user_id) throw badParam('The bot cannot change its own admin rights');
    if (member.isOwner)
      throw forbidden(`User ${userId} owns chat ${chat.chatId}; the owner's rights can't be taken away`);
    if (!member.isAdmin) return { success: false, message: `User ${userId} is not an admin of chat ${chat.chatId}` };
    member.isAdmin = false;
    member.permissions = null;
    delete member.alias;
    chat.lastEventTime = ctx.world.now();
    return success();
  },
};

/**
 * getVideoAttachmentDetails: a video's size, duration, thumbnail and playback URLs, by the
 * token of its attachment (uploaded by the bot or sent by a user).
 *
 * @example
 * GET /videos/video_up00000002
 */
export const getVideoAttachmentDetails: RoutedApiOperation = {
  operation: 'getVideoAttachmentDetails',
  handle: (ctx) => {
    const token = ctx.params['videoToken'] ?? '';
    const media = ctx.world.uploads.byToken(token);
    if (media?.type !== 'video')
      throw notFound('video.not.found', `No video with token ${JSON.stringify(token.slice(0, 80))}`);
    return {
      token: media.token,
      width: 1280,
      height: 720,
      duration: 10,
      urls: { mp4_720: media.url, mp4_480: media.url, hls: null },
      thumbnail: null,
    };
  },
};

function userIdFromPath(ctx: ApiContext): number {
  const raw = ctx.params['userId'] ?? '';
  const userId = Number(raw);
  if (!Number.isSafeInteger(userId)) throw badParam(`User id ${JSON.stringify(raw)} is not a valid integer`);
  return userId;
}
