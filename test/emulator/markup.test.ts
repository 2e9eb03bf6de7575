import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/emulator/state/markup/html';
import { parseMarkdown } from '../../src/emulator/state/markup/markdown';

describe('markdown → text + markup', () => {
  it('handles every supported marker', () => {
    expect(parseMarkdown('**b** __b2__ *i* _i2_ ~~s~~ ++u++ `c` ^^h^^')).toEqual({
      text: 'b b2 i i2 s u c h',
      markup: [
        { type: 'strong', from: 0, length: 1 },
        { type: 'strong', from: 2, length: 2 },
        { type: 'emphasized', from: 5, length: 1 },
        { type: 'emphasized', from: 7, length: 2 },
        { type: 'strikethrough', from: 10, length: 1 },
        { type: 'underline', from: 12, length: 1 },
        { type: 'monospaced', from: 14, length: 1 },
        { type: 'highlighted', from: 16, length: 1 },
      ],
    });
  });

  it('nests, links, mentions, headings, code blocks and escapes', () => {
    expect(parseMarkdown('**a *b***').markup).toEqual([
      { type: 'strong', from: 0, length: 3 },
      { type: 'emphasized', from: 2, length: 1 },
    ]);
    expect(parseMarkdown('[Ann](tamtam://user/42) [site](https://x.y)').markup).toEqual([
      { type: 'user_mention', from: 0, length: 3, user_id: 42 },
      { type: 'link', from: 4, length: 4, url: 'https://x.y' },
    ]);
    expect(parseMarkdown('# Title\nbody')).toEqual({
      text: 'Title\nbody',
      markup: [{ type: 'heading', from: 0, length: 5 }],
    });
    expect(parseMarkdown('```a *not* b```').text).toBe('a *not* b');
    expect(parseMarkdown('\\*literal\\*')).toEqual({ text: '*literal*', markup: [] });
  });

  it('keeps unpaired markers and snake_case words as text', () => {
    expect(parseMarkdown('2 * 3 = 6')).toEqual({ text: '2 * 3 = 6', markup: [] });
    expect(parseMarkdown('snake_case_name')).toEqual({ text: 'snake_case_name', markup: [] });
  });
});

describe('html → text + markup', () => {
  it('maps tags, decodes entities, strips unknown tags', () => {
    expect(
      parseHtml(
        '<b>B</b><strong>S</strong> <i>I</i><em>E</em> <u>U</u><ins>N</ins> <s>S</s><del>D</del> <code>c</code><pre>p</pre> <mark>m</mark> <h1>H</h1>',
      ).markup.map((m) => m.type),
    ).toEqual([
      'strong',
      'strong',
      'emphasized',
      'emphasized',
      'underline',
      'underline',
      'strikethrough',
      'strikethrough',
      'monospaced',
      'monospaced',
      'highlighted',
      'heading',
    ]);
    expect(parseHtml('<a href="https://x.y?a=1&amp;b=2">link</a>')).toEqual({
      text: 'link',
      markup: [{ type: 'link', from: 0, length: 4, url: 'https://x.y?a=1&b=2' }],
    });
    expect(parseHtml('<span>a</span> &lt;b&gt; &#65;&#x42;<br>z')).toEqual({ text: 'a <b> AB\nz', markup: [] });
  });

  it('closes unclosed tags at the end and ignores stray closing tags', () => {
    expect(parseHtml('</b><b>open')).toEqual({ text: 'open', markup: [{ type: 'strong', from: 0, length: 4 }] });
  });
});
