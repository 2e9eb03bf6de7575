import { describe, expectTypeOf, test } from 'vitest';
import type {
  BotAddedToChatUpdate,
  BotRemovedFromChatUpdate,
  BotStartedUpdate,
  ChatTitleChangedUpdate,
  MessageCallbackUpdate,
  MessageChatCreatedUpdate,
  MessageConstructedUpdate,
  MessageConstructionRequest,
  MessageConstructionRequestUpdate,
  MessageCreatedUpdate,
  MessageEditedUpdate,
  MessageRemovedUpdate,
  UnknownUpdate,
  Update,
  UpdateByType,
  UpdateOf,
  UpdateType,
  UserAddedToChatUpdate,
  UserRemovedFromChatUpdate,
} from '../../src/types';
import { UPDATE_TYPES, isUpdateType } from '../../src/types';

declare const update: Update;

describe('Update narrows on update_type', () => {
  test('a switch gives the exact interface in every branch and is exhaustive', () => {
    switch (update.update_type) {
      case 'message_created':
        expectTypeOf(update).toEqualTypeOf<MessageCreatedUpdate>();
        break;
      case 'message_callback':
        expectTypeOf(update).toEqualTypeOf<MessageCallbackUpdate>();
        break;
      case 'message_edited':
        expectTypeOf(update).toEqualTypeOf<MessageEditedUpdate>();
        break;
      case 'message_removed':
        expectTypeOf(update).toEqualTypeOf<MessageRemovedUpdate>();
        break;
      case 'bot_added':
        expectTypeOf(update).toEqualTypeOf<BotAddedToChatUpdate>();
        break;
      case 'bot_removed':
        expectTypeOf(update).toEqualTypeOf<BotRemovedFromChatUpdate>();
        break;
      case 'user_added':
        expectTypeOf(update).toEqualTypeOf<UserAddedToChatUpdate>();
        break;
      case 'user_removed':
        expectTypeOf(update).toEqualTypeOf<UserRemovedFromChatUpdate>();
        break;
      case 'bot_started':
        expectTypeOf(update).toEqualTypeOf<BotStartedUpdate>();
        break;
      case 'chat_title_changed':
        expectTypeOf(update).toEqualTypeOf<ChatTitleChangedUpdate>();
        break;
      case 'message_construction_request':
        expectTypeOf(update).toEqualTypeOf<MessageConstructionRequest>();
        break;
      case 'message_constructed':
        expectTypeOf(update).toEqualTypeOf<MessageConstructedUpdate>();
        break;
      case 'message_chat_created':
        expectTypeOf(update).toEqualTypeOf<MessageChatCreatedUpdate>();
        break;
      default:
        expectTypeOf(update).toBeNever();
    }
  });

  test('an if narrows too, and the else branch excludes the narrowed type', () => {
    if (update.update_type === 'message_callback') {
      expectTypeOf(update.callback.payload).toEqualTypeOf<string | undefined>();
      expectTypeOf(update.message).toEqualTypeOf<UpdateByType['message_callback']['message']>();
    } else {
      expectTypeOf(update).not.toExtend<MessageCallbackUpdate>();
      expectTypeOf(update.update_type).toEqualTypeOf<Exclude<UpdateType, 'message_callback'>>();
    }
  });

  test('narrowing by a set of types gives the union of those interfaces', () => {
    if (update.update_type === 'message_created' || update.update_type === 'message_edited') {
      expectTypeOf(update).toEqualTypeOf<MessageCreatedUpdate | MessageEditedUpdate>();
      expectTypeOf(update.message.body.mid).toBeString();
    }
  });

  test('fields the schema marks nullable or optional keep that in the type', () => {
    expectTypeOf<MessageCallbackUpdate['message']>().toEqualTypeOf<UpdateByType['message_created']['message'] | null>();
    expectTypeOf<BotStartedUpdate['payload']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<UserAddedToChatUpdate['inviter_id']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<UserRemovedFromChatUpdate['admin_id']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<MessageRemovedUpdate['chat_id']>().toEqualTypeOf<number>();
  });
});

describe('UpdateByType, UpdateType, UpdateOf', () => {
  test('UpdateType is exactly the 13 update types', () => {
    expectTypeOf<UpdateType>().toEqualTypeOf<
      | 'message_created'
      | 'message_callback'
      | 'message_edited'
      | 'message_removed'
      | 'bot_added'
      | 'bot_removed'
      | 'user_added'
      | 'user_removed'
      | 'bot_started'
      | 'chat_title_changed'
      | 'message_construction_request'
      | 'message_constructed'
      | 'message_chat_created'
    >();
  });

  test('each interface carries its own literal as update_type', () => {
    expectTypeOf<{ [K in UpdateType]: UpdateByType[K]['update_type'] }>().toEqualTypeOf<{
      [K in UpdateType]: K;
    }>();
  });

  test('UpdateOf picks one interface, and a union of keys gives a union', () => {
    expectTypeOf<UpdateOf<'bot_started'>>().toEqualTypeOf<BotStartedUpdate>();
    expectTypeOf<UpdateOf<'bot_added' | 'bot_removed'>>().toEqualTypeOf<
      BotAddedToChatUpdate | BotRemovedFromChatUpdate
    >();
    expectTypeOf<MessageConstructionRequestUpdate>().toEqualTypeOf<MessageConstructionRequest>();
  });

  test('UPDATE_TYPES is a readonly tuple of exactly the known types', () => {
    expectTypeOf(UPDATE_TYPES).toExtend<readonly UpdateType[]>();
    expectTypeOf<(typeof UPDATE_TYPES)[number]>().toEqualTypeOf<UpdateType>();
    // @ts-expect-error the tuple is readonly
    UPDATE_TYPES.push('message_created');
  });

  test('isUpdateType narrows unknown input to UpdateType', () => {
    const value: unknown = 'bot_started';
    if (isUpdateType(value)) expectTypeOf(value).toEqualTypeOf<UpdateType>();
    expectTypeOf(isUpdateType).parameter(0).toBeUnknown();
  });
});

describe('UnknownUpdate stays outside Update', () => {
  test('an update of a newer server type is an UnknownUpdate but not an Update', () => {
    const fromNewerServer = {
      update_type: 'dialog_muted',
      timestamp: 1_717_245_296_123,
      chat_id: 68_112_905_344,
      muted_until: 1_717_331_696_123,
    };
    expectTypeOf(fromNewerServer).toExtend<UnknownUpdate>();
    expectTypeOf<UnknownUpdate>().not.toExtend<Update>();
    // @ts-expect-error an unknown update must not pass as a known one
    const asKnown: Update = fromNewerServer;
    void asKnown;
  });

  test('UnknownUpdate fields other than update_type and timestamp are unknown', () => {
    expectTypeOf<UnknownUpdate['update_type']>().toBeString();
    expectTypeOf<UnknownUpdate['timestamp']>().toBeNumber();
    expectTypeOf<UnknownUpdate['chat_id']>().toBeUnknown();
  });

  test('a source can emit Update | UnknownUpdate and still narrow known ones after a guard', () => {
    const received = null as unknown as Update | UnknownUpdate;
    if (isUpdateType(received.update_type)) {
      expectTypeOf(received.update_type).toEqualTypeOf<UpdateType>();
    }
  });
});

describe('invalid updates are rejected', () => {
  test('wrong update_type literal', () => {
    const bad: MessageCreatedUpdate = {
      // @ts-expect-error 'message_new' is not the literal of MessageCreatedUpdate
      update_type: 'message_new',
      timestamp: 1,
      message: null as unknown as MessageCreatedUpdate['message'],
    };
    void bad;
  });

  test('unknown update_type is not an Update', () => {
    // @ts-expect-error 'message_pinned' is not a known update type
    const bad: Update = { update_type: 'message_pinned', timestamp: 1 };
    void bad;
  });

  test('missing required field', () => {
    // @ts-expect-error MessageRemovedUpdate needs user_id
    const bad: MessageRemovedUpdate = {
      update_type: 'message_removed',
      timestamp: 1,
      message_id: 'mid.1',
      chat_id: -1,
    };
    void bad;
  });

  test('timestamp is a number of ms, not a string or Date', () => {
    const bad: BotAddedToChatUpdate = {
      update_type: 'bot_added',
      // @ts-expect-error dates are numbers
      timestamp: '2024-06-01T12:34:56Z',
      chat_id: -1,
      user: { user_id: 1, name: 'A', username: null, is_bot: false, last_activity_time: 0 },
      is_channel: false,
    };
    void bad;
  });

  test('fields of another update type are not reachable without narrowing', () => {
    // @ts-expect-error `callback` exists only on message_callback
    void update.callback;
  });

  test('UpdateOf rejects unknown keys', () => {
    // @ts-expect-error 'message_pinned' is not an UpdateType
    type _Bad = UpdateOf<'message_pinned'>;
  });
});
