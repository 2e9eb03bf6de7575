import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import {
  answerOnCallback,
  construct,
  deleteAdmin,
  editMyInfo,
  getChat,
  getChats,
  getMyInfo,
  getUpdates,
  getVideoAttachmentDetails,
  postAdmins,
  sendAction,
  sendMessage,
  subscribe,
  upload,
} from '../../src/actions/index';
import { type Api, type MaxOperations, type TamTamOperations, createApi } from '../../src/api/index';
import type {
  BotInfo,
  Chat,
  MaxBotInfo,
  MaxChat,
  MaxSendMessageResult,
  MaxUpdateList,
  PhotoAttachmentRequest,
  SendMessageResult,
  SimpleQueryResult,
  UpdateList,
  VideoAttachmentDetails,
} from '../../src/types/index';

const tamtam = createApi({ token: 't' });
const max = createApi({ dialect: 'max', token: 't' });

describe('createApi is typed by its dialect', () => {
  it('TamTam by default, Max when asked', () => {
    expectTypeOf(tamtam).toEqualTypeOf<Api<TamTamOperations>>();
    expectTypeOf(createApi({ dialect: 'tamtam', token: 't' })).toEqualTypeOf<Api<TamTamOperations>>();
    expectTypeOf(max).toEqualTypeOf<Api<MaxOperations>>();
  });
});

describe('actions follow the api', () => {
  it('shared actions answer each dialect its own model', () => {
    expectTypeOf(getMyInfo(tamtam)).toEqualTypeOf<Observable<BotInfo>>();
    expectTypeOf(getMyInfo(max)).toEqualTypeOf<Observable<MaxBotInfo>>();
    expectTypeOf(getChat(tamtam, 1)).toEqualTypeOf<Observable<Chat>>();
    expectTypeOf(getChat(max, 1)).toEqualTypeOf<Observable<MaxChat>>();
    expectTypeOf(sendMessage(tamtam, { chat_id: 1 }, { text: 'x' })).toEqualTypeOf<Observable<SendMessageResult>>();
    expectTypeOf(sendMessage(max, { chat_id: 1 }, { text: 'x' })).toEqualTypeOf<Observable<MaxSendMessageResult>>();
    expectTypeOf(getUpdates(tamtam)).toEqualTypeOf<Observable<UpdateList>>();
    expectTypeOf(getUpdates(max)).toEqualTypeOf<Observable<MaxUpdateList>>();
    expectTypeOf(upload(max, 'image', './a.png')).toEqualTypeOf<Observable<PhotoAttachmentRequest>>();
  });

  it('bodies are the dialect’s: Max buttons on Max, TamTam buttons on TamTam', () => {
    sendMessage(
      max,
      { chat_id: 1 },
      {
        attachments: [
          { type: 'inline_keyboard', payload: { buttons: [[{ type: 'clipboard', text: 'Copy', payload: 'x' }]] } },
        ],
      },
    );
    const clipboardRow = [{ type: 'clipboard', text: 'Copy', payload: 'x' }] as const;
    const clipboardBody = { attachments: [{ type: 'inline_keyboard', payload: { buttons: [clipboardRow] } }] } as const;
    // @ts-expect-error: TamTam has no clipboard button
    sendMessage(tamtam, { chat_id: 1 }, clipboardBody);
    sendMessage(
      tamtam,
      { chat_id: 1 },
      {
        attachments: [
          { type: 'inline_keyboard', payload: { buttons: [[{ type: 'chat', text: 'Room', chat_title: 'Room' }]] } },
        ],
      },
    );
    const chatRow = [{ type: 'chat', text: 'Room', chat_title: 'Room' }] as const;
    // @ts-expect-error: Max has no chat button
    sendMessage(max, { chat_id: 1 }, { attachments: [{ type: 'inline_keyboard', payload: { buttons: [chatRow] } }] });
    answerOnCallback(max, 'cb', { notification: 'ok' });
    sendAction(tamtam, 1, 'mark_seen');
    // @ts-expect-error: Max has no mark_seen
    sendAction(max, 1, 'mark_seen');
    subscribe(max, { url: 'https://bot.example.com/max', secret: 'my_secret' });
    // @ts-expect-error: TamTam subscriptions take no secret
    subscribe(tamtam, { url: 'https://bot.example.com/tamtam', secret: 'my_secret' });
    getUpdates(max, { types: ['dialog_muted'] });
    // @ts-expect-error: not a Max update type
    getUpdates(max, { types: ['message_constructed'] });
    // @ts-expect-error: not a TamTam update type
    getUpdates(tamtam, { types: ['dialog_muted'] });
  });

  it('operations a dialect lacks do not compile', () => {
    // @ts-expect-error: Max has no construct
    construct(max, 's', { messages: [] });
    // @ts-expect-error: Max has no PATCH /me
    editMyInfo(max, { name: 'x' });
    // @ts-expect-error: Max no longer serves GET /chats
    getChats(max);
    // @ts-expect-error: postAdmins is Max only
    postAdmins(tamtam, 1, { admins: [] });
    // @ts-expect-error: deleteAdmin is Max only
    deleteAdmin(tamtam, 1, 2);
    // @ts-expect-error: getVideoAttachmentDetails is Max only
    getVideoAttachmentDetails(tamtam, 'vt');
    expectTypeOf(construct(tamtam, 's', { messages: [] })).toEqualTypeOf<Observable<SimpleQueryResult>>();
    expectTypeOf(postAdmins(max, 1, { admins: [{ user_id: 2, permissions: ['can_call'] }] })).toEqualTypeOf<
      Observable<SimpleQueryResult>
    >();
    expectTypeOf(deleteAdmin(max, 1, 2)).toEqualTypeOf<Observable<SimpleQueryResult>>();
    expectTypeOf(getVideoAttachmentDetails(max, 'vt')).toEqualTypeOf<Observable<VideoAttachmentDetails>>();
  });

  it('a query-mode token does not type-check away: tokenIn stays a runtime check', () => {
    expectTypeOf(createApi({ dialect: 'max', token: 't', tokenIn: 'header' })).toEqualTypeOf<Api<MaxOperations>>();
  });
});
