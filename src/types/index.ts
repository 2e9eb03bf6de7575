/**
 * The TamTam Bot API 0.5.6 model: every object a request or response uses.
 */
export type { SimpleQueryResult, ApiErrorBody, Image } from './common';
export type { User, UserWithPhoto, BotInfo, BotCommand, BotPatch } from './user';
export {
  CHAT_TYPES,
  CHAT_STATUSES,
  CHAT_ADMIN_PERMISSIONS,
  SENDER_ACTIONS,
} from './chat';
export type {
  ChatType,
  ChatStatus,
  ChatAdminPermission,
  Chat,
  ChatList,
  ChatPatch,
  ChatMember,
  ChatMembersList,
  SenderAction,
  ActionRequestBody,
  PinMessageBody,
  GetPinnedMessageResult,
  UserIdsList,
} from './chat';
export { TEXT_FORMATS, MESSAGE_LINK_TYPES, getMessageConstructor } from './message';
export type {
  Recipient,
  Message,
  MessageBody,
  MessageStat,
  MessageList,
  TextFormat,
  MessageLinkType,
  NewMessageBody,
  NewMessageLink,
  LinkedMessage,
  SendMessageResult,
} from './message';
export { ATTACHMENT_TYPES } from './attachment';
export type {
  AttachmentPayload,
  PhotoAttachmentPayload,
  MediaAttachmentPayload,
  FileAttachmentPayload,
  ContactAttachmentPayload,
  StickerAttachmentPayload,
  ShareAttachmentPayload,
  PhotoAttachment,
  VideoAttachment,
  AudioAttachment,
  FileAttachment,
  StickerAttachment,
  ContactAttachment,
  InlineKeyboardAttachment,
  ShareAttachment,
  LocationAttachment,
  AttachmentByType,
  AttachmentType,
  Attachment,
  AttachmentOf,
} from './attachment';
export type {
  PhotoAttachmentRequestPayload,
  ContactAttachmentRequestPayload,
  StickerAttachmentRequestPayload,
  InlineKeyboardAttachmentRequestPayload,
  PhotoAttachmentRequest,
  VideoAttachmentRequest,
  AudioAttachmentRequest,
  FileAttachmentRequest,
  StickerAttachmentRequest,
  ContactAttachmentRequest,
  InlineKeyboardAttachmentRequest,
  LocationAttachmentRequest,
  ShareAttachmentRequest,
  AttachmentRequestByType,
  AttachmentRequestType,
  AttachmentRequest,
  AttachmentRequestOf,
} from './attachment-request';
export { INTENTS, BUTTON_TYPES } from './button';
export type {
  Intent,
  ButtonBase,
  CallbackButton,
  LinkButton,
  RequestContactButton,
  RequestGeoLocationButton,
  ChatButton,
  ButtonByType,
  ButtonType,
  Button,
  ButtonOf,
  Keyboard,
} from './button';
export { MARKUP_TYPES } from './markup';
export type {
  MarkupBase,
  StrongMarkup,
  EmphasizedMarkup,
  MonospacedMarkup,
  LinkMarkup,
  StrikethroughMarkup,
  UnderlineMarkup,
  HeadingMarkup,
  HighlightedMarkup,
  UserMentionMarkup,
  MarkupElementByType,
  MarkupType,
  MarkupElement,
  MarkupElementOf,
} from './markup';
export { UPLOAD_TYPES } from './upload';
export type {
  UploadType,
  UploadEndpoint,
  PhotoToken,
  PhotoTokens,
  UploadedInfo,
  UploadResultByType,
} from './upload';
export type { Callback, CallbackAnswer } from './callback';
export { CONSTRUCTOR_INPUT_TYPES } from './constructor';
export type {
  ConstructedMessageBody,
  ConstructorAnswer,
  ConstructedMessage,
  CallbackConstructorInput,
  MessageConstructorInput,
  ConstructorInputByType,
  ConstructorInputType,
  ConstructorInput,
} from './constructor';
export { UPDATE_TYPES, isUpdateType } from './update';
export type {
  UpdateBase,
  MessageCreatedUpdate,
  MessageCallbackUpdate,
  MessageEditedUpdate,
  MessageRemovedUpdate,
  BotAddedToChatUpdate,
  BotRemovedFromChatUpdate,
  UserAddedToChatUpdate,
  UserRemovedFromChatUpdate,
  BotStartedUpdate,
  ChatTitleChangedUpdate,
  MessageConstructionRequest,
  MessageConstructionRequestUpdate,
  MessageConstructedUpdate,
  MessageChatCreatedUpdate,
  UpdateByType,
  UpdateType,
  Update,
  UpdateOf,
  UnknownUpdate,
  UpdateList,
} from './update';
export type { Subscription, SubscriptionRequestBody, GetSubscriptionsResult } from './subscription';
export * from './max/index';
