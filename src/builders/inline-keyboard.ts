/**
 * Inline keyboards: rows of buttons attached to a message.
 */
import type { Button, InlineKeyboardAttachmentRequest } from '../types/index';
import { checkButton } from './check-button';
import { KeyboardError } from './keyboard-error';
import { KEYBOARD_LIMITS } from './limits';

/**
 * An inline keyboard attachment holding buttons of the kinds in `B`. Built from callback and
 * link buttons only, it is a valid attachment on Max too (Max has both, without `intent`,
 * which it ignores), so one keyboard serves a bot written for both dialects.
 *
 * @example
 * const kb: InlineKeyboardOf<CallbackButton> = inlineKeyboard([[callbackButton('Yes', 'yes')]]);
 */
export interface InlineKeyboardOf<B extends Button = Button> extends InlineKeyboardAttachmentRequest {
  payload: { buttons: B[][] };
}

/**
 * An inline keyboard attachment from rows of buttons (top to bottom); its type keeps the kinds
 * of buttons it holds (see {@link InlineKeyboardOf}). Checks every limit —
 * at least one row and one button a row, at most 30 rows, 7 buttons a row and 210 buttons,
 * and every button's own limits — and throws a `KeyboardError` naming the row and button.
 *
 * @example
 * sendMessage(api, { chat_id }, {
 *   text: 'Deploy build 482?',
 *   attachments: [inlineKeyboard([
 *     [callbackButton('Yes', 'deploy:482'), callbackButton('No', 'cancel', { intent: 'negative' })],
 *     [linkButton('Changelog', 'https://ci.example.com/b/482')],
 *   ])],
 * });
 */
export function inlineKeyboard<R extends readonly (readonly Button[])[]>(rows: R): InlineKeyboardOf<R[number][number]> {
  if (!Array.isArray(rows)) throw new KeyboardError('inlineKeyboard: expected an array of rows (arrays of buttons)');
  if (rows.length === 0) throw new KeyboardError('inlineKeyboard: a keyboard needs at least one row');
  if (rows.length > KEYBOARD_LIMITS.rows) {
    throw new KeyboardError(
      `inlineKeyboard: ${rows.length} rows; a keyboard holds at most ${KEYBOARD_LIMITS.rows} (use buttonGrid with more columns, or paginate)`,
      {
        limit: 'rows',
        max: KEYBOARD_LIMITS.rows,
        actual: rows.length,
      },
    );
  }
  let total = 0;
  const buttons = rows.map((row, r) => {
    if (!Array.isArray(row))
      throw new KeyboardError(`inlineKeyboard: row ${r + 1} must be an array of buttons`, { position: { row: r } });
    if (row.length === 0)
      throw new KeyboardError(`inlineKeyboard: row ${r + 1} is empty; drop it or add a button`, {
        position: { row: r },
      });
    if (row.length > KEYBOARD_LIMITS.buttonsPerRow) {
      throw new KeyboardError(
        `inlineKeyboard: row ${r + 1} has ${row.length} buttons; a row holds at most ${KEYBOARD_LIMITS.buttonsPerRow}`,
        {
          limit: 'buttonsPerRow',
          max: KEYBOARD_LIMITS.buttonsPerRow,
          actual: row.length,
          position: { row: r },
        },
      );
    }
    total += row.length;
    return row.map((button, c) => {
      checkButton(button, { row: r, column: c });
      return button;
    });
  });
  if (total > KEYBOARD_LIMITS.buttons) {
    throw new KeyboardError(`inlineKeyboard: ${total} buttons; a keyboard holds at most ${KEYBOARD_LIMITS.buttons}`, {
      limit: 'buttons',
      max: KEYBOARD_LIMITS.buttons,
      actual: total,
    });
  }
  return { type: 'inline_keyboard', payload: { buttons } };
}

/**
 * Lays buttons out in rows of `columns` (the last row may be shorter), ready for
 * {@link inlineKeyboard}.
 *
 * @example
 * inlineKeyboard(buttonGrid(days.map((d) => callbackButton(d, `day:${d}`)), 3));
 */
export function buttonGrid<B extends Button>(buttons: readonly B[], columns: number): B[][] {
  if (!Number.isInteger(columns) || columns < 1 || columns > KEYBOARD_LIMITS.buttonsPerRow) {
    throw new KeyboardError(
      `buttonGrid: columns must be a whole number from 1 to ${KEYBOARD_LIMITS.buttonsPerRow}, got ${String(columns)}`,
      {
        limit: 'buttonsPerRow',
        max: KEYBOARD_LIMITS.buttonsPerRow,
      },
    );
  }
  const rows: B[][] = [];
  for (let i = 0; i < buttons.length; i += columns) rows.push(buttons.slice(i, i + columns));
  return rows;
}
