/**
 * Validation of inline keyboards sent by the bot.
 */
import type { Button, Keyboard } from '../../types';
import { BUTTON_TYPES, INTENTS } from '../../types';
import { type EmulatorDialect, TAMTAM_EMULATOR_DIALECT } from '../dialect';
import { badBody } from '../http/api-error';
import { JsonObject, describe } from '../http/json-body';
import type { IdAllocator } from './ids';

/** Limits of the real clients, enforced so a bot that passes here passes there. */
const MAX_ROWS = 30;
const MAX_PER_ROW = 7;
const MAX_BUTTONS = 210;

/** Inline button types of the Max dialect: no `chat` button, and `open_app`, `message`, `clipboard`. */
const MAX_BUTTON_TYPES = [
  'callback',
  'link',
  'request_geo_location',
  'request_contact',
  'open_app',
  'message',
  'clipboard',
] as const;

/**
 * Reads and checks an inline keyboard payload (`{ buttons: Button[][] }`) of the dialect's
 * button types. Chat buttons (TamTam) without a `uuid` get one, as the server does.
 *
 * @example
 * readKeyboard(JsonObject.of({ buttons: [[{ type: 'callback', text: 'OK', payload: 'ok' }]] }, 'payload'), ids);
 */
export function readKeyboard(
  payload: JsonObject,
  ids: IdAllocator,
  dialect: EmulatorDialect = TAMTAM_EMULATOR_DIALECT,
): Keyboard {
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
    return row.map((item, c) => {
      const button = JsonObject.of(item, `${at}[${c}]`);
      return dialect.name === 'max' ? readMaxButton(button) : readButton(button, ids);
    });
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

/**
 * A Max inline button. The extra types are not in the TamTam `Button` union; they are stored
 * as received and rendered by the web chat (`open_app` shows the app, `message` sends its
 * text, `clipboard` copies its payload).
 */
function readMaxButton(b: JsonObject): Button {
  const type = b.enumValue('type', MAX_BUTTON_TYPES);
  if (type === undefined) throw badBody(`\`${b.path('type')}\` is required (one of ${MAX_BUTTON_TYPES.join(', ')})`);
  const text = b.requiredString('text', { min: 1, max: 128 });
  switch (type) {
    case 'callback':
      return { type, text, payload: b.requiredString('payload', { max: 1024 }) };
    case 'link': {
      const url = b.requiredString('url', { min: 1, max: 2048 });
      if (!/^https?:\/\//i.test(url)) {
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
    case 'open_app': {
      const webApp = b.string('web_app', { min: 1, max: 256 });
      const contactId = b.int('contact_id');
      const appPayload = b.string('payload', { max: 1024 });
      if (webApp === undefined && contactId === undefined) {
        throw badBody(`\`${b.at}\` (open_app) needs \`web_app\` (the bot's app) or \`contact_id\``);
      }
      return {
        type,
        text,
        ...(webApp === undefined ? {} : { web_app: webApp }),
        ...(contactId === undefined ? {} : { contact_id: contactId }),
        ...(appPayload === undefined ? {} : { payload: appPayload }),
      } as unknown as Button;
    }
    case 'message':
      return { type, text } as unknown as Button;
    case 'clipboard':
      return { type, text, payload: b.requiredString('payload', { max: 1024 }) } as unknown as Button;
  }
}
