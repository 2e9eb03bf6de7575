/**
 * The Bot API route table: all 28 operations of schema 0.5.6.
 */
import { Router } from '../http/router';
import { answerOnCallback, construct } from './answers';
import { editMyInfo, getMyInfo } from './bots';
import {
  editChat,
  getChat,
  getChatByLink,
  getChats,
  getPinnedMessage,
  pinMessage,
  sendAction,
  unpinMessage,
} from './chats';
import type { ApiOperation } from './context';
import { addMembers, getAdmins, getMembers, getMembership, leaveChat, removeMember } from './members';
import { deleteMessage, editMessage, getMessageById, getMessages, sendMessage } from './messages';
import { getSubscriptions, subscribe, unsubscribe } from './subscriptions';
import { getUpdates } from './updates';
import { getUploadUrl } from './uploads';

const CHAT_ID = { chatId: /^-?\d+$/ };

/**
 * Builds the router of the Bot API operations.
 *
 * @example
 * const match = createApiRouter().match('GET', '/me');
 */
export function createApiRouter(): Router<ApiOperation> {
  return new Router<ApiOperation>()
    .add('/me', { GET: getMyInfo, PATCH: editMyInfo })
    .add('/chats', { GET: getChats })
    .add('/chats/:chatId', { GET: getChat, PATCH: editChat }, CHAT_ID)
    .add('/chats/:chatLink', { GET: getChatByLink }, { chatLink: /^@?[a-zA-Z]+[a-zA-Z0-9-_]*$/ })
    .add('/chats/:chatId/actions', { POST: sendAction }, CHAT_ID)
    .add('/chats/:chatId/pin', { GET: getPinnedMessage, PUT: pinMessage, DELETE: unpinMessage }, CHAT_ID)
    .add('/chats/:chatId/members/me', { GET: getMembership, DELETE: leaveChat }, CHAT_ID)
    .add('/chats/:chatId/members/admins', { GET: getAdmins }, CHAT_ID)
    .add('/chats/:chatId/members', { GET: getMembers, POST: addMembers, DELETE: removeMember }, CHAT_ID)
    .add('/subscriptions', { GET: getSubscriptions, POST: subscribe, DELETE: unsubscribe })
    .add('/uploads', { POST: getUploadUrl })
    .add('/messages', { GET: getMessages, POST: sendMessage, PUT: editMessage, DELETE: deleteMessage })
    .add('/messages/:messageId', { GET: getMessageById })
    .add('/answers', { POST: answerOnCallback })
    .add('/answers/constructor', { POST: construct })
    .add('/updates', { GET: getUpdates });
}
