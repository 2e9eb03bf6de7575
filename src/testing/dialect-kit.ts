/**
 * One handle on the test data of a dialect, so a bot written for both dialects is tested on
 * both by the same test code: `dialectKit('tamtam')` and `dialectKit('max')` have the same
 * shape, typed by their dialect's model.
 */
import type { OperationsOf, UpdateOfTable } from '../api/dialect';
import type { MaxOperations } from '../api/max-operations';
import type { TamTamOperations } from '../api/tamtam-operations';
import type { MaxRecipient, MaxUser, Recipient, User } from '../types/index';
import { type CallbackUpdateOfTable, type FakeApi, type FakeApiOptions, createFakeApi } from './fake-api/fake-api';
import type { FakeTable, MessageOfTable } from './fake-api/operation-types';
import type { ButtonSelector } from './find-button';
import { MAX_TEST_CHATS, MAX_TEST_USERS } from './max/max-test-world';
import { TEST_CHATS, TEST_USERS } from './test-world';
import { maxUpdates, pressButton, textMessage } from './updates';

/**
 * The user type of table `T`'s dialect (`User` or `MaxUser`).
 *
 * @example
 * const bob: UserOfTable<MaxOperations> = MAX_TEST_USERS.bob;
 */
export type UserOfTable<T extends FakeTable> = T extends MaxOperations ? MaxUser : User;

/**
 * The recipient type of table `T`'s dialect (`Recipient` or `MaxRecipient`).
 *
 * @example
 * const group: RecipientOfTable<MaxOperations> = MAX_TEST_CHATS.group;
 */
export type RecipientOfTable<T extends FakeTable> = T extends MaxOperations ? MaxRecipient : Recipient;

/**
 * The `message_created` update of table `T`'s dialect.
 *
 * @example
 * const hi: MessageCreatedOfTable<MaxOperations> = maxUpdates.textMessage('hi');
 */
export type MessageCreatedOfTable<T extends FakeTable> = Extract<UpdateOfTable<T>, { update_type: 'message_created' }>;

/**
 * The test world and update factories of one dialect, typed by its model.
 *
 * @example
 * function suite<T extends FakeTable>(kit: DialectKit<T>) {
 *   const api = kit.fakeApi();
 *   echoBot(api, of(kit.textMessage('ping', { from: kit.users.bob }))).subscribe();
 *   expectSent(api, { userId: kit.users.bob.user_id, text: 'ping' });
 * }
 */
export interface DialectKit<T extends FakeTable> {
  /** `'tamtam'` or `'max'`. */
  readonly dialect: 'tamtam' | 'max';
  /** A fresh fake api of this dialect (options as {@link createFakeApi}'s, without `dialect`). */
  fakeApi(options?: Omit<FakeApiOptions, 'dialect' | 'responses' | 'bot'>): FakeApi<T>;
  /** The test users (`TEST_USERS` or `MAX_TEST_USERS`). */
  readonly users: {
    readonly bot: UserOfTable<T>;
    readonly alice: UserOfTable<T>;
    readonly bob: UserOfTable<T>;
    readonly carol: UserOfTable<T>;
  };
  /** The test chats (`TEST_CHATS` or `MAX_TEST_CHATS`). */
  readonly chats: {
    readonly dialogWithAlice: RecipientOfTable<T>;
    readonly group: RecipientOfTable<T>;
    readonly channel: RecipientOfTable<T>;
  };
  /** A user writes `text` (`textMessage` or `maxUpdates.textMessage`). */
  textMessage(
    text: string | null,
    options?: { readonly from?: UserOfTable<T>; readonly chat?: RecipientOfTable<T> },
  ): MessageCreatedOfTable<T>;
  /** A press of a callback button of `message` (`pressButton` or `maxUpdates.pressButton`). */
  pressButton(
    message: MessageOfTable<T>,
    selector: ButtonSelector,
    options?: { readonly by?: UserOfTable<T> },
  ): CallbackUpdateOfTable<T>;
}

const TAMTAM_KIT: DialectKit<TamTamOperations> = {
  dialect: 'tamtam',
  fakeApi: (options = {}) => createFakeApi(options),
  users: TEST_USERS,
  chats: TEST_CHATS,
  textMessage: (text, options) => textMessage(text, options),
  pressButton: (message, selector, options) => pressButton(message, selector, options),
};

const MAX_KIT: DialectKit<MaxOperations> = {
  dialect: 'max',
  fakeApi: (options = {}) => createFakeApi({ ...options, dialect: 'max' }),
  users: MAX_TEST_USERS,
  chats: MAX_TEST_CHATS,
  textMessage: (text, options) => maxUpdates.textMessage(text, options),
  pressButton: (message, selector, options) => maxUpdates.pressButton(message, selector, options),
};

/**
 * The {@link DialectKit} of a dialect: fake api, test users and chats, and the update
 * factories, typed by that dialect's model. Write a bot's tests once, generic over the table,
 * and run them on both.
 *
 * @example
 * describe.each([dialectKit('tamtam'), dialectKit('max')])('echo on $dialect', (kit) => {
 *   it('echoes', () => echoSuite(kit));
 * });
 */
export function dialectKit<D extends 'tamtam' | 'max'>(dialect: D): DialectKit<OperationsOf<D>>;
export function dialectKit(dialect: 'tamtam' | 'max'): DialectKit<TamTamOperations> | DialectKit<MaxOperations> {
  if (dialect === 'max') return MAX_KIT;
  if (dialect === 'tamtam') return TAMTAM_KIT;
  throw new TypeError(`dialectKit: unknown dialect ${JSON.stringify(dialect)}; use 'tamtam' or 'max'`);
}
