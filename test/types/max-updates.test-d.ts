import { type Observable, map, pipe } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import { createApi } from '../../src/api/index';
import { type MaxAnyUpdate, ofType, reply } from '../../src/operators/index';
import { type LongPolling, fromLongPolling } from '../../src/sources/index';
import { type Webhook, webhook } from '../../src/sources/webhook/index';
import type {
  BotStoppedUpdate,
  DialogMutedUpdate,
  MaxBotStartedUpdate,
  MaxMessageCallbackUpdate,
  MaxUpdate,
  MaxUser,
  MessageConstructedUpdate,
  Update,
} from '../../src/types/index';

const max = createApi({ dialect: 'max', token: 't' });
const tamtam = createApi({ token: 't' });

describe('sources emit their dialect’s updates', () => {
  it('long polling', () => {
    expectTypeOf(fromLongPolling(max)).toEqualTypeOf<LongPolling<MaxUpdate>>();
    expectTypeOf(fromLongPolling(tamtam)).toEqualTypeOf<LongPolling<Update>>();
    fromLongPolling(max, { types: ['dialog_muted', 'bot_stopped'] });
    // @ts-expect-error: Max has no constructor updates
    fromLongPolling(max, { types: ['message_constructed'] });
    // @ts-expect-error: TamTam has no dialog_muted
    fromLongPolling(tamtam, { types: ['dialog_muted'] });
  });

  it('webhook, from its api or its dialect', () => {
    expectTypeOf(webhook({ api: max })).toEqualTypeOf<Webhook<MaxUpdate>>();
    expectTypeOf(webhook({ dialect: 'max' })).toEqualTypeOf<Webhook<MaxUpdate>>();
    expectTypeOf(webhook({ api: tamtam })).toEqualTypeOf<Webhook<Update>>();
    expectTypeOf(webhook()).toEqualTypeOf<Webhook<Update>>();
    webhook({ api: max, types: ['dialog_removed'] });
    // @ts-expect-error: not a Max update type
    webhook({ api: max, types: ['message_chat_created'] });
  });
});

describe('ofType narrows against the dialect', () => {
  it('a Max pipeline knows the Max types and refuses the TamTam-only ones', () => {
    const updates$ = fromLongPolling(max);
    expectTypeOf(updates$.pipe(ofType('dialog_muted'))).toEqualTypeOf<Observable<DialogMutedUpdate>>();
    expectTypeOf(updates$.pipe(ofType('bot_started', 'bot_stopped'))).toEqualTypeOf<
      Observable<MaxBotStartedUpdate | BotStoppedUpdate>
    >();
    expectTypeOf(
      updates$.pipe(
        ofType('message_callback'),
        map((u) => u.callback.user),
      ),
    ).toEqualTypeOf<Observable<MaxUser>>();
    updates$.pipe(
      ofType('dialog_muted'),
      map((u) => expectTypeOf(u.muted_until).toEqualTypeOf<number>()),
    );
    // @ts-expect-error: Max has no message_construction_request
    updates$.pipe(ofType('message_construction_request'));
    // @ts-expect-error: Max has no message_chat_created
    updates$.pipe(ofType('message_chat_created'));
  });

  it('a TamTam pipeline is the reverse', () => {
    const updates$ = fromLongPolling(tamtam);
    expectTypeOf(updates$.pipe(ofType('message_constructed'))).toEqualTypeOf<Observable<MessageConstructedUpdate>>();
    // @ts-expect-error: TamTam has no dialog_muted
    updates$.pipe(ofType('dialog_muted'));
  });

  it('a standalone pipe can be typed for Max', () => {
    const onlyCallbacks = pipe(ofType<'message_callback', MaxAnyUpdate>('message_callback'));
    expectTypeOf(onlyCallbacks).returns.toEqualTypeOf<Observable<MaxMessageCallbackUpdate>>();
  });

  it('replying works on Max updates with a Max api', () => {
    fromLongPolling(max).pipe(
      ofType('bot_started'),
      map((u) => reply(max, u, 'Hi!')),
    );
  });
});
