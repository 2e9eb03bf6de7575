import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import {
  TAMTAM_OPERATIONS,
  buildRequest,
  createApi,
  defineOperation,
  type Api,
  type OperationBody,
  type OperationPathParams,
  type OperationQuery,
  type OperationResult,
  type OperationResultOf,
  type RequestInput,
  type TamTamOperations,
} from '../../src/api/index';
import { getChat, upload } from '../../src/actions/index';
import type {
  BotInfo,
  Chat,
  PhotoAttachmentRequest,
  NewMessageBody,
  SendMessageResult,
  UpdateType,
} from '../../src/types/index';
import type { OperationResults } from '../../src/testing/fake-api/operation-types';

describe('operations are typed end to end', () => {
  it('request answers the type of its operation', () => {
    const api = createApi({ token: 't' });
    expectTypeOf(api.request(buildRequest(TAMTAM_OPERATIONS, 'getMyInfo', {}))).toEqualTypeOf<Observable<BotInfo>>();
    expectTypeOf(api.request(buildRequest(TAMTAM_OPERATIONS, 'sendMessage', { json: { text: 'x' } }))).toEqualTypeOf<
      Observable<SendMessageResult>
    >();
    expectTypeOf(getChat(api, 1)).toEqualTypeOf<Observable<Chat>>();
    expectTypeOf(upload(api, 'image', './a.png')).toEqualTypeOf<Observable<PhotoAttachmentRequest>>();
  });

  it('reads query, body and path parameters off the table', () => {
    expectTypeOf<OperationPathParams<'getChat'>>().toEqualTypeOf<{ readonly chatId: number }>();
    expectTypeOf<OperationPathParams<'getChatByLink'>>().toEqualTypeOf<{ readonly chatLink: string }>();
    expectTypeOf<OperationBody<'sendMessage'>>().toEqualTypeOf<NewMessageBody>();
    expectTypeOf<OperationBody<'uploadFile'>>().toEqualTypeOf<FormData>();
    expectTypeOf<OperationQuery<'getUpdates'>['types']>().toEqualTypeOf<readonly UpdateType[] | undefined>();
    expectTypeOf<OperationResults['getChat']>().toEqualTypeOf<OperationResult<'getChat'>>();
  });

  it('a request input needs what the row needs', () => {
    expectTypeOf<{ params: { chatId: number } }>().toMatchTypeOf<RequestInput<TamTamOperations, 'getChat'>>();
    expectTypeOf<Record<never, never>>().not.toMatchTypeOf<RequestInput<TamTamOperations, 'getChat'>>();
    expectTypeOf<{ query: { url: string } }>().toMatchTypeOf<RequestInput<TamTamOperations, 'unsubscribe'>>();
    expectTypeOf<Record<never, never>>().not.toMatchTypeOf<RequestInput<TamTamOperations, 'unsubscribe'>>();
    expectTypeOf<Record<never, never>>().not.toMatchTypeOf<RequestInput<TamTamOperations, 'sendMessage'>>();
    expectTypeOf<{ url: string; body: FormData }>().toMatchTypeOf<RequestInput<TamTamOperations, 'uploadFile'>>();
  });

  it('a row refuses params that do not match its template', () => {
    // @ts-expect-error: {chatId} is not declared
    defineOperation<Chat>()({ method: 'GET', path: '/chats/{chatId}', params: {} });
    // @ts-expect-error: userId is not in the template
    defineOperation<Chat>()({ method: 'GET', path: '/chats', params: { userId: { type: 'integer' } } });
  });

  it('an Api of another table is typed by that table', () => {
    const maxLike = {
      getVideo: defineOperation<{ token: string }>()({
        method: 'GET',
        path: '/videos/{videoToken}',
        params: { videoToken: { type: 'string' } },
      }),
    } as const;
    expectTypeOf<OperationResultOf<typeof maxLike, 'getVideo'>>().toEqualTypeOf<{ token: string }>();
    expectTypeOf<ReturnType<Api<typeof maxLike>['request']>>().toEqualTypeOf<Observable<{ token: string }>>();
  });
});
