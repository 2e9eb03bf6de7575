import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type FormattedText, escapeHtml, html, md } from '../../src/builders';
import { parseHtml } from '../../src/emulator/state/markup/html';

describe('escapeHtml', () => {
  it('escapes & < > "', () => {
    expect(escapeHtml('Tom & "Jerry" <b>')).toBe('Tom &amp; &quot;Jerry&quot; &lt;b&gt;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('any text renders literally', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('<', '>', '&', '"', "'", ';', '#', 'a', 'b', '/', ' ', 'm', 'p') }),
        (text) => {
          expect(parseHtml(escapeHtml(text))).toEqual({ text, markup: [] });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('html', () => {
  it('escapes interpolations, sets the format and keeps helper markup', () => {
    const name = '<Alice & *Bob*>';
    const out = html`Hi ${html.bold(name)}!`;
    expect(out.format).toBe('html');
    expect(out.text).toBe('Hi <b>&lt;Alice &amp; *Bob*&gt;</b>!');
    expect(parseHtml(out.text)).toEqual({
      text: `Hi ${name}!`,
      markup: [{ type: 'strong', from: 3, length: name.length }],
    });
  });

  it('every helper produces its markup', () => {
    const cases: [FormattedText, string][] = [
      [html.bold('x'), 'strong'],
      [html.italic('x'), 'emphasized'],
      [html.strike('x'), 'strikethrough'],
      [html.underline('x'), 'underline'],
      [html.mark('x'), 'highlighted'],
      [html.code('a<b'), 'monospaced'],
      [html.codeBlock('a\nb'), 'monospaced'],
      [html.heading('T'), 'heading'],
    ];
    for (const [fragment, type] of cases) {
      const parsed = parseHtml(fragment.text);
      expect(parsed.markup, fragment.text).toEqual([{ type, from: 0, length: parsed.text.length }]);
    }
  });

  it('links escape the URL attribute; mentions link to the user', () => {
    const link = html.link('a<b', 'https://x.example/?q="1"&r=2');
    expect(link.text).toBe('<a href="https://x.example/?q=&quot;1&quot;&amp;r=2">a&lt;b</a>');
    expect(parseHtml(link.text).markup).toEqual([
      { type: 'link', from: 0, length: 3, url: 'https://x.example/?q="1"&r=2' },
    ]);
    expect(html.mention('Bob', 7).text).toBe('<a href="tamtam://user/7">Bob</a>');
  });

  it('join, raw, and refusing to mix formats', () => {
    expect(html.join([html.bold('a'), '<b>'], html.raw('<br>')).text).toBe('<b>a</b><br>&lt;b&gt;');
    expect(() => html`${md.bold('x')}`).toThrow(/html: cannot mix markdown into html/);
    expect(() => html.link('x', 'y'.repeat(2049))).toThrow(/1-2048 characters/);
  });
});
