/**
 * Size limits of inline keyboards.
 *
 * Lengths are counted like JavaScript's `String#length` (UTF-16 code units). The schema's
 * `maxLength` counts characters (code points); a code unit count is never smaller, so
 * whatever passes here also passes the schema, and it matches how the server and
 * `sendMessage` count message text.
 */

/**
 * Keyboard limits. Text and payload lengths come from the Bot API 0.5.6 schema. The schema
 * states no limit on rows or buttons; `rows`, `buttonsPerRow` and `buttons` are the limits
 * TamTam clients document for inline keyboards (30 rows, 7 buttons a row, 210 buttons),
 * enforced so a keyboard that builds here also shows up in the apps.
 *
 * @example
 * KEYBOARD_LIMITS.callbackPayload; // 1024
 */
export const KEYBOARD_LIMITS = {
  /** Button label: 1–128 characters (schema). */
  buttonText: 128,
  /** Callback button payload: up to 1024 characters (schema). */
  callbackPayload: 1024,
  /** Link button URL: up to 2048 characters (schema). */
  linkUrl: 2048,
  /** Chat button `chat_title`: up to 200 characters (schema). */
  chatTitle: 200,
  /** Chat button `chat_description`: up to 400 characters (schema). */
  chatDescription: 400,
  /** Chat button `start_payload`: up to 512 characters (schema). */
  startPayload: 512,
  /** Rows in one keyboard (TamTam client limit, not in the schema). */
  rows: 30,
  /** Buttons in one row (TamTam client limit, not in the schema). */
  buttonsPerRow: 7,
  /** Buttons in one keyboard (TamTam client limit, not in the schema). */
  buttons: 210,
} as const;

/**
 * Name of one keyboard limit.
 *
 * @example
 * const broken: KeyboardLimit = 'callbackPayload';
 */
export type KeyboardLimit = keyof typeof KEYBOARD_LIMITS;
