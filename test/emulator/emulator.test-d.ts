import { expectTypeOf, test } from 'vitest';
import { startEmulator } from '../../src/emulator';
import type { ButtonPressResult, Emulator, EmulatorEvent, EmulatorOptions, UserActor } from '../../src/emulator';
import type { Chat, Message, Update, User } from '../../src/types';

test('public emulator types', () => {
  expectTypeOf(startEmulator).parameter(0).toEqualTypeOf<EmulatorOptions | undefined>();
  expectTypeOf(startEmulator).returns.resolves.toEqualTypeOf<Emulator>();
  expectTypeOf<Emulator['url']>().toEqualTypeOf<string>();
  expectTypeOf<Emulator['actAs']>().returns.toEqualTypeOf<UserActor>();
  expectTypeOf<UserActor['sendToBot']>().returns.toEqualTypeOf<Message>();
  expectTypeOf<UserActor['startBot']>().returns.toEqualTypeOf<Chat>();
  expectTypeOf<UserActor['pressButton']>().returns.toEqualTypeOf<ButtonPressResult>();
  expectTypeOf<Emulator['users']['create']>().returns.toEqualTypeOf<User>();
  expectTypeOf<Emulator['updates']['pending']>().returns.toEqualTypeOf<Update[]>();
  expectTypeOf<ReturnType<Emulator['inspect']['sentMessages']>>().toEqualTypeOf<Message[]>();
});

test('events narrow on type', () => {
  const listener = (event: EmulatorEvent): void => {
    if (event.type === 'message_removed') expectTypeOf(event.messageId).toEqualTypeOf<string>();
    if (event.type === 'message_created') expectTypeOf(event.message).toEqualTypeOf<Message>();
  };
  expectTypeOf(listener).toBeFunction();
});

test('options reject wrong shapes', () => {
  // @ts-expect-error world must be 'default', 'empty' or a fixture
  const bad: EmulatorOptions = { world: 'full' };
  void bad;
});
