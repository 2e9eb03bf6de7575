/**
 * Every operation of the Bot API by its schema operationId, plus `uploadFile` (the multipart
 * POST to an upload URL). Requests carry the name so fakes and logs can tell calls apart.
 *
 * @example
 * OPERATION_IDS.includes('sendMessage'); // true
 */
export const OPERATION_IDS = [
  'getMyInfo',
  'editMyInfo',
  'getChats',
  'getChatByLink',
  'getChat',
  'editChat',
  'sendAction',
  'getPinnedMessage',
  'pinMessage',
  'unpinMessage',
  'getMembership',
  'leaveChat',
  'getAdmins',
  'getMembers',
  'addMembers',
  'removeMember',
  'getSubscriptions',
  'subscribe',
  'unsubscribe',
  'getUploadUrl',
  'getMessages',
  'sendMessage',
  'editMessage',
  'deleteMessage',
  'getMessageById',
  'answerOnCallback',
  'construct',
  'getUpdates',
  'uploadFile',
] as const;

/**
 * Name of one API operation.
 *
 * @example
 * const op: OperationId = 'getMyInfo';
 */
export type OperationId = (typeof OPERATION_IDS)[number];
