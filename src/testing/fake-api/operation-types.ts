/**
 * What each operation sends and answers, so scripted responses and recorded requests are typed.
 */
import type { OperationId } from '../../api/operations';
import type {
  ActionRequestBody,
  BotInfo,
  BotPatch,
  CallbackAnswer,
  Chat,
  ChatList,
  ChatMember,
  ChatMembersList,
  ChatPatch,
  ConstructorAnswer,
  GetPinnedMessageResult,
  GetSubscriptionsResult,
  Message,
  MessageList,
  NewMessageBody,
  PinMessageBody,
  SendMessageResult,
  SimpleQueryResult,
  SubscriptionRequestBody,
  UpdateList,
  UploadEndpoint,
  UploadResultByType,
  UserIdsList,
} from '../../types/index';

/** Compile-time proof that a map covers exactly the operations. */
type CoversOperations<K> = [K] extends [OperationId] ? ([OperationId] extends [K] ? true : false) : false;
type MustBeTrue<T extends true> = T;

/**
 * The answer type of every operation.
 *
 * @example
 * const me: OperationResults['getMyInfo'] = TEST_BOT_INFO;
 */
export interface OperationResults {
  getMyInfo: BotInfo;
  editMyInfo: BotInfo;
  getChats: ChatList;
  getChatByLink: Chat;
  getChat: Chat;
  editChat: Chat;
  sendAction: SimpleQueryResult;
  getPinnedMessage: GetPinnedMessageResult;
  pinMessage: SimpleQueryResult;
  unpinMessage: SimpleQueryResult;
  getMembership: ChatMember;
  leaveChat: SimpleQueryResult;
  getAdmins: ChatMembersList;
  getMembers: ChatMembersList;
  addMembers: SimpleQueryResult;
  removeMember: SimpleQueryResult;
  getSubscriptions: GetSubscriptionsResult;
  subscribe: SimpleQueryResult;
  unsubscribe: SimpleQueryResult;
  getUploadUrl: UploadEndpoint & { token?: string };
  getMessages: MessageList;
  sendMessage: SendMessageResult;
  editMessage: SimpleQueryResult;
  deleteMessage: SimpleQueryResult;
  getMessageById: Message;
  answerOnCallback: SimpleQueryResult;
  construct: SimpleQueryResult;
  getUpdates: UpdateList;
  uploadFile: UploadResultByType[keyof UploadResultByType];
}
type _ResultsCoverEveryOperation = MustBeTrue<CoversOperations<keyof OperationResults>>;

/**
 * The request body of every operation (`undefined` for those without one; uploads send FormData).
 *
 * @example
 * const body: OperationBodies['sendMessage'] = { text: 'hi' };
 */
export interface OperationBodies {
  getMyInfo: undefined;
  editMyInfo: BotPatch;
  getChats: undefined;
  getChatByLink: undefined;
  getChat: undefined;
  editChat: ChatPatch;
  sendAction: ActionRequestBody;
  getPinnedMessage: undefined;
  pinMessage: PinMessageBody;
  unpinMessage: undefined;
  getMembership: undefined;
  leaveChat: undefined;
  getAdmins: undefined;
  getMembers: undefined;
  addMembers: UserIdsList;
  removeMember: undefined;
  getSubscriptions: undefined;
  subscribe: SubscriptionRequestBody;
  unsubscribe: undefined;
  getUploadUrl: undefined;
  getMessages: undefined;
  sendMessage: NewMessageBody;
  editMessage: NewMessageBody;
  deleteMessage: undefined;
  getMessageById: undefined;
  answerOnCallback: CallbackAnswer;
  construct: ConstructorAnswer;
  getUpdates: undefined;
  uploadFile: FormData;
}
type _BodiesCoverEveryOperation = MustBeTrue<CoversOperations<keyof OperationBodies>>;
