/**
 * Validation of inline keyboards sent by the bot.
 */
import type { Button, Keyboard } from '../../types';
import { BUTTON_TYPES, INTENTS } from '../../types';
import { badBody } from '../http/api-error';
import { JsonObject, describe } from '../http/json-body';
import type { IdAllocator } from './ids';

/** Limits of the real clients, enforced so a bot that passes here passes there. */
const MAX_ROWS = 30;
const MAX_PER_ROW = 7;
const MAX_BUTTONS = 210;

/**
 * Reads and checks an inline keyboard payload (`{ buttons: Button[][] }`). Chat buttons without
 * a `uuid` get one, as the server does.
 *
 * @example
 * readKeyboard(JsonObject.of({ buttons: [[{ type: 'callback', text: 'OK', payload: 'ok' }]] }, 'payload'), ids);
 */
export function readKeyboard(payload: JsonObject, ids: IdAllocator): Keyboard {
  const rows = payload.array('buttons');
  if (rows === undefined) throw badBody(`\`${payload.path('buttons')}\` is required (an array of rows)`);
  if (rows.length === 0) throw badBody(`\`${payload.path('buttons')}\` must have at least one row`);
  if (rows.length > MAX_ROWS) throw badBody(`A keyboard has at most ${MAX_ROWS} rows, got ${rows.length}`);
  let total = 0;
  const buttons = rows.map((row, r) => {
    const at = `${payload.path('buttons')}[${r}]`;
    if (!Array.isArray(row)) throw badBody(`\`${at}\` must be an array of buttons, got ${describe(row)}`);
    if (row.length === 0) throw badBody(`\`${at}\` must have at least one button`);
    if (row.length > MAX_PER_ROW) {
      throw badBody(`\`${at}\` has ${row.length} buttons; a row holds at most ${MAX_PER_ROW}`);
    }
    total += row.length;
    return row.map((item, c) => readButton(JsonObject.of(item, `${at}[${c}]`), ids));
  });
  if (total > MAX_BUTTONS) throw badBody(`A keyboard has at most ${MAX_BUTTONS} buttons, got ${total}`);
  return { buttons };
}

function readButton(b: JsonObject, ids: IdAllocator): Button {
  const type = b.enumValue('type', BUTTON_TYPES);
  if (type === undefined) throw badBody(`\`${b.path('type')}\` is required (one of ${BUTTON_TYPES.join(', ')})`);
  const text = b.requiredString('text', { min: 1, max: 128 });
  switch (type) {
    case 'callback': {
      const payload = b.requiredString('payload', { max: 1024 });
      const intent = b.enumValue('intent', INTENTS);
      return { type, text, payload, ...(intent === undefined ? {} : { intent }) };
    }
    case 'link': {
      const url = b.requiredString('url', { min: 1, max: 2048 });
      if (!/^(https?|tamtam):\/\//i.test(url)) {
        throw badBody(`\`${b.path('url')}\` must be an http(s) URL, got ${JSON.stringify(url.slice(0, 60))}`);
      }
      return { type, text, url };
    }
    case 'request_contact':
      return { type, text };
    case 'request_geo_location': {
      const quick = b.bool('quick');
      return { type, text, ...(quick === undefined ? {} : { quick }) };
    }
    case 'chat': {
      const chatTitle = b.requiredString('chat_title', { min: 1, max: 200 });
      return {
        type,
        text,
        chat_title: chatTitle,
        chat_description: b.string('chat_description', { max: 400 }) ?? null,
        start_payload: b.string('start_payload', { max: 512 }) ?? null,
        uuid: b.int('uuid') ?? ids.count('chat-button-uuid') + 1_000_000,
      };
    }
  }
}
