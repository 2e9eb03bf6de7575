/**
 * Test data in Max's wire shape. The update factories build TamTam-shaped objects; a Max
 * server sends the same events with Max users (`first_name`, `last_name`), one chat type
 * (`chat`), contacts with `max_info` and callback buttons without `intent`. These functions
 * make the first into the second, the way the emulator's Max dialect writes its wire objects.
 */
import type { MaxUpdateOf, MaxUpdateType, MaxUser, Update, UpdateOf, User } from '../../types/index';

/**
 * The update types both dialects have.
 *
 * @example
 * const shared: SharedUpdateType = 'message_created';
 */
export type SharedUpdateType = MaxUpdateType & Update['update_type'];

/**
 * A TamTam user as Max sends it: `first_name` is the name up to its first space and
 * `last_name` the rest (`null` when there is none; bots have only a first name), `name` kept
 * (Max still sends it, deprecated).
 *
 * @example
 * toMaxUser(TEST_USERS.alice); // { user_id, first_name: 'Alice', last_name: 'Smith', name: 'Alice Smith', ... }
 */
export function toMaxUser(user: User): MaxUser {
  const space = user.name.indexOf(' ');
  const split = !user.is_bot && space !== -1;
  return {
    user_id: user.user_id,
    first_name: split ? user.name.slice(0, space) : user.name,
    ...(user.is_bot ? {} : { last_name: split ? user.name.slice(space + 1) : null }),
    name: user.name,
    username: user.username,
    is_bot: user.is_bot,
    last_activity_time: user.last_activity_time,
  };
}

/**
 * A Max user as the TamTam-shaped factories take it: `name` is the deprecated `name` when
 * present, else the first and last name joined.
 *
 * @example
 * fromMaxUser(MAX_TEST_USERS.bob).name; // 'Bob Brown'
 */
export function fromMaxUser(user: MaxUser): User {
  return {
    user_id: user.user_id,
    name: user.name ?? [user.first_name, user.last_name ?? ''].join(' ').trim(),
    username: user.username,
    is_bot: user.is_bot,
    last_activity_time: user.last_activity_time,
  };
}

/**
 * An update of a type both dialects share, in Max's wire shape (a deep copy; the input is left
 * as it is).
 *
 * @example
 * const created = toMaxUpdate(textMessage('hi')); // MaxMessageCreatedUpdate, sender with first_name
 */
export function toMaxUpdate<K extends SharedUpdateType>(update: UpdateOf<K>): MaxUpdateOf<K> {
  // maxify rewrites exactly the fields in which the two models of these updates differ
  return maxify(update) as MaxUpdateOf<K>;
}

function maxify(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => maxify(item));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Readonly<Record<string, unknown>>;
  if (isTamTamUser(source) && !('first_name' in source)) {
    const { user_id, name, username, is_bot, last_activity_time, ...rest } = source;
    return { ...toMaxUser({ user_id, name, username, is_bot, last_activity_time }), ...maxifyFields(rest) };
  }
  const copy = maxifyFields(source);
  if (key === 'recipient' && typeof copy['chat_type'] === 'string') copy['chat_type'] = 'chat';
  if ('tam_info' in copy) {
    copy['max_info'] = copy['tam_info'];
    delete copy['tam_info'];
  }
  if (copy['type'] === 'callback' && 'intent' in copy) delete copy['intent'];
  return copy;
}

function maxifyFields(source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) copy[key] = maxify(item, key);
  return copy;
}

function isTamTamUser(value: Readonly<Record<string, unknown>>): value is Readonly<Record<string, unknown>> & User {
  return (
    typeof value['user_id'] === 'number' &&
    typeof value['name'] === 'string' &&
    typeof value['is_bot'] === 'boolean' &&
    typeof value['last_activity_time'] === 'number' &&
    'username' in value
  );
}
