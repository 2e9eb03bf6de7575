/**
 * Formatting ranges over a message's text.
 */
import type { Assert, SameMembers } from './type-checks';

/**
 * Fields every markup element has: a `type` and a range over the text (UTF-16 units).
 *
 * @example
 * const bold: MarkupBase<'strong'> = { type: 'strong', from: 0, length: 5 };
 */
export interface MarkupBase<T extends string> {
  type: T;
  /** Zero-based start offset in the text. */
  from: number;
  length: number;
}

/**
 * Bold text.
 *
 * @example
 * const m: StrongMarkup = { type: 'strong', from: 0, length: 4 };
 */
export interface StrongMarkup extends MarkupBase<'strong'> {}

/**
 * Italic text.
 *
 * @example
 * const m: EmphasizedMarkup = { type: 'emphasized', from: 5, length: 3 };
 */
export interface EmphasizedMarkup extends MarkupBase<'emphasized'> {}

/**
 * Inline code or a code block.
 *
 * @example
 * const m: MonospacedMarkup = { type: 'monospaced', from: 0, length: 8 };
 */
export interface MonospacedMarkup extends MarkupBase<'monospaced'> {}

/**
 * A text range that links to `url`.
 *
 * @example
 * const m: LinkMarkup = { type: 'link', from: 0, length: 4, url: 'https://example.com' };
 */
export interface LinkMarkup extends MarkupBase<'link'> {
  /** 1–2048 chars. */
  url: string;
}

/**
 * Struck-through text.
 *
 * @example
 * const m: StrikethroughMarkup = { type: 'strikethrough', from: 0, length: 3 };
 */
export interface StrikethroughMarkup extends MarkupBase<'strikethrough'> {}

/**
 * Underlined text.
 *
 * @example
 * const m: UnderlineMarkup = { type: 'underline', from: 0, length: 3 };
 */
export interface UnderlineMarkup extends MarkupBase<'underline'> {}

/**
 * A heading line.
 *
 * @example
 * const m: HeadingMarkup = { type: 'heading', from: 0, length: 7 };
 */
export interface HeadingMarkup extends MarkupBase<'heading'> {}

/**
 * Highlighted text.
 *
 * @example
 * const m: HighlightedMarkup = { type: 'highlighted', from: 0, length: 7 };
 */
export interface HighlightedMarkup extends MarkupBase<'highlighted'> {}

/**
 * A mention of a user: by `@username` (`user_link`) or, for users without one, by `user_id`.
 *
 * @example
 * const m: UserMentionMarkup = { type: 'user_mention', from: 0, length: 6, user_link: '@alice', user_id: null };
 */
export interface UserMentionMarkup extends MarkupBase<'user_mention'> {
  user_link?: string | null;
  user_id?: number | null;
}

/**
 * Maps each markup `type` to its interface.
 *
 * @example
 * type L = MarkupElementByType['link']; // LinkMarkup
 */
export interface MarkupElementByType {
  strong: StrongMarkup;
  emphasized: EmphasizedMarkup;
  monospaced: MonospacedMarkup;
  link: LinkMarkup;
  strikethrough: StrikethroughMarkup;
  underline: UnderlineMarkup;
  user_mention: UserMentionMarkup;
  heading: HeadingMarkup;
  highlighted: HighlightedMarkup;
}

/**
 * Every markup kind.
 *
 * @example
 * const kind: MarkupType = 'user_mention';
 */
export type MarkupType = keyof MarkupElementByType;

/**
 * Any markup element; narrow on `type`.
 *
 * @example
 * if (m.type === 'link') console.log(m.url);
 */
export type MarkupElement = MarkupElementByType[MarkupType];

/**
 * The markup interface for one `type`.
 *
 * @example
 * const m: MarkupElementOf<'strong'> = { type: 'strong', from: 0, length: 1 };
 */
export type MarkupElementOf<T extends MarkupType> = MarkupElementByType[T];

/**
 * Every {@link MarkupType}, in schema order.
 *
 * @example
 * MARKUP_TYPES.includes('heading'); // true
 */
export const MARKUP_TYPES = [
  'strong',
  'emphasized',
  'monospaced',
  'link',
  'strikethrough',
  'underline',
  'user_mention',
  'heading',
  'highlighted',
] as const;
type _MarkupTypesMatch = Assert<SameMembers<(typeof MARKUP_TYPES)[number], MarkupType>>;
