import { describe, expect, it } from 'vitest';
import { markupTree, safeUrl, type MarkupNode as Node } from '../../src/emulator/ui/client/markup';

// The page's markup code is a browser module; its pure parts run in Node too.

/** A compact picture of a tree: `strong(Hi) there`. */
function show(nodes: Node[]): string {
  return nodes.map((n) => ('text' in n ? n.text : `${n.mark.type}(${show(n.children)})`)).join('');
}

describe('web chat page: markup ranges to a tree', () => {
  it('wraps plain ranges and keeps the text between them', () => {
    expect(show(markupTree('Hi there all', [{ type: 'strong', from: 3, length: 5 }]))).toBe('Hi strong(there) all');
    expect(show(markupTree('plain', null))).toBe('plain');
    expect(markupTree('', [])).toEqual([]);
  });

  it('nests ranges inside ranges', () => {
    const markup = [
      { type: 'emphasized', from: 6, length: 4 },
      { type: 'strong', from: 0, length: 10 },
      { type: 'link', from: 0, length: 5, url: 'https://a.b' },
    ];
    expect(show(markupTree('Hello world', markup))).toBe('strong(link(Hello) emphasized(worl))d');
  });

  it('splits a range that crosses the end of an enclosing one', () => {
    const markup = [
      { type: 'strong', from: 0, length: 4 },
      { type: 'emphasized', from: 2, length: 4 },
    ];
    expect(show(markupTree('abcdefgh', markup))).toBe('strong(abemphasized(cd))emphasized(ef)gh');
  });

  it('clips ranges to the text and ignores broken entries', () => {
    const markup = [
      { type: 'strong', from: 3, length: 100 },
      { type: 'underline', from: -5, length: 7 },
      { type: 'emphasized', from: 1, length: 0 },
      { from: 0, length: 2 },
      null,
      'x',
      { type: 'strikethrough', from: '0', length: 2 },
    ];
    expect(show(markupTree('abcdef', markup))).toBe('underline(ab)cstrong(def)');
  });

  it('counts offsets in UTF-16 units like the API', () => {
    expect(show(markupTree('👍 ok', [{ type: 'strong', from: 3, length: 2 }]))).toBe('👍 strong(ok)');
  });
});

describe('web chat page: link safety', () => {
  it('keeps absolute http(s) and mailto URLs only', () => {
    expect(safeUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      '/relative',
      'tamtam://user/1',
      '',
      42,
      null,
    ]) {
      expect(safeUrl(bad)).toBeNull();
    }
  });
});
