export { getMyInfo, editMyInfo } from './bots';
export {
  getChats,
  getChatByLink,
  getChat,
  editChat,
  sendAction,
  getPinnedMessage,
  pinMessage,
  unpinMessage,
  getMembership,
  leaveChat,
  type GetChatsParams,
} from './chats';
export { getAdmins, getMembers, addMembers, removeMember, type GetMembersParams, type RemoveMemberParams } from './members';
export { getSubscriptions, subscribe, unsubscribe } from './subscriptions';
export { getUploadUrl } from './uploads';
export { upload, type UploadData, type UploadOptions, type UploadedAttachment } from './upload';
export {
  getMessages,
  sendMessage,
  editMessage,
  deleteMessage,
  getMessageById,
  MAX_MESSAGE_TEXT_LENGTH,
  type SendMessageTarget,
  type GetMessagesParams,
} from './messages';
export { answerOnCallback, construct } from './answers';
export { getUpdates, type GetUpdatesParams } from './updates';
