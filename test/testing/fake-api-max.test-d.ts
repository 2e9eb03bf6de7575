import { of } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import * as actions from '../../src/actions/index';
import type { Api, MaxOperations, TamTamOperations } from '../../src/api/index';
import { ofType } from '../../src/operators/index';
import { fromLongPolling } from '../../src/sources/index';
import {
  type FakeApi,
  type RecordedRequestOf,
  createFakeApi,
  createMaxUpdateFactory,
  expectSent,
  maxUpdates,
  textMessage,
} from '../../src/testing/index';
import type {
  DialogMutedUpdate,
  MaxMessage,
  MaxMessageCreatedUpdate,
  MaxUpdate,
  Message,
  MessageCreatedUpdate,
} from '../../src/types/index';

describe('a Max fake api is typed by the Max table', () => {
  const max = createFakeApi({ dialect: 'max' });
  const tamtam = createFakeApi();

  it('is a FakeApi<MaxOperations> and an Api<MaxOperations>; the default stays TamTam', () => {
    expectTypeOf(max).toEqualTypeOf<FakeApi<MaxOperations>>();
    expectTypeOf(max).toExtend<Api<MaxOperations>>();
    expectTypeOf(tamtam).toEqualTypeOf<FakeApi<TamTamOperations>>();
    expectTypeOf(createFakeApi({ dialect: 'tamtam' })).toEqualTypeOf<FakeApi<TamTamOperations>>();
    expectTypeOf<ReturnType<typeof createFakeApi>>().toEqualTypeOf<FakeApi>();
  });

  it('rejects the operations Max lacks at compile time', () => {
    // @ts-expect-error Max has no constructor mode
    actions.construct(max, 'cs.1', { messages: [] });
    // @ts-expect-error Max has no PATCH /me
    actions.editMyInfo(max, { name: 'New' });
    // @ts-expect-error not an operation of the Max table
    max.respond('construct', {});
    // @ts-expect-error not an operation of the Max table
    max.requests('editMyInfo');
    // @ts-expect-error TamTam has no admin management
    actions.deleteAdmin(tamtam, -1, 2);
  });

  it('types records, sent messages and answers with the Max model', () => {
    expectTypeOf(max.requests('postAdmins')).toEqualTypeOf<RecordedRequestOf<'postAdmins', MaxOperations>[]>();
    expectTypeOf(max.lastSent().message).toEqualTypeOf<MaxMessage>();
    expectTypeOf(max.lastSent().message.sender?.first_name).toEqualTypeOf<string | undefined>();
    expectTypeOf(tamtam.lastSent().message).toEqualTypeOf<Message>();
    expectTypeOf(
      expectSent(max, { match: (m) => m.body.markup?.[0]?.type === 'quote' }).message,
    ).toEqualTypeOf<MaxMessage>();
    expectTypeOf(max.answeredMessage).parameter(0).toEqualTypeOf<ReturnType<typeof maxUpdates.pressButton>>();
  });

  it('takes Max updates, not TamTam ones, and its updates narrow per dialect', () => {
    max.pushUpdates(maxUpdates.dialogMuted(), maxUpdates.textMessage('hi'));
    // @ts-expect-error a TamTam user has no first_name: not a Max update
    max.pushUpdates(textMessage('hi'));
    // @ts-expect-error Max updates do not go to a TamTam fake
    tamtam.pushUpdates(maxUpdates.botStopped());

    const muted$ = fromLongPolling(max).pipe(ofType('dialog_muted'));
    expectTypeOf(muted$).toEqualTypeOf<import('rxjs').Observable<DialogMutedUpdate>>();
    // @ts-expect-error Max has no constructor updates
    fromLongPolling(max).pipe(ofType('message_construction_request'));
    // @ts-expect-error TamTam has no dialog events
    fromLongPolling(tamtam).pipe(ofType('dialog_muted'));
  });
});

describe('Max update factories', () => {
  it('make Max updates by type, and refuse TamTam-only types', () => {
    expectTypeOf(maxUpdates.textMessage('hi')).toEqualTypeOf<MaxMessageCreatedUpdate>();
    expectTypeOf(maxUpdates.update('dialog_muted')).toEqualTypeOf<DialogMutedUpdate>();
    expectTypeOf(createMaxUpdateFactory().botStopped()).toExtend<MaxUpdate>();
    expectTypeOf(textMessage('hi')).toEqualTypeOf<MessageCreatedUpdate>();
    // @ts-expect-error message_constructed is TamTam-only
    maxUpdates.update('message_constructed');
    maxUpdates.dialogMuted({ muted_until: 1 });
    // @ts-expect-error muted_until is a number
    maxUpdates.dialogMuted({ muted_until: 'soon' });
    of(maxUpdates.botStarted({ payload: 'ref' }));
  });
});
