import { describe, expectTypeOf, test } from 'vitest';
import { type Observable, type OperatorFunction, type UnaryFunction, map, pipe } from 'rxjs';
import { payloadCodec } from '../../src/builders';
import type { Api } from '../../src/api/api';
import {
  type AnyUpdate,
  type HandlerError,
  type ParsedCommand,
  callbackData,
  callbackPayload,
  command,
  fromUser,
  hasAttachment,
  inChat,
  isolate,
  messageText,
  ofChatType,
  ofType,
  perChat,
  reply,
  startPayload,
} from '../../src/operators';
import type {
  BotStartedUpdate,
  MessageCallbackUpdate,
  MessageCreatedUpdate,
  MessageEditedUpdate,
  PhotoAttachment,
  SendMessageResult,
  UnknownUpdate,
  Update,
  VideoAttachment,
} from '../../src/types';

declare const updates$: Observable<Update>;
declare const mixed$: Observable<Update | UnknownUpdate>;
declare const api: Api;

describe('ofType', () => {
  test('one type gives exactly that interface', () => {
    expectTypeOf(updates$.pipe(ofType('message_created'))).toEqualTypeOf<Observable<MessageCreatedUpdate>>();
  });

  test('several types give exactly their union', () => {
    expectTypeOf(updates$.pipe(ofType('message_created', 'message_edited'))).toEqualTypeOf<
      Observable<MessageCreatedUpdate | MessageEditedUpdate>
    >();
  });

  test('unknown updates in the input never leak into the output', () => {
    expectTypeOf(mixed$.pipe(ofType('bot_started'))).toEqualTypeOf<Observable<BotStartedUpdate>>();
  });

  test('an unknown type name is a compile error', () => {
    // @ts-expect-error 'message_create' is not an update type
    ofType('message_create');
    // @ts-expect-error at least one type is required
    ofType();
  });

  test('a standalone pipe() keeps the output type (no unknown → never)', () => {
    const created = pipe(ofType('message_created'));
    expectTypeOf(created).toEqualTypeOf<UnaryFunction<Observable<AnyUpdate>, Observable<MessageCreatedUpdate>>>();
    expectTypeOf(updates$.pipe(created)).toEqualTypeOf<Observable<MessageCreatedUpdate>>();
    const dialogsOnly = pipe(ofType('message_created'), ofChatType('dialog'), inChat(1), fromUser(2));
    expectTypeOf(updates$.pipe(dialogsOnly)).toEqualTypeOf<Observable<MessageCreatedUpdate>>();
    const reusable: OperatorFunction<Update, string> = pipe(
      command('start'),
      map((u) => u.command.args),
    );
    expectTypeOf(reusable).not.toBeNever();
  });

  test('fields a user added to updates survive narrowing', () => {
    type WithContext = Update & { readonly receivedAt: number };
    const own$ = null as unknown as Observable<WithContext>;
    expectTypeOf(own$.pipe(ofType('message_created'))).toEqualTypeOf<
      Observable<MessageCreatedUpdate & { readonly receivedAt: number }>
    >();
    expectTypeOf(own$.pipe(inChat(1))).toEqualTypeOf<Observable<WithContext>>();
  });
});

describe('callback selection', () => {
  test('an exact payload narrows to the literal', () => {
    updates$.pipe(callbackPayload('menu:help')).subscribe((u) => {
      expectTypeOf(u).toMatchTypeOf<MessageCallbackUpdate>();
      expectTypeOf(u.callback.payload).toEqualTypeOf<'menu:help'>();
    });
  });

  test('RegExp groups are typed when named', () => {
    updates$.pipe(callbackPayload<'id' | 'action'>(/^order:(?<id>\d+):(?<action>\w+)$/)).subscribe((u) => {
      expectTypeOf(u.match.groups.id).toEqualTypeOf<string>();
      expectTypeOf(u.match.groups.action).toEqualTypeOf<string>();
      expectTypeOf(u.match[1]).toEqualTypeOf<string | undefined>();
      expectTypeOf(u.match.index).toEqualTypeOf<number>();
      expectTypeOf(u.callback.payload).toEqualTypeOf<string>();
      // @ts-expect-error 'other' is not a declared group
      u.match.groups.other;
    });
    updates$.pipe(callbackPayload(/^vote:/)).subscribe((u) => {
      expectTypeOf(u.match).toEqualTypeOf<RegExpExecArray>();
    });
  });

  test('a type guard narrows the payload', () => {
    const isVote = (p: string): p is 'yes' | 'no' => p === 'yes' || p === 'no';
    updates$
      .pipe(callbackPayload(isVote))
      .subscribe((u) => expectTypeOf(u.callback.payload).toEqualTypeOf<'yes' | 'no'>());
    updates$
      .pipe(callbackPayload((p, u) => p.length > u.timestamp))
      .subscribe((u) => expectTypeOf(u.callback.payload).toEqualTypeOf<string>());
  });

  test('a codec types the decoded data', () => {
    const vote = payloadCodec('vote', { poll: 'int', choice: ['yes', 'no'], note: 'string', final: 'boolean' });
    updates$.pipe(callbackData(vote)).subscribe((u) => {
      expectTypeOf(u.data).toEqualTypeOf<{ poll: number; choice: 'yes' | 'no'; note: string; final: boolean }>();
      expectTypeOf(u).toMatchTypeOf<MessageCallbackUpdate>();
    });
  });
});

describe('message selection', () => {
  test('command names are a literal union and arguments are typed', () => {
    updates$.pipe(command(['start', 'help'])).subscribe((u) => {
      expectTypeOf(u.command).toEqualTypeOf<ParsedCommand<'start' | 'help'>>();
      expectTypeOf(u.command.argv).toEqualTypeOf<readonly string[]>();
      expectTypeOf(u.message.body.text).toEqualTypeOf<string | null>();
    });
    updates$.pipe(command('start')).subscribe((u) => expectTypeOf(u.command.name).toEqualTypeOf<'start'>());
  });

  test('messageText makes the text non-null; RegExp groups typed', () => {
    updates$.pipe(messageText('ping')).subscribe((u) => expectTypeOf(u.message.body.text).toEqualTypeOf<string>());
    updates$
      .pipe(messageText<'n'>(/^roll (?<n>\d+)$/))
      .subscribe((u) => expectTypeOf(u.match.groups.n).toEqualTypeOf<string>());
  });

  test('startPayload makes the payload a string (or the literal)', () => {
    updates$.pipe(startPayload()).subscribe((u) => expectTypeOf(u.payload).toEqualTypeOf<string>());
    updates$.pipe(startPayload('promo')).subscribe((u) => expectTypeOf(u.payload).toEqualTypeOf<'promo'>());
  });

  test('hasAttachment gives a non-empty list of exactly those attachment kinds', () => {
    updates$.pipe(hasAttachment('image', 'video')).subscribe((u) => {
      expectTypeOf(u.attachments[0]).toEqualTypeOf<PhotoAttachment | VideoAttachment>();
    });
    // @ts-expect-error 'photo' is not an attachment type
    hasAttachment('photo');
  });
});

describe('deriving operators keep the input type precise', () => {
  type Own = { readonly receivedAt: number };
  const own$ = null as unknown as Observable<(Update & Own) | UnknownUpdate>;

  test('fields a user added survive, unknown updates never leak, the derived field is exact', () => {
    expectTypeOf(own$.pipe(command('go'))).toEqualTypeOf<
      Observable<MessageCreatedUpdate & Own & { readonly command: ParsedCommand<'go'> }>
    >();
    expectTypeOf(own$.pipe(hasAttachment('image'))).toEqualTypeOf<
      Observable<
        MessageCreatedUpdate & Own & { readonly attachments: readonly [PhotoAttachment, ...PhotoAttachment[]] }
      >
    >();
    const vote = payloadCodec('vote', { choice: ['yes', 'no'] });
    expectTypeOf(own$.pipe(callbackData(vote))).toEqualTypeOf<
      Observable<
        MessageCallbackUpdate &
          Own & { readonly callback: { readonly payload: string } } & { readonly data: { choice: 'yes' | 'no' } }
      >
    >();
    expectTypeOf(own$.pipe(callbackPayload('menu'))).toEqualTypeOf<
      Observable<MessageCallbackUpdate & Own & { readonly callback: { readonly payload: 'menu' } }>
    >();
    expectTypeOf(own$.pipe(messageText('hi'))).toEqualTypeOf<
      Observable<MessageCreatedUpdate & Own & { readonly message: { readonly body: { readonly text: string } } }>
    >();
    expectTypeOf(own$.pipe(startPayload())).toEqualTypeOf<
      Observable<BotStartedUpdate & Own & { readonly payload: string }>
    >();
  });

  test('ofType then a deriving operator gives the same type as the deriving operator alone', () => {
    expectTypeOf(updates$.pipe(ofType('message_callback'), callbackPayload('vote:yes'))).toEqualTypeOf(
      updates$.pipe(callbackPayload('vote:yes')),
    );
    expectTypeOf(updates$.pipe(ofType('message_created'), command('start'))).toEqualTypeOf(
      updates$.pipe(command('start')),
    );
  });

  test('a standalone pipe() of deriving operators keeps its types', () => {
    const startArgs = pipe(
      command('start'),
      map((u) => u.command.argv),
    );
    expectTypeOf(startArgs).toEqualTypeOf<UnaryFunction<Observable<AnyUpdate>, Observable<readonly string[]>>>();
    const photos = pipe(ofType('message_created'), hasAttachment('image'));
    expectTypeOf(updates$.pipe(photos)).toEqualTypeOf<
      Observable<MessageCreatedUpdate & { readonly attachments: readonly [PhotoAttachment, ...PhotoAttachment[]] }>
    >();
  });

  test('operators on a stream of another shape are a compile error', () => {
    const numbers$ = null as unknown as Observable<number>;
    // @ts-expect-error numbers are not updates
    numbers$.pipe(command('start'));
    // @ts-expect-error numbers are not updates
    numbers$.pipe(callbackPayload('x'));
  });
});

describe('reacting', () => {
  test('perChat: the handler sees the narrowed update; the output is what handlers emit', () => {
    const replies$ = updates$.pipe(
      command('start'),
      perChat(
        (u) => {
          expectTypeOf(u.command.name).toEqualTypeOf<'start'>();
          return reply(api, u, 'hi');
        },
        {
          onError: (e) =>
            expectTypeOf(e).toEqualTypeOf<
              HandlerError<MessageCreatedUpdate & { readonly command: ParsedCommand<'start'> }>
            >(),
        },
      ),
    );
    expectTypeOf(replies$).toEqualTypeOf<Observable<SendMessageResult>>();
  });

  test('isolate keeps types like mergeMap', () => {
    expectTypeOf(
      updates$.pipe(
        ofType('bot_started'),
        isolate((u) => [u.user.name]),
      ),
    ).toEqualTypeOf<Observable<string>>();
  });

  test('reply takes any update and a text or a body', () => {
    // reply is generic in the api's table (Max apis take Max bodies); for a TamTam api it takes what it always took
    expectTypeOf<string | import('../../src/types').NewMessageBody>().toExtend<
      Parameters<typeof reply<import('../../src/api').TamTamOperations>>[2]
    >();
    expectTypeOf(reply(api, { update_type: 'x' }, 'hi')).toEqualTypeOf<Observable<SendMessageResult>>();
  });
});
