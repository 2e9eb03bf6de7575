/**
 * Realistic answers of the Bot API for the action wire tests, shaped like the schema objects
 * (plain mutable copies, so they survive JSON round trips unchanged).
 */
import type {
  BotInfo,
  Chat,
  ChatList,
  ChatMember,
  ChatMembersList,
  GetPinnedMessageResult,
  GetSubscriptionsResult,
  Message,
  MessageList,
  SendMessageResult,
  SimpleQueryResult,
  UpdateList,
} from '../../src/types/index';
import { freshSampleUpdate, sampleChatIds, sampleUpdates, sampleUsers } from '../fixtures/updates';

const T0 = 1_717_245_296_123;

/** The bot's own question with an inline keyboard (the message of the sample callback). */
function botQuestion(): Message {
  const message = freshSampleUpdate('message_callback').message;
  if (message === null) throw new Error('the sample callback lost its message');
  return message;
}

/**
 * The bot's profile as `GET /me` returns it.
 *
 * @example
 * server.queue({ body: botInfo });
 */
export const botInfo: BotInfo = {
  ...sampleUsers.bot,
  description: 'Announces releases and asks for go/no-go',
  avatar_url: 'https://i.oneme.example/i?r=releasebotavatar',
  full_avatar_url: 'https://i.oneme.example/i?r=releasebotavatar&fn=orig',
  commands: [
    { name: 'start', description: 'Say hello' },
    { name: 'status', description: null },
  ],
};

/**
 * A group chat with a pinned message.
 *
 * @example
 * server.queue({ body: groupChat });
 */
export const groupChat: Chat = {
  ...freshSampleUpdate('message_chat_created').chat,
  chat_id: sampleChatIds.group,
  title: 'Release crew',
  participants_count: 14,
  participants: null,
  is_public: true,
  link: 'https://tt.me/release_crew',
  pinned_message: botQuestion(),
};

/**
 * A dialog as it appears in chat lists.
 *
 * @example
 * chatList.chats[1]?.type; // 'dialog'
 */
export const dialogChat: Chat = {
  chat_id: sampleChatIds.dialog,
  type: 'dialog',
  status: 'active',
  title: null,
  icon: null,
  last_event_time: T0 - 4_512,
  participants_count: 2,
  is_public: false,
  description: null,
  dialog_with_user: { ...sampleUsers.alice, avatar_url: 'https://i.oneme.example/i?r=alice' },
};

/**
 * One page of `GET /chats`.
 *
 * @example
 * server.queue({ body: chatList });
 */
export const chatList: ChatList = { chats: [groupChat, dialogChat], marker: 70_398_221 };

/**
 * The bot's membership (an admin).
 *
 * @example
 * server.queue({ body: botMembership });
 */
export const botMembership: ChatMember = {
  ...sampleUsers.bot,
  last_access_time: T0,
  is_owner: false,
  is_admin: true,
  join_time: T0 - 86_400_000,
  permissions: ['read_all_messages', 'pin_message', 'write'],
};

/**
 * A page of members.
 *
 * @example
 * server.queue({ body: membersList });
 */
export const membersList: ChatMembersList = {
  members: [
    {
      ...sampleUsers.alice,
      description: 'Release manager',
      avatar_url: 'https://i.oneme.example/i?r=alice',
      full_avatar_url: 'https://i.oneme.example/i?r=alice&fn=orig',
      last_access_time: T0 - 4_512,
      is_owner: true,
      is_admin: true,
      join_time: T0 - 900_000_000,
      permissions: null,
    },
    {
      ...sampleUsers.bob,
      last_access_time: T0 - 3_600_000,
      is_owner: false,
      is_admin: false,
      join_time: T0 - 400_000_000,
      permissions: null,
    },
  ],
  marker: 590_877_103,
};

/**
 * A received message with a reply link, markup and a sticker.
 *
 * @example
 * server.queue({ body: groupMessage });
 */
export const groupMessage: Message = freshSampleUpdate('message_created').message;

/**
 * A channel post with a video and views.
 *
 * @example
 * messageList.messages.length; // 2
 */
export const channelPost: Message = freshSampleUpdate('message_edited').message;

/**
 * `GET /messages` answer.
 *
 * @example
 * server.queue({ body: messageList });
 */
export const messageList: MessageList = { messages: [groupMessage, channelPost] };

/**
 * `POST /messages` answer: the bot's own message with an inline keyboard.
 *
 * @example
 * server.queue({ body: sendMessageResult });
 */
export const sendMessageResult: SendMessageResult = { message: botQuestion() };

/**
 * `GET /chats/{id}/pin` answer.
 *
 * @example
 * server.queue({ body: pinnedResult });
 */
export const pinnedResult: GetPinnedMessageResult = { message: groupMessage };

/**
 * The usual success answer.
 *
 * @example
 * server.queue({ body: success });
 */
export const success: SimpleQueryResult = { success: true };

/**
 * `GET /subscriptions` answer.
 *
 * @example
 * server.queue({ body: subscriptionsResult });
 */
export const subscriptionsResult: GetSubscriptionsResult = {
  subscriptions: [
    {
      url: 'https://bot.example.com/tamtam/hook',
      time: T0 - 60_000,
      update_types: ['message_created', 'message_callback'],
      version: '0.5.6',
    },
    { url: 'https://backup.example.com/hook', time: T0 - 30_000, update_types: null, version: null },
  ],
};

/**
 * A page of updates: the shared sample of every update type.
 *
 * @example
 * server.queue({ body: updateList });
 */
export const updateList: UpdateList = {
  updates: structuredClone(Object.values(sampleUpdates)),
  marker: 1_717_245_400,
};

/**
 * An error body the API sends for a request it rejects.
 *
 * @example
 * server.queue({ status: 400, body: apiError('attachment.not.ready') });
 */
export function apiError(code: string, message = `Errors: ${code}`): { code: string; message: string } {
  return { code, message };
}
