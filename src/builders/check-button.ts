/**
 * Checks one button against the schema's limits, naming the button in every error.
 */
import type { Button } from '../types/index';
import { BUTTON_TYPES, INTENTS } from '../types/index';
import { KeyboardError, type KeyboardPosition } from './keyboard-error';
import { KEYBOARD_LIMITS, type KeyboardLimit } from './limits';

const LINK_SCHEMES = /^(https?|tamtam):\/\/\S/i;

/**
 * Returns `button` when it is well-formed and within every limit; throws a `KeyboardError`
 * naming the button (position when given, and label), the field and the limit otherwise.
 *
 * @example
 * checkButton({ type: 'link', text: 'Docs', url: 'https://dev.tamtam.chat' }, { row: 0, column: 1 });
 */
export function checkButton(button: Button, position?: KeyboardPosition): Button {
  const where = describePosition(button, position);
  const fail = (message: string, limit?: KeyboardLimit, actual?: number): never => {
    const details: { limit?: KeyboardLimit; max?: number; actual?: number; position?: KeyboardPosition } = {};
    if (limit !== undefined) {
      details.limit = limit;
      details.max = KEYBOARD_LIMITS[limit];
    }
    if (actual !== undefined) details.actual = actual;
    if (position !== undefined) details.position = position;
    throw new KeyboardError(`${where}: ${message}`, details);
  };
  if (typeof button !== 'object' || button === null) return fail('expected a button object');
  if (!(BUTTON_TYPES as readonly string[]).includes(button.type))
    return fail(`unknown button type ${JSON.stringify(button.type)}; expected one of ${BUTTON_TYPES.join(', ')}`);
  const text: unknown = button.text;
  if (typeof text !== 'string' || text.length === 0) return fail('text must be a non-empty string');
  checkLength(fail, 'text', text, 'buttonText');
  switch (button.type) {
    case 'callback':
      if (typeof button.payload !== 'string') return fail('payload must be a string');
      checkLength(fail, 'payload', button.payload, 'callbackPayload');
      if (button.intent !== undefined && !(INTENTS as readonly string[]).includes(button.intent)) {
        fail(`intent ${JSON.stringify(button.intent)} is not one of ${INTENTS.join(', ')}`);
      }
      break;
    case 'link':
      if (typeof button.url !== 'string' || !LINK_SCHEMES.test(button.url))
        return fail(`url must be an http(s):// or tamtam:// link, got ${JSON.stringify(button.url)}`);
      checkLength(fail, 'url', button.url, 'linkUrl');
      break;
    case 'chat':
      if (typeof button.chat_title !== 'string' || button.chat_title.length === 0)
        return fail('chat_title must be a non-empty string');
      checkLength(fail, 'chat_title', button.chat_title, 'chatTitle');
      if (typeof button.chat_description === 'string')
        checkLength(fail, 'chat_description', button.chat_description, 'chatDescription');
      if (typeof button.start_payload === 'string')
        checkLength(fail, 'start_payload', button.start_payload, 'startPayload');
      if (button.uuid !== undefined && button.uuid !== null && !Number.isInteger(button.uuid))
        fail('uuid must be an integer');
      break;
    case 'request_geo_location':
      if (button.quick !== undefined && typeof button.quick !== 'boolean') fail('quick must be a boolean');
      break;
    case 'request_contact':
      break;
  }
  return button;
}

function checkLength(
  fail: (message: string, limit?: KeyboardLimit, actual?: number) => never,
  field: string,
  value: string,
  limit: KeyboardLimit,
): void {
  const max = KEYBOARD_LIMITS[limit];
  if (value.length > max) fail(`${field} is ${value.length} characters; the limit is ${max}`, limit, value.length);
}

function describePosition(button: Button, position: KeyboardPosition | undefined): string {
  const label =
    typeof button === 'object' && button !== null && typeof button.text === 'string' && button.text !== ''
      ? ` ${JSON.stringify(button.text.length > 40 ? `${button.text.slice(0, 40)}…` : button.text)}`
      : '';
  const type =
    typeof button === 'object' && button !== null && typeof button.type === 'string' ? button.type : 'button';
  if (position === undefined) return `${type} button${label}`;
  const column = position.column === undefined ? '' : `, button ${position.column + 1}`;
  return `${type} button${label} (row ${position.row + 1}${column})`;
}
