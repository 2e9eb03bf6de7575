/**
 * Where the bytes of a bundle go: for each source module, its minified bytes and its marginal
 * min+gzip cost — how much smaller the gzipped bundle gets when that module's output bytes
 * (found through the bundle's source map) are cut out. Marginal costs do not add up to the total
 * exactly (gzip shares repeated text between modules), but they rank what an app pays for.
 */
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

/**
 * The cost of one source module in a bundle.
 *
 * @example
 * const cost: ModuleCost = { module: 'src/api/redact.ts', minified: 2507, gzip: 802 };
 */
export interface ModuleCost {
  /** Source path relative to the repository (`src/...`), or the app itself. */
  readonly module: string;
  /** Bytes of the minified bundle that come from it. */
  readonly minified: number;
  /** Bytes the gzipped bundle loses without them. */
  readonly gzip: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, index) => [char, index]));

/** Decodes one source-map segment (base64 VLQ) into its numbers. */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`not a base64 VLQ digit: ${char}`);
    value += (digit & 31) * 2 ** shift;
    if ((digit & 32) !== 0) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/**
 * For every character of `code`, the index (in `sources`) of the source it came from, or -1.
 *
 * @example
 * const owners = ownersOf(code, map.mappings);
 */
function ownersOf(code: string, mappings: string): Int32Array {
  const owners = new Int32Array(code.length).fill(-1);
  const lines = code.split('\n');
  let lineStart = 0;
  let source = 0;
  mappings.split(';').forEach((line, index) => {
    const text = lines[index] ?? '';
    let column = 0;
    const segments = line === '' ? [] : line.split(',').map(decodeSegment);
    segments.forEach((fields, i) => {
      column += fields[0] ?? 0;
      if (fields.length >= 4) source += fields[1] ?? 0;
      const next = segments[i + 1];
      const end = next === undefined ? text.length : column + (next[0] ?? 0);
      if (fields.length >= 4) owners.fill(source, lineStart + column, lineStart + end);
    });
    lineStart += text.length + 1;
  });
  return owners;
}

/**
 * The cost of every module in a bundle, most expensive (gzipped) first.
 *
 * @example
 * const costs = attribute(js, JSON.parse(mapText));
 */
export function attribute(
  code: string,
  map: { readonly sources: readonly string[]; readonly mappings: string },
): ModuleCost[] {
  const owners = ownersOf(code, map.mappings);
  const total = gzipSync(code, { level: 9 }).byteLength;
  const costs: ModuleCost[] = [];
  map.sources.forEach((source, index) => {
    let kept = '';
    let minified = 0;
    let from = 0;
    for (let i = 0; i <= code.length; i++) {
      const mine = i < code.length && owners[i] === index;
      if (mine) minified += 1;
      if (mine || i === code.length) {
        kept += code.slice(from, i);
        from = i + 1;
      }
    }
    if (minified === 0) return;
    const module = source.includes('src/') ? source.slice(source.lastIndexOf('src/')) : source.replace(/^.*\//, '');
    costs.push({ module, minified, gzip: total - gzipSync(kept, { level: 9 }).byteLength });
  });
  return costs.sort((a, b) => b.gzip - a.gzip);
}

/**
 * The min+gzip bytes of `code` with the text of every string and template literal removed
 * (the quotes stay): what the code itself weighs without its messages, names and paths. The
 * difference from the whole bundle's size is what its strings cost.
 *
 * @example
 * const strings = gzipSize(js) - gzipWithoutStrings(js);
 */
export function gzipWithoutStrings(code: string): number {
  const file = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const cuts: [number, number][] = [];
  const visit = (node: ts.Node): void => {
    const closing = LITERAL_CLOSINGS.get(node.kind);
    if (closing !== undefined && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
      // the text between the opening quote (or `}`) and the closing quote (or `${`)
      cuts.push([node.getStart(file) + 1, node.getEnd() - closing]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let kept = '';
  let from = 0;
  for (const [start, end] of cuts.sort((a, b) => a[0] - b[0])) {
    kept += code.slice(from, start);
    from = end;
  }
  return gzipSync(kept + code.slice(from), { level: 9 }).byteLength;
}

/** Literal kinds and how many characters close them (`"`, `` ` ``, or `${`). */
const LITERAL_CLOSINGS: ReadonlyMap<ts.SyntaxKind, number> = new Map([
  [ts.SyntaxKind.StringLiteral, 1],
  [ts.SyntaxKind.NoSubstitutionTemplateLiteral, 1],
  [ts.SyntaxKind.TemplateHead, 2],
  [ts.SyntaxKind.TemplateMiddle, 2],
  [ts.SyntaxKind.TemplateTail, 1],
]);
