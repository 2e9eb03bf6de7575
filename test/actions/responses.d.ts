/**
 * Realistic answers of the Bot API for the action wire tests, shaped like the schema objects
 * (plain mutable copies, so they survive JSON round trips unchanged).
 */
import type { BotInfo, Chat, ChatList, ChatMember, ChatMembersList, GetPinnedMessageResult, GetSubscriptionsResult, Message, MessageList, SendMessageResult, SimpleQueryResult, UpdateList } from '../../src/types/index';
/**
 * The bot's profile as `GET /me` returns it.
 *
 * @example
 * server.queue({ body: botInfo });
 */
export declare const botInfo: BotInfo;
/**
 * A group chat with a pinned message.
 *
 * @example
 * server.queue({ body: groupChat });
 */
export declare const groupChat: Chat;
/**
 * A dialog as it appears in chat lists.
 *
 * @example
 * chatList.chats[1]?.type; // 'dialog'
 */
export declare const dialogChat: Chat;
/**
 * One page of `GET /chats`.
 *
 * @example
 * server.queue({ body: chatList });
 */
export declare const chatList: ChatList;
/**
 * The bot's membership (an admin).
 *
 * @example
 * server.queue({ body: botMembership });
 */
export declare const botMembership: ChatMember;
/**
 * A page of members.
 *
 * @example
 * server.queue({ body: membersList });
 */
export declare const membersList: ChatMembersList;
/**
 * A received message with a reply link, markup and a sticker.
 *
 * @example
 * server.queue({ body: groupMessage });
 */
export declare const groupMessage: Message;
/**
 * A channel post with a video and views.
 *
 * @example
 * messageList.messages.length; // 2
 */
export declare const channelPost: Message;
/**
 * `GET /messages` answer.
 *
 * @example
 * server.queue({ body: messageList });
 */
export declare const messageList: MessageList;
/**
 * `POST /messages` answer: the bot's own message with an inline keyboard.
 *
 * @example
 * server.queue({ body: sendMessageResult });
 */
export declare const sendMessageResult: SendMessageResult;
/**
 * `GET /chats/{id}/pin` answer.
 *
 * @example
 * server.queue({ body: pinnedResult });
 */
export declare const pinnedResult: GetPinnedMessageResult;
/**
 * The usual success answer.
 *
 * @example
 * server.queue({ body: success });
 */
export declare const success: SimpleQueryResult;
/**
 * `GET /subscriptions` answer.
 *
 * @example
 * server.queue({ body: subscriptionsResult });
 */
export declare const subscriptionsResult: GetSubscriptionsResult;
/**
 * A page of updates: the shared sample of every update type.
 *
 * @example
 * server.queue({ body: updateList });
 */
export declare const updateList: UpdateList;
/**
 * An error body the API sends for a request it rejects.
 *
 * @example
 * server.queue({ status: 400, body: apiError('attachment.not.ready') });
 */
export declare function apiError(code: string, message?: string): {
    code: string;
    message: string;
};
