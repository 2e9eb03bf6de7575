import { describe, expect, it } from 'vitest';
import { SCHEMA_NAMES, checkSchema } from './schema-checks';

const user = { user_id: 1, name: 'A', username: null, is_bot: false, last_activity_time: 5 };

describe('checkSchema (the conformance validator itself)', () => {
  it('accepts a conforming object', () => {
    expect(checkSchema('User', user)).toEqual([]);
  });

  it('reports missing required fields, wrong types and bad enums', () => {
    const { name: _name, ...noName } = user;
    expect(checkSchema('User', noName)).toEqual(['User.name: required field missing']);
    expect(checkSchema('User', { ...user, user_id: 1.5 })).toEqual(['User.user_id: expected integer, got number 1.5']);
    expect(checkSchema('User', { ...user, username: 3 })).toEqual(['User.username: expected string, got number']);
    expect(checkSchema('Recipient', { chat_id: 1, chat_type: 'group', user_id: null })).toEqual([
      'Recipient.chat_type: expected one of dialog|chat|channel, got "group"',
    ]);
  });

  it('follows refs, arrays and unions', () => {
    const update = { update_type: 'bot_started', timestamp: 1, chat_id: 2, user: { ...user, is_bot: 'no' } };
    expect(checkSchema('Update', update)).toEqual(['Update<bot_started>.user.is_bot: expected boolean, got string']);
    expect(checkSchema('Update', { update_type: 'nope', timestamp: 1 })).toEqual(['Update.update_type: unknown Update variant "nope"']);
    expect(checkSchema('Keyboard', { buttons: [[{ type: 'link', text: 'x' }]] })).toEqual([
      'Keyboard.buttons[0][0]<link>.url: required field missing',
    ]);
  });

  it('reports unknown fields only in strict mode', () => {
    expect(checkSchema('User', { ...user, extra: 1 })).toEqual([]);
    expect(checkSchema('User', { ...user, extra: 1 }, { strict: true })).toEqual(['User.extra: field not in the schema']);
  });

  it('knows every object the conformance test uses', () => {
    for (const name of SCHEMA_NAMES) expect(Array.isArray(checkSchema(name, {}))).toBe(true);
  });
});
