import type { KeyboardLimit } from './limits';

/**
 * Where in a keyboard a problem is, 0-based (shown 1-based in messages).
 *
 * @example
 * const second: KeyboardPosition = { row: 0, column: 1 }; // "row 1, button 2"
 */
export interface KeyboardPosition {
  readonly row: number;
  readonly column?: number;
}

/**
 * A button or keyboard breaks a TamTam limit or is malformed. The message names the button
 * (its position and label), the field, the limit and the actual value.
 *
 * @example
 * try { inlineKeyboard([[callbackButton('x'.repeat(200), 'p')]]); }
 * catch (e) { if (isKeyboardError(e)) console.log(e.limit, e.max, e.actual); } // 'buttonText', 128, 200
 */
export class KeyboardError extends TypeError {
  override readonly name = 'KeyboardError';
  /** Which limit was broken; `undefined` when the button is malformed rather than too big. */
  readonly limit: KeyboardLimit | undefined;
  /** The limit's value. */
  readonly max: number | undefined;
  /** The offending size. */
  readonly actual: number | undefined;
  /** Where the button is, when known. */
  readonly position: KeyboardPosition | undefined;

  constructor(
    message: string,
    details: { limit?: KeyboardLimit; max?: number; actual?: number; position?: KeyboardPosition } = {},
  ) {
    super(message);
    this.limit = details.limit;
    this.max = details.max;
    this.actual = details.actual;
    this.position = details.position;
  }
}

/**
 * `true` for a {@link KeyboardError}.
 *
 * @example
 * if (isKeyboardError(error)) console.error(`fix button at row ${error.position?.row}`);
 */
export function isKeyboardError(value: unknown): value is KeyboardError {
  return value instanceof KeyboardError;
}
