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
  type SenderActionOf,
} from './chats';
export {
  getAdmins,
  getMembers,
  addMembers,
  removeMember,
  postAdmins,
  deleteAdmin,
  type GetMembersParams,
  type RemoveMemberParams,
} from './members';
export { getSubscriptions, subscribe, unsubscribe, WEBHOOK_SECRET_PATTERN } from './subscriptions';
export { getUploadUrl } from './uploads';
export { upload, type UploadData, type UploadOptions, type UploadedAttachment, type UploadTable } from './upload';
export { getVideoAttachmentDetails } from './videos';
export type { TableWith } from './call';
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
