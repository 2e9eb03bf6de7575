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
 * - Declarations (`*.d.cts`): indentation by tabs instead of four spaces, doc comments intact.
 *   The token stream and every comment's text are checked unchanged afterwards.
 *
 * The web chat page's script (`emulator-page.js`) is left as built: it is debugged in a browser.
 *
 * @example
 * // npm run build
 * // node -e "…rmSync('dist')…" && tsup && tsx scripts/compact-dist.ts
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { minify } from 'terser';
import ts from 'typescript';

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

/** Every token of a parsed declaration file, comments included, in order of position. */
function tokensOf(file: ts.SourceFile): { start: number; end: number; text: string; comments: string[] }[] {
  const text = file.getFullText();
  const tokens: { start: number; end: number; text: string; comments: string[] }[] = [];
  const visit = (node: ts.Node): void => {
    const children = node.getChildren(file);
    if (children.length > 0 || node.kind === ts.SyntaxKind.SyntaxList) {
      for (const child of children) visit(child);
      return;
    }
    const ranges = [
      ...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []),
      ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? []),
    ];
    tokens.push({
      start: node.getStart(file),
      end: node.getEnd(),
      text: node.getText(file),
      comments: ranges.map((r) => text.slice(r.pos, r.end)),
    });
  };
  visit(file);
  return tokens;
}

/** What re-indenting must keep: every token's text, every comment without its indentation. */
function shape(tokens: ReturnType<typeof tokensOf>): string {
  return tokens.map((t) => [...t.comments.map((c) => c.replace(/^[ \t]+/gm, '')), t.text].join('\0')).join('\0');
}

/**
 * A declaration file indented by tabs. Throws if that changed anything but indentation (a
 * string or template type spanning lines, say).
 *
 * @example
 * compactDeclarations('interface A {\n    b: string;\n}\n'); // 'interface A {\n\tb: string;\n}\n'
 */
export function compactDeclarations(text: string, file = 'declarations.d.cts'): string {
  const parsed = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const tokens = tokensOf(parsed);
  // a line starting inside a literal spanning lines (a template literal type, say) keeps its spaces
  const literals = tokens.filter((t) => t.text.includes('\n'));
  const compact = text.replace(/^(?: {4})+/gm, (run, offset: number) =>
    literals.some((t) => t.start < offset && offset < t.end) ? run : '\t'.repeat(run.length / 4),
  );
  if (shape(tokensOf(ts.createSourceFile(file, compact, ts.ScriptTarget.Latest, true))) !== shape(tokens)) {
    throw new Error(`compactDeclarations: re-indenting ${file} changed more than its indentation`);
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
