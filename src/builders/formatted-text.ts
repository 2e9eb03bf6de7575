/**
 * Formatted message text: a `text` plus the `format` the server must parse it with.
 */
import type { TextFormat } from '../types/index';

/**
 * Text in TamTam markdown or HTML, produced by `md`/`html` and their helpers. Spread it into a
 * message body (`{ ...md`Hi ${name}`, attachments }`) or interpolate it into another template
 * of the same format, where it is inserted as is (not escaped again).
 *
 * @example
 * const greeting = md`Hello, ${md.bold(user.name)}!`;
 * sendMessage(api, { chat_id }, { ...greeting, notify: false });
 */
export class FormattedText {
  /** The source text, markup included. */
  readonly text: string;
  /** How the server parses `text`. */
  readonly format: TextFormat;

  constructor(text: string, format: TextFormat) {
    this.text = text;
    this.format = format;
  }

  /** The source text, so a fragment also works where a plain string is expected. */
  toString(): string {
    return this.text;
  }
}

/**
 * `true` for a {@link FormattedText}.
 *
 * @example
 * isFormattedText(md`x`); // true
 */
export function isFormattedText(value: unknown): value is FormattedText {
  return value instanceof FormattedText;
}

/**
 * What the `md`/`html` templates and helpers accept: plain values (escaped) or fragments of
 * the same format (kept as they are).
 *
 * @example
 * const parts: FormatInput[] = ['a*b', 42, md.bold('c')];
 */
export type FormatInput = string | number | bigint | boolean | FormattedText;

/**
 * Turns one input into source text of `format`: escapes plain values, passes same-format
 * fragments through, rejects the rest with a TypeError.
 *
 * @example
 * render('markdown', escapeMarkdown, 'md', 'a*b'); // 'a\\*b'
 */
export function render(
  format: TextFormat,
  escapeText: (text: string) => string,
  builder: string,
  value: unknown,
): string {
  if (value instanceof FormattedText) {
    if (value.format !== format) {
      throw new TypeError(
        `${builder}: cannot mix ${value.format} into ${format}; build the whole message with one of md or html`,
      );
    }
    return value.text;
  }
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return escapeText(String(value));
  const what =
    value === null ? 'null' : value === undefined ? 'undefined' : Array.isArray(value) ? 'an array' : typeof value;
  throw new TypeError(
    `${builder}: cannot insert ${what}; insert strings, numbers or ${builder} fragments (use ${builder}.join for lists)`,
  );
}

/**
 * Builds a tagged template that escapes every interpolation.
 *
 * @example
 * const tag = templateTag('markdown', escapeMarkdown, 'md');
 * tag`Hi ${'*you*'}`.text; // 'Hi \\*you\\*'
 */
export function templateTag(format: TextFormat, escapeText: (text: string) => string, builder: string) {
  return (strings: TemplateStringsArray, ...values: readonly FormatInput[]): FormattedText => {
    let text = strings[0] ?? '';
    for (let i = 0; i < values.length; i++)
      text += render(format, escapeText, builder, values[i]) + (strings[i + 1] ?? '');
    return new FormattedText(text, format);
  };
}
