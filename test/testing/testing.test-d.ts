import { NEVER, of } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import type { ButtonSelector as EmulatorButtonSelector } from '../../src/emulator/index';
import type {
  BotInfo,
  Message,
  MessageCallbackUpdate,
  NewMessageBody,
  UserAddedToChatUpdate,
} from '../../src/types/index';
import {
  type ButtonSelector,
  type DeepPartial,
  type FakeResponses,
  type RecordedRequest,
  apiError,
  createFakeApi,
  createUpdate,
  pressButton,
  userAdded,
  waitFor,
} from '../../src/testing/index';

describe('test kit types', () => {
  it('selects buttons with the emulator’s one ButtonSelector', () => {
    expectTypeOf<ButtonSelector>().toEqualTypeOf<EmulatorButtonSelector>();
  });

  it('types recorded requests by operation and narrows on it', () => {
    const api = createFakeApi();
    const [send] = api.requests('sendMessage');
    expectTypeOf(send?.body).toEqualTypeOf<NewMessageBody | undefined>();
    expectTypeOf(api.requests('getMyInfo')[0]?.response).toEqualTypeOf<BotInfo | undefined>();
    const any: RecordedRequest = api.requests()[0] as RecordedRequest;
    if (any.operation === 'answerOnCallback')
      expectTypeOf(any.body.notification).toEqualTypeOf<string | null | undefined>();
  });

  it('checks scripted answers against the operation’s result type', () => {
    const ok: FakeResponses = {
      getMyInfo: of({} as BotInfo),
      sendMessage: apiError(403, 'chat.denied'),
      getChat: NEVER,
    };
    expectTypeOf(ok).toMatchTypeOf<FakeResponses>();
    // @ts-expect-error a Chat is not what getMyInfo answers
    const wrong: FakeResponses = { getMyInfo: { chat_id: 1 } };
    expectTypeOf(wrong).toMatchTypeOf<FakeResponses>();
    createFakeApi().respond('getMessageById', (request) => {
      expectTypeOf(request.operation).toEqualTypeOf<'getMessageById'>();
      return {} as Message;
    });
  });

  it('returns the exact update type and takes deep partial overrides', () => {
    expectTypeOf(createUpdate('user_added')).toEqualTypeOf<UserAddedToChatUpdate>();
    expectTypeOf(userAdded).parameter(0).toEqualTypeOf<DeepPartial<UserAddedToChatUpdate> | undefined>();
    // @ts-expect-error timestamps are numbers
    userAdded({ timestamp: 'now' });
    expectTypeOf(pressButton).returns.toEqualTypeOf<MessageCallbackUpdate>();
  });

  it('waitFor resolves with the found value, without the “not yet” types', () => {
    expectTypeOf(waitFor(() => undefined as Message | undefined)).resolves.toEqualTypeOf<Message>();
    expectTypeOf(waitFor(async () => false as number | false)).resolves.toEqualTypeOf<number>();
  });
});
