/**
 * Turning records into the JSON objects the Bot API returns.
 */
import type {
  BotInfo,
  Chat,
  ChatType,
  ChatMember,
  Message,
  MessageBody,
  Recipient,
  User,
  UserWithPhoto,
} from '../../types';
import { type EmulatorDialect, TAMTAM_EMULATOR_DIALECT } from '../dialect';
import type { ChatRecord, MemberRecord, MessageRecord, UserRecord } from './records';
import type { World } from './world';

/**
 * The `User` object of a record. In the Max dialect it carries `first_name` (and `last_name`,
 * never for bots) besides the deprecated `name`.
 *
 * @example
 * toUser(world.user(id)).name;
 * toUser(world.user(id), MAX_EMULATOR_DIALECT); // { user_id, first_name, last_name, name, ... }
 */
export function toUser(user: UserRecord, dialect: EmulatorDialect = TAMTAM_EMULATOR_DIALECT): User {
  if (dialect.name === 'max') {
    return {
      user_id: user.user_id,
      first_name: user.first_name,
      ...(user.is_bot ? {} : { last_name: user.last_name }),
      name: user.name,
      username: user.username,
      is_bot: user.is_bot,
      last_activity_time: user.last_activity_time,
    } as User;
  }
  return {
    user_id: user.user_id,
    name: user.name,
    username: user.username,
    is_bot: user.is_bot,
    last_activity_time: user.last_activity_time,
  };
}

/**
 * The `UserWithPhoto` object of a record.
 *
 * @example
 * toUserWithPhoto(world.user(id)).description;
 */
export function toUserWithPhoto(user: UserRecord, dialect: EmulatorDialect = TAMTAM_EMULATOR_DIALECT): UserWithPhoto {
  return {
    ...toUser(user, dialect),
    description: user.description,
    ...(user.avatar_url === undefined ? {} : { avatar_url: user.avatar_url }),
    ...(user.full_avatar_url === undefined ? {} : { full_avatar_url: user.full_avatar_url }),
  };
}

/**
 * The `BotInfo` of the emulated bot.
 *
 * @example
 * toBotInfo(world).commands;
 */
export function toBotInfo(world: World): BotInfo {
  return { ...toUserWithPhoto(world.bot, world.dialect), commands: world.bot.commands };
}

/**
 * The `Chat` object as the bot sees it. `single` adds what only `getChat` returns (pinned
 * message, participants for admins).
 *
 * @example
 * toChat(world, world.chat(chatId), { single: true });
 */
export function toChat(world: World, chat: ChatRecord, options: { single?: boolean } = {}): Chat {
  const botIsAdmin = world.botMember(chat)?.isAdmin ?? false;
  const isDialog = chat.type === 'dialog';
  const max = world.dialect.name === 'max';
  const result: Chat = {
    chat_id: chat.chatId,
    type: wireChatType(world, chat.type),
    status: max && chat.botStatus === 'suspended' ? 'removed' : chat.botStatus,
    title: chat.title,
    icon: chat.icon,
    last_event_time: chat.lastEventTime,
    participants_count: isDialog ? 2 : chat.members.size,
    is_public: chat.isPublic,
    link: chat.link === null ? null : `${world.dialect.linkHost}/${chat.link}`,
    description: chat.description,
  };
  if (!isDialog && botIsAdmin) result.owner_id = chat.ownerId;
  if (isDialog && chat.dialogUserId !== null) {
    result.dialog_with_user = toUserWithPhoto(world.user(chat.dialogUserId), world.dialect);
  }
  if (!isDialog) result.messages_count = chat.mids.length;
  if (chat.chatMessageId !== null && !max) result.chat_message_id = chat.chatMessageId;
  if (options.single) {
    if (!isDialog && botIsAdmin) {
      result.participants = Object.fromEntries(
        [...chat.members.values()].map((m) => [String(m.userId), m.lastAccessTime]),
      );
    }
    const pinned = chat.pinnedMid === null ? undefined : world.messages.get(chat.pinnedMid);
    result.pinned_message = pinned ? toMessage(world, pinned) : null;
  }
  return result;
}

/**
 * The `ChatMember` object of a membership.
 *
 * @example
 * toChatMember(world, member).is_admin;
 */
export function toChatMember(world: World, member: MemberRecord): ChatMember {
  return {
    ...toUserWithPhoto(world.user(member.userId), world.dialect),
    last_access_time: member.lastAccessTime,
    is_owner: member.isOwner,
    is_admin: member.isAdmin,
    join_time: member.joinTime,
    permissions: member.permissions === null ? null : [...member.permissions],
    ...(member.alias === undefined || world.dialect.name !== 'max' ? {} : { alias: member.alias }),
  } as ChatMember;
}

/**
 * The `MessageBody` of a message.
 *
 * @example
 * toMessageBody(record).mid;
 */
export function toMessageBody(message: MessageRecord): MessageBody {
  const body: MessageBody = {
    mid: message.mid,
    seq: message.seq,
    text: message.text,
    attachments: message.attachments === null ? null : structuredClone(message.attachments),
  };
  if (message.markup !== null) body.markup = structuredClone(message.markup);
  return body;
}

/**
 * The `Message` object of a record. `withStat` adds the view counter of channel posts (only
 * `getMessages` returns it).
 *
 * @example
 * toMessage(world, world.message(mid)).body.text;
 */
export function toMessage(world: World, message: MessageRecord, options: { withStat?: boolean } = {}): Message {
  const chat = world.chats.get(message.chatId);
  const result: Message = {
    ...(message.senderId === null ? {} : { sender: toUser(world.user(message.senderId), world.dialect) }),
    recipient: toRecipient(world, message, chat),
    timestamp: message.timestamp,
    body: toMessageBody(message),
  };
  if (message.link !== null) result.link = structuredClone(message.link);
  if (chat?.isPublic && chat.link !== null) result.url = `${world.dialect.linkHost}/${chat.link}/${message.seq}`;
  if (options.withStat && chat?.type === 'channel') result.stat = { views: chat.members.size };
  if (message.constructorId !== null && world.dialect.name !== 'max') {
    // `constructor` is a wire field the Message type leaves out on purpose (see src/types).
    (result as unknown as Record<string, unknown>)['constructor'] = toUser(world.user(message.constructorId));
  }
  return result;
}

function toRecipient(world: World, message: MessageRecord, chat: ChatRecord | undefined): Recipient {
  if (!chat) return { chat_id: message.chatId, chat_type: 'chat', user_id: null };
  if (chat.type !== 'dialog') return { chat_id: chat.chatId, chat_type: wireChatType(world, chat.type), user_id: null };
  const other = message.senderId === world.bot.user_id ? chat.dialogUserId : world.bot.user_id;
  return { chat_id: chat.chatId, chat_type: wireChatType(world, 'dialog'), user_id: other };
}

/**
 * A chat type as the dialect's wire has it: Max's schema knows only `chat` (dialogs and
 * channels are told apart by `dialog_with_user`, `recipient.user_id` and `is_channel`).
 *
 * @example
 * wireChatType(world, 'dialog'); // 'dialog' (TamTam), 'chat' (Max)
 */
export function wireChatType(world: World, type: ChatType): ChatType {
  return world.dialect.name === 'max' ? 'chat' : type;
}
