/**
 * The package build's last step (`npm run build` runs it after tsup): makes `dist/` smaller
 * without changing what the code does or what a reader of a stack trace or a declaration sees.
 *
 * - JavaScript (`*.js`, `*.cjs`, both formats): terser renames local variables and parameters
 *   and nothing else. Function and class names stay as written (`keep_fnames`,
 *   `keep_classnames`, and every variable a class is assigned to, since esbuild writes
 *   `var LongPolling = class { … }`), so `err.name`, `fn.name` and stack frames
 *   (`at LongPolling.poll`) read as in the source; export names, properties and strings are
 *   never touched; `@__PURE__` annotations stay for the bundlers of our users. No other
 *   rewriting (terser's `compress` is off: it would inline functions and drop their frames).
 * - Declarations (`*.d.cts`): indentation by tabs instead of four spaces; file overviews that
 *   the declaration bundler left in front of a declaration's own doc comment (where no editor
 *   shows them) are dropped; the `@example` blocks of interfaces, type aliases and their
 *   members are dropped (scripts/type-examples.ts: functions, classes and constants keep theirs,
 *   and the API reference, `npm run docs`, has them all). The tokens and every other doc comment
 *   are checked unchanged afterwards, and the doc comments of types checked to say what they
 *   said but their examples, as TypeScript parses them.
 *
 * The web chat page's assets (`emulator-page.js`, `emulator-page.html`) are left as built: esbuild
 * minified them (src/emulator/ui/page-bundle.ts).
 *
 * @example
 * // npm run build
 * // node -e "…rmSync('dist')…" && tsup && tsx scripts/compact-dist.ts
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { minify } from 'terser';
import ts from 'typescript';
import { docContentWithoutExamples, typeDocComments, withoutExamples } from './type-examples';

/** Files of `dist` left as built. */
const UNTOUCHED = new Set(['emulator-page.js']);

/**
 * Names of variables a class expression is assigned to (`var World = class`, `, Journal = class`):
 * terser's `keep_classnames` keeps only names written in the class itself, and the name of an
 * anonymous class (its `name`, and the type in a stack frame) comes from the variable.
 *
 * @example
 * classBindings('var a=1,World=class{};'); // ['World']
 */
export function classBindings(code: string): string[] {
  return [...new Set([...code.matchAll(/([A-Za-z_$][\w$]*)\s*=\s*class\b/g)].map((m) => m[1] as string))];
}

/**
 * `code` with its local identifiers renamed (see the file's comment); `format` says whether it
 * is an ES module or a CommonJS script (whose top-level names are also its own).
 *
 * @example
 * await compactScript('export function f(longName) { return longName + 1; }', 'esm');
 * // 'export function f(n){return n+1}'
 */
export async function compactScript(code: string, format: 'esm' | 'cjs'): Promise<string> {
  const result = await minify(code, {
    module: format === 'esm',
    toplevel: true,
    compress: false,
    keep_fnames: true,
    keep_classnames: true,
    mangle: { keep_fnames: true, keep_classnames: true, reserved: classBindings(code) },
    format: { comments: 'some', preserve_annotations: true },
  });
  if (result.code === undefined) throw new Error('terser returned no code');
  return result.code;
}

/** A token of a parsed declaration file and the comments around it. */
interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Comments before it (on lines of their own) and after it (on its line), as ranges. */
  readonly comments: readonly ts.CommentRange[];
}

/** Every token of a parsed declaration file, in order of position. */
function tokensOf(file: ts.SourceFile): Token[] {
  const text = file.getFullText();
  const tokens: Token[] = [];
  const visit = (node: ts.Node): void => {
    // doc comments are read as comments (below), not as the nodes the parser also makes of them
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(file);
    if (children.length > 0 || node.kind === ts.SyntaxKind.SyntaxList) {
      for (const child of children) visit(child);
      return;
    }
    tokens.push({
      start: node.getStart(file),
      end: node.getEnd(),
      text: node.getText(file),
      comments: [
        ...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []),
        ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? []),
      ],
    });
  };
  visit(file);
  return tokens;
}

const isDocComment = (text: string, range: ts.CommentRange): boolean => text.startsWith('/**', range.pos);

/**
 * Doc comments a reader never sees: one followed by another doc comment before the same
 * token. TypeScript shows only the last of them (in hover and in the declaration's docs); the
 * others are file overviews (`/** The web chat page's HTML. *\/`) that the declaration
 * bundler moved in front of the first declaration of the file.
 */
function hiddenDocComments(text: string, tokens: readonly Token[]): { pos: number; end: number }[] {
  return tokens.flatMap((token) =>
    token.comments.flatMap((range, i) => {
      const next = token.comments[i + 1];
      return next !== undefined && isDocComment(text, range) && isDocComment(text, next)
        ? [{ pos: range.pos, end: next.pos }]
        : [];
    }),
  );
}

/**
 * What compacting must keep: every token's text, and the comments a reader sees (all but the
 * hidden doc comments) without their indentation; those of types (see
 * scripts/type-examples.ts) as TypeScript reads them, without their examples.
 */
function shape(file: ts.SourceFile): string {
  const text = file.getFullText();
  const tokens = tokensOf(file);
  const hidden = new Set(hiddenDocComments(text, tokens).map((r) => r.pos));
  const ofTypes = new Set(typeDocComments(file).map((r) => r.pos));
  const seen = (range: ts.CommentRange): string => {
    const comment = text.slice(range.pos, range.end);
    return ofTypes.has(range.pos) ? docContentWithoutExamples(comment) : comment.replace(/^[ \t]+/gm, '');
  };
  return tokens
    .map((t) =>
      [
        ...t.comments
          .filter((r) => !hidden.has(r.pos))
          .map(seen)
          .filter((c) => c !== ''),
        t.text,
      ].join('\0'),
    )
    .join('\0');
}

/**
 * `text` with the `@example` blocks of its types' doc comments cut (a comment left empty goes,
 * with its line).
 */
function withoutTypeExamples(text: string, file: string): string {
  const parsed = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  let result = text;
  for (const range of typeDocComments(parsed).reverse()) {
    const comment = text.slice(range.pos, range.end);
    const cut = withoutExamples(comment);
    if (cut === comment) continue;
    if (cut !== '') {
      result = result.slice(0, range.pos) + cut + result.slice(range.end);
      continue;
    }
    // the whole comment, the indentation in front of it and the line break after it
    const start = range.pos - (/[ \t]*$/.exec(text.slice(0, range.pos))?.[0].length ?? 0);
    const end = range.end + (/^[ \t]*\r?\n/.exec(text.slice(range.end))?.[0].length ?? 0);
    result = result.slice(0, start) + result.slice(end);
  }
  return result;
}

/**
 * A declaration file indented by tabs, without the doc comments nobody sees (see
 * {@link hiddenDocComments}) and without the examples of its types (see
 * scripts/type-examples.ts). Throws if that changed anything else: a token, a visible
 * comment's text (a string or template type spanning lines, say), what a type's doc comment
 * says besides its examples; or if a type's example is left.
 *
 * @example
 * compactDeclarations('interface A {\n    b: string;\n}\n'); // 'interface A {\n\tb: string;\n}\n'
 */
export function compactDeclarations(text: string, file = 'declarations.d.cts'): string {
  const tokens = tokensOf(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  let visible = text;
  for (const range of hiddenDocComments(text, tokens).reverse()) {
    visible = visible.slice(0, range.pos) + visible.slice(range.end);
  }
  visible = withoutTypeExamples(visible, file);
  const reparsed = tokensOf(ts.createSourceFile(file, visible, ts.ScriptTarget.Latest, true));
  // a line starting inside a literal spanning lines (a template literal type, say) keeps its spaces
  const literals = reparsed.filter((t) => t.text.includes('\n'));
  const compact = visible.replace(/^(?: {4})+/gm, (run, offset: number) =>
    literals.some((t) => t.start < offset && offset < t.end) ? run : '\t'.repeat(run.length / 4),
  );
  const compacted = ts.createSourceFile(file, compact, ts.ScriptTarget.Latest, true);
  if (shape(compacted) !== shape(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true))) {
    throw new Error(
      `compactDeclarations: compacting ${file} changed more than indentation, hidden comments and the examples of types`,
    );
  }
  const left = typeDocComments(compacted).find((r) => compact.slice(r.pos, r.end).includes('@example'));
  if (left !== undefined) {
    throw new Error(
      `compactDeclarations: an example of a type is left in ${file}: ${compact.slice(left.pos, left.end)}`,
    );
  }
  return compact;
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * Compacts every script and declaration file under `dir` in place; resolves to the bytes
 * before and after.
 *
 * @example
 * await compactDist('dist'); // { before: 1_373_000, after: 1_150_000 }
 */
export async function compactDist(dir: string): Promise<{ before: number; after: number }> {
  let before = 0;
  let after = 0;
  const jobs: Promise<void>[] = [];
  for await (const file of filesUnder(dir)) {
    const name = relative(dir, file);
    const format = name.endsWith('.cjs') ? 'cjs' : name.endsWith('.js') ? 'esm' : undefined;
    const declarations = name.endsWith('.d.cts');
    if (UNTOUCHED.has(name) || (format === undefined && !declarations)) continue;
    jobs.push(
      (async () => {
        const text = await readFile(file, 'utf8');
        const compact = format === undefined ? compactDeclarations(text, name) : await compactScript(text, format);
        before += Buffer.byteLength(text);
        after += Buffer.byteLength(compact);
        await writeFile(file, compact);
      })(),
    );
  }
  await Promise.all(jobs);
  return { before, after };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dir = resolve(process.argv[2] ?? 'dist');
  const { before, after } = await compactDist(dir);
  console.log(`compact-dist: ${relative(process.cwd(), dir) || '.'} ${before} → ${after} bytes`);
}
