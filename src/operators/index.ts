/**
 * Operators that select, decode and schedule updates, and helpers to answer them.
 */
export type { UpdateLike, AnyUpdate, MaxAnyUpdate, UpdateOfType, KnownUpdateType, UpdateTypeIn } from './update-like';
export { ofType } from './of-type';
export { deriveUpdate, originalUpdate } from '../delivery/derive-update';
export type { TextMatcher, PatternMatch } from './text-matcher';
export { callbackPayload, type CallbackWithPayload, type CallbackMatch } from './callback-payload';
export { callbackData, type CallbackData, type CallbackDataOptions } from './callback-data';
export { command, type ParsedCommand, type CommandUpdate, type CommandOptions } from './command';
export { messageText, type MessageWithText, type MessageTextMatch } from './message-text';
export { startPayload, type StartWithPayload, type StartPayloadMatch } from './start-payload';
export { hasAttachment, type WithAttachments } from './has-attachment';
export { inChat } from './in-chat';
export { ofChatType } from './of-chat-type';
export { fromUser } from './from-user';
export { chatIdOf, chatTypeOf, userOf, userIdOf } from './update-context';
export { replyTarget, messageIdOf } from './reply-target';
export { reply, type ReplyOptions } from './reply';
export { perChat, perChatStats, chatKey, type PerChatOptions, type PerChatStats } from './per-chat';
export { isolate, type IsolateOptions } from './isolate';
export { HandlerError, isHandlerError, reportHandlerError } from './handler-error';
