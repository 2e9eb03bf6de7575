/**
 * The public surface of each entry, read from the built declarations (`dist/<entry>.d.ts`) with
 * the TypeScript compiler: every exported name, sorted, with its declaration printed without
 * comments. `api-report/<entry>.api.d.ts` holds the reviewed copy; test/package/api-report.test.ts
 * fails when the build differs from it, and `npm run api-report` rewrites it.
 */
import { join, resolve } from 'node:path';
import ts from 'typescript';

/** Package entries, as in tsup.config.ts and package.json `exports` (`index` is the root). */
export const ENTRIES = [
  'index',
  'node',
  'emulator',
  'testing',
  'testing/marbles',
  'testing/emulator',
  'redis',
] as const;

/** One entry of the package. */
export type EntryName = (typeof ENTRIES)[number];

/** Where the committed reports live. */
export const reportDir = resolve(import.meta.dirname, '../../api-report');

/**
 * The report file of `entry`: `api-report/index.api.d.ts`, `api-report/testing-marbles.api.d.ts`…
 *
 * @example
 * reportFile('testing/marbles'); // …/api-report/testing-marbles.api.d.ts
 */
export function reportFile(entry: EntryName): string {
  return join(reportDir, `${entry.replaceAll('/', '-')}.api.d.ts`);
}

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

function printDeclaration(node: ts.Node): string {
  const source = node.getSourceFile();
  if (ts.isVariableDeclaration(node)) {
    const flags =
      node.parent.flags & ts.NodeFlags.Const ? 'const' : node.parent.flags & ts.NodeFlags.Let ? 'let' : 'var';
    return `declare ${flags} ${printer.printNode(ts.EmitHint.Unspecified, node, source)};`;
  }
  const text = printer.printNode(ts.EmitHint.Unspecified, node, source).replace(/^export (default )?/, '');
  return /^(declare|interface|type) /.test(text) ? text : `declare ${text}`;
}

function isTypeOnlyExport(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some(
    (d) =>
      (ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)) ||
      (ts.isImportSpecifier(d) && d.isTypeOnly),
  );
}

/**
 * The reports of every entry, built from the declaration files in `distDir` (`.d.ts`, or
 * `.d.cts` with `flavour: 'cjs'`).
 *
 * @example
 * const reports = apiReports(resolve('dist'));
 * console.log(reports.get('index'));
 */
export function apiReports(distDir: string, flavour: 'esm' | 'cjs' = 'esm'): Map<EntryName, string> {
  return apiReportsByFlavour(distDir)[flavour];
}

/**
 * The reports of both flavours from one TypeScript program: each `.d.ts` re-exports its `.d.cts`
 * twin, so a program of the ESM entries holds the CommonJS ones already (two programs loaded
 * lib.d.ts, @types/node and the declarations twice).
 *
 * @example
 * const { esm, cjs } = apiReportsByFlavour(resolve('dist'));
 */
export function apiReportsByFlavour(distDir: string): Record<'esm' | 'cjs', Map<EntryName, string>> {
  const files = (extension: string) =>
    new Map(ENTRIES.map((entry) => [entry, join(distDir, entry + extension)] as const));
  const esm = files('.d.ts');
  const cjs = files('.d.cts');
  const program = ts.createProgram([...esm.values(), ...cjs.values()], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  return { esm: reportsOf(program, esm, '.d.ts'), cjs: reportsOf(program, cjs, '.d.cts') };
}

function reportsOf(
  program: ts.Program,
  files: ReadonlyMap<EntryName, string>,
  extension: string,
): Map<EntryName, string> {
  const checker = program.getTypeChecker();
  const reports = new Map<EntryName, string>();
  for (const [entry, file] of files) {
    const source = program.getSourceFile(file);
    if (source === undefined) throw new Error(`api report: ${file} is missing; run the build first`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (moduleSymbol === undefined) throw new Error(`api report: ${file} is not a module`);
    const sections = checker
      .getExportsOfModule(moduleSymbol)
      .map((symbol) => {
        const name = symbol.getName();
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        const declarations = (target.declarations ?? []).map(printDeclaration);
        // only a value (a class, a const) can be exported as a type alone
        const typeOnly = (target.flags & ts.SymbolFlags.Value) !== 0 && isTypeOnlyExport(symbol);
        const header = `// ${name}${typeOnly ? ' (type only)' : ''}${target.getName() === name ? '' : ` = ${target.getName()}`}`;
        return { name, text: [header, ...declarations].join('\n') };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const title = entry === 'index' ? 'tamtam-rx' : `tamtam-rx/${entry}`;
    reports.set(
      entry,
      [
        `// Public surface of ${title}: ${sections.length} exports. Generated by \`npm run api-report\` from dist/${entry}${extension}; do not edit.`,
        '',
        ...sections.map((s) => `${s.text}\n`),
      ].join('\n'),
    );
  }
  return reports;
}
