import { describe, expectTypeOf, test } from 'vitest';
import type { MonoTypeOperatorFunction, Observable, OperatorFunction } from 'rxjs';
import { filterDerive } from '../../src/operators/filter-derive';
import { type AnyUpdate, type UpdateLike, isKnownUpdate, isOfType } from '../../src/operators/update-like';
import { isCallbackWithPayload } from '../../src/operators/callback-payload';
import type { CallbackWithPayload } from '../../src/operators';
import type {
  BotStartedUpdate,
  MessageCallbackUpdate,
  MessageCreatedUpdate,
  UnknownUpdate,
  Update,
} from '../../src/types';

declare const updates$: Observable<Update>;
declare const mixed$: Observable<AnyUpdate>;

describe('filterDerive', () => {
  test('a type guard alone narrows the output', () => {
    const created = filterDerive((u: AnyUpdate) => isOfType(u, 'message_created'));
    expectTypeOf(created).toEqualTypeOf<OperatorFunction<AnyUpdate, MessageCreatedUpdate>>();
    expectTypeOf(mixed$.pipe(created)).toEqualTypeOf<Observable<MessageCreatedUpdate>>();
  });

  test('a boolean test keeps the input type', () => {
    expectTypeOf(filterDerive((u: Update) => u.timestamp > 0)).toEqualTypeOf<MonoTypeOperatorFunction<Update>>();
  });

  test('derive sees the guarded type; null is dropped from the output type', () => {
    const refs = filterDerive(
      (u: AnyUpdate) => isOfType(u, 'bot_started'),
      (u) => {
        expectTypeOf(u).toEqualTypeOf<BotStartedUpdate>();
        return u.payload ? { ref: u.payload } : null;
      },
    );
    expectTypeOf(updates$.pipe(refs)).toEqualTypeOf<Observable<{ ref: string }>>();
  });

  test('derive after a boolean test sees the input type', () => {
    expectTypeOf(
      filterDerive(
        (n: number) => n > 0,
        (n) => (n > 1 ? String(n) : null),
      ),
    ).toEqualTypeOf<OperatorFunction<number, string>>();
  });

  test('derive must take what the test lets through', () => {
    const wrong = filterDerive(
      (u: AnyUpdate) => isOfType(u, 'message_created'),
      (u: BotStartedUpdate) => u,
    );
    // The guard no longer narrows (derive wants bot_started), so the operator only accepts bot_started input.
    expectTypeOf(wrong).toEqualTypeOf<OperatorFunction<BotStartedUpdate, BotStartedUpdate>>();
    // @ts-expect-error a stream of all updates does not fit it
    updates$.pipe(wrong);
  });
});

describe('update guards', () => {
  test('isOfType narrows to the members of that type, keeping fields a user added', () => {
    const u = {} as (Update & { readonly receivedAt: number }) | UnknownUpdate;
    if (isOfType(u, 'message_callback')) {
      expectTypeOf(u).toEqualTypeOf<MessageCallbackUpdate & { readonly receivedAt: number }>();
    }
  });

  test('isOfType on a generic update gives both the matching members and the model fields', () => {
    function text<U extends UpdateLike>(u: U): string | null | undefined {
      return isOfType(u, 'message_created') ? u.message.body.text : undefined;
    }
    expectTypeOf(text<Update>).returns.toEqualTypeOf<string | null | undefined>();
  });

  test('isKnownUpdate narrows anything with an update_type to the known union', () => {
    const u = {} as UpdateLike;
    if (isKnownUpdate(u)) expectTypeOf(u).toEqualTypeOf<Update>();
  });

  test('isCallbackWithPayload makes the payload a string', () => {
    const u = {} as AnyUpdate;
    if (isCallbackWithPayload(u)) {
      expectTypeOf(u).toEqualTypeOf<CallbackWithPayload<MessageCallbackUpdate>>();
      expectTypeOf(u.callback.payload).toEqualTypeOf<string>();
    }
  });
});
