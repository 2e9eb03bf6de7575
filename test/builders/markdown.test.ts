import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FormattedText, escapeMarkdown, html, isFormattedText, md } from '../../src/builders';
// The emulator's parser mirrors how the server reads TamTam markdown; it is the oracle here.
import { parseMarkdown } from '../../src/emulator/state/markup/markdown';

const nasty = '*Al_ice* [x](y) ~~z~~ ++u++ ^^m^^ `c` # \\ & <b>';

describe('escapeMarkdown', () => {
  it('puts a backslash before every special character', () => {
    expect(escapeMarkdown('*_~+^`[]()#\\')).toBe('\\*\\_\\~\\+\\^\\`\\[\\]\\(\\)\\#\\\\');
    expect(escapeMarkdown('plain text, 100% fine!')).toBe('plain text, 100% fine!');
  });

  it('any text renders literally: parsed back it is the same text with no formatting', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('*', '_', '~', '+', '^', '`', '[', ']', '(', ')', '#', '\\', '\n', ' ', 'a', '&', '<'),
        }),
        (text) => {
          expect(parseMarkdown(escapeMarkdown(text))).toEqual({ text, markup: [] });
        },
      ),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(parseMarkdown(escapeMarkdown(text)).text).toBe(text);
      }),
    );
  });
});

describe('md', () => {
  it('escapes interpolations and sets the format', () => {
    const out = md`Hello, ${nasty}!`;
    expect(out).toBeInstanceOf(FormattedText);
    expect(out.format).toBe('markdown');
    expect(parseMarkdown(out.text)).toEqual({ text: `Hello, ${nasty}!`, markup: [] });
  });

  it('spreads into a message body as { text, format }', () => {
    expect({ ...md`a ${'*'}`, notify: false }).toEqual({ text: 'a \\*', format: 'markdown', notify: false });
  });

  it('a user name with special characters renders literally inside formatting', () => {
    const name = 'Al*ice_<&>_Bob';
    const out = parseMarkdown(
      md`Hi ${md.bold(name)}, see ${md.link('the (rules)', 'https://example.com/a_(b) c')}`.text,
    );
    expect(out.text).toBe(`Hi ${name}, see the (rules)`);
    expect(out.markup).toEqual([
      { type: 'strong', from: 3, length: name.length },
      { type: 'link', from: 23, length: 11, url: 'https://example.com/a_%28b%29%20c' },
    ]);
  });

  it('escapes next to delimiters and inside link labels, as CommonMark reads them', () => {
    // CommonMark skips escaped characters when it looks for the closing delimiter or `]`.
    expect(md.bold('*Alice*').text).toBe('**\\*Alice\\***');
    expect(md.italic('_x_').text).toBe('_\\_x\\__');
    expect(md.link('[a]', 'https://e.x').text).toBe('[\\[a\\]](https://e.x)');
  });

  it('every style helper produces its markup', () => {
    const cases: [FormattedText, string][] = [
      [md.bold('x*y'), 'strong'],
      [md.italic('x*y'), 'emphasized'],
      [md.strike('x~y'), 'strikethrough'],
      [md.underline('x+y'), 'underline'],
      [md.mark('x^y'), 'highlighted'],
      [md.code('a*b_c'), 'monospaced'],
      [md.code('a`b'), 'monospaced'],
      [md.codeBlock('line 1\nline *2*'), 'monospaced'],
      [md.heading('Title #1'), 'heading'],
    ];
    for (const [fragment, type] of cases) {
      const parsed = parseMarkdown(fragment.text);
      expect(parsed.markup, fragment.text).toEqual([{ type, from: 0, length: parsed.text.length }]);
    }
    expect(parseMarkdown(md.code('a*b_c').text).text).toBe('a*b_c');
    expect(parseMarkdown(md.code('a`b').text).text).toBe('a`b');
  });

  it('nests helpers and md results without escaping them twice', () => {
    const parsed = parseMarkdown(md`${md.bold(md.italic('x'))} and ${md`${'y*'}`}`.text);
    expect(parsed.text).toBe('x and y*');
    expect(parsed.markup).toHaveLength(2);
    expect(parsed.markup).toEqual(
      expect.arrayContaining([
        { type: 'strong', from: 0, length: 1 },
        { type: 'emphasized', from: 0, length: 1 },
      ]),
    );
  });

  it('mentions a user by id', () => {
    expect(parseMarkdown(md.mention('Bob_', 590_877_103).text)).toEqual({
      text: 'Bob_',
      markup: [{ type: 'user_mention', from: 0, length: 4, user_id: 590_877_103 }],
    });
  });

  it('join, numbers and raw', () => {
    expect(md.join(['a*', md.bold('b'), 3], ', ').text).toBe('a\\*, **b**, 3');
    expect(md`${md.raw('**trusted**')}`.text).toBe('**trusted**');
    expect(md`${12.5} ${true}`.text).toBe('12.5 true');
  });

  it('refuses what it cannot render safely, saying what to do', () => {
    expect(() => md`${html.bold('x')}`).toThrow(/md: cannot mix html into markdown/);
    expect(() => md`${{ name: 'x' } as unknown as string}`).toThrow(
      /md: cannot insert object; insert strings, numbers or md fragments/,
    );
    expect(() => md`${undefined as unknown as string}`).toThrow(/cannot insert undefined/);
    expect(() => md.code('``` `')).toThrow(/use html.code instead/);
    expect(() => md.codeBlock('a```b')).toThrow(/use html.codeBlock instead/);
    expect(() => md.heading('two\nlines')).toThrow(/a heading is one line/);
    expect(() => md.link('x', '')).toThrow(/URL must be a string of 1-2048 characters/);
    expect(() => md.mention('x', -1)).toThrow(/userId must be a positive integer/);
  });

  it('isFormattedText tells fragments from strings', () => {
    expect(isFormattedText(md`x`)).toBe(true);
    expect(isFormattedText('x')).toBe(false);
    expect(String(md.bold('x'))).toBe('**x**');
  });
});
