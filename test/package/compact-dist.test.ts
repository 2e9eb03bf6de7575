/**
 * The package build's last step, scripts/compact-dist.ts, on small inputs: what it renames in
 * scripts and what it keeps, and that declarations change in indentation only.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { classBindings, compactDeclarations, compactScript } from '../../scripts/compact-dist';
import { docContentWithoutExamples, typeDocComments, withoutExamples } from '../../scripts/type-examples';

const SCRIPT = `
var DEFAULT_LIMIT = 100;
var LongPolling = class {
  constructor(options) { this.limit = options.limit ?? DEFAULT_LIMIT; }
  poll(marker) { const pending = [marker, this.limit]; return pending; }
};
var Quiet = class extends Error {}, Loud = class extends Error {};
function createPoller(options) {
  const describeOptions = (value) => JSON.stringify(value);
  return [new LongPolling(options), describeOptions(options)];
}
`;

describe('compactScript', () => {
  it.each(['esm', 'cjs'] as const)(
    'renames local variables and parameters, never functions, classes or properties (%s)',
    async (format) => {
      const code = format === 'esm' ? `${SCRIPT}export { createPoller, LongPolling, Quiet, Loud };` : SCRIPT;
      const compact = await compactScript(code, format);
      expect(compact.length).toBeLessThan(code.length * 0.8);
      for (const name of ['LongPolling', 'Quiet', 'Loud', 'createPoller', 'describeOptions', 'poll', 'limit']) {
        expect(compact).toContain(name);
      }
      for (const local of ['options', 'marker', 'pending', 'value'])
        expect(compact).not.toMatch(new RegExp(`\\b${local}\\b`));
      const run = new Function(
        `${compact.replace(/export\s*\{[^}]*\};?/, '')}; return { createPoller, Quiet };`,
      ) as () => {
        createPoller: (o: object) => [{ constructor: { name: string }; limit: number }, string];
        Quiet: new () => Error;
      };
      const { createPoller, Quiet } = run();
      const [poller, described] = createPoller({ limit: 5 });
      expect([poller.constructor.name, poller.limit, described, Quiet.name]).toEqual([
        'LongPolling',
        5,
        '{"limit":5}',
        'Quiet',
      ]);
    },
  );

  it('keeps /*! legal comments and @__PURE__ annotations', async () => {
    const compact = await compactScript('/*! ky (MIT) */\nexport const table = /* @__PURE__ */ new Map();\n', 'esm');
    expect(compact).toContain('/*! ky (MIT) */');
    expect(compact).toMatch(/\/\*\s*@__PURE__\s*\*\/\s*new Map/);
  });
});

describe('classBindings', () => {
  it('finds every variable a class is assigned to', () => {
    expect(classBindings('var a=1,World=class{},$Journal = class extends Base{};let x=classy;')).toEqual([
      'World',
      '$Journal',
    ]);
  });
});

describe('compactDeclarations', () => {
  it('indents with tabs, comments and code otherwise unchanged', () => {
    const text =
      'declare class Options {\n    /**\n     * The limit.\n     *\n     * @example\n     * { limit: 5 }\n     */\n    readonly limit?: number;\n    readonly nested: {\n        deep: string;\n    };\n}\n';
    expect(compactDeclarations(text)).toBe(
      'declare class Options {\n\t/**\n\t * The limit.\n\t *\n\t * @example\n\t * { limit: 5 }\n\t */\n\treadonly limit?: number;\n\treadonly nested: {\n\t\tdeep: string;\n\t};\n}\n',
    );
  });

  it('drops the doc comments an editor never shows (all but the last before a declaration)', () => {
    const text =
      '/**\n * The file overview.\n */\n/**\n * What A is.\n */\ninterface A {\n    /** Hidden. */\n    /** What b is. */\n    b: string;\n}\n/** What C is. */\ntype C = A;\n';
    expect(compactDeclarations(text)).toBe(
      '/**\n * What A is.\n */\ninterface A {\n\t/** What b is. */\n\tb: string;\n}\n/** What C is. */\ntype C = A;\n',
    );
  });

  it('drops the examples of interfaces, type aliases and their members; functions, classes and constants keep theirs', () => {
    const doc = (what: string, indent = '') =>
      `${indent}/**\n${indent} * ${what}.\n${indent} *\n${indent} * @example\n${indent} * use(${what});\n${indent} */\n`;
    const text = [
      doc('Options'),
      'interface Options {\n',
      doc('The limit', '    '),
      '    readonly limit?: number;\n',
      '    /**\n     * @example\n     * run();\n     */\n',
      '    run(): void;\n',
      '}\n',
      doc('Handler'),
      'type Handler = {\n',
      doc('Called', '    '),
      '    readonly call: (u: string) => void;\n',
      '};\n',
      doc('create'),
      'declare function create(): Options;\n',
      doc('Poller'),
      'declare class Poller {\n',
      doc('poll', '    '),
      '    poll(): void;\n',
      '}\n',
      doc('LIMIT'),
      'declare const LIMIT: { /**\n * Kept.\n *\n * @example\n * LIMIT.max;\n */\nmax: number };\n',
      '/**\n * Defaults.\n *\n * @example\n * x\n *\n * @default 5\n * @see create\n */\n',
      'type Five = 5;\n',
      'export { create, Poller, LIMIT };\n',
      'export type { Options, Handler, Five };\n',
    ].join('');
    const compact = compactDeclarations(text);
    for (const gone of ['use(Options)', 'use(The limit)', 'run();', 'use(Handler)', 'use(Called)', '\n\t/**\n\t */'])
      expect(compact).not.toContain(gone);
    for (const kept of [
      'use(create)',
      'use(Poller)',
      'use(poll)',
      'use(LIMIT)',
      'LIMIT.max',
      '@default 5',
      '@see create',
    ])
      expect(compact).toContain(kept);
    expect(compact).toContain('/**\n * Options.\n */\ninterface Options {\n\t/**\n\t * The limit.\n\t */\n');
    // a comment that was only an example goes with its line
    expect(compact).toContain('\treadonly limit?: number;\n\trun(): void;\n');
    expect(compact).toContain('/**\n * Defaults.\n *\n * @default 5\n * @see create\n */\ntype Five = 5;');
  });

  it("refuses an example of a type it cannot cut (one written on the comment's first line)", () => {
    expect(() => compactDeclarations('/** @example run(); */\ninterface A {}\nexport type { A };\n')).toThrow(
      /an example of a type is left/,
    );
  });

  it('leaves a literal spanning lines as it is', () => {
    // a template literal type with a placeholder, spanning three lines
    const banner = `type Banner = \`first\n    second $\{string}\n    third\`;\n`;
    const text = `${banner}interface A {\n    b: Banner;\n}\n`;
    expect(compactDeclarations(text)).toBe(`${banner}interface A {\n\tb: Banner;\n}\n`);
  });
});

describe('type-examples', () => {
  it('finds the doc comments of types and of what is inside them, not of values', () => {
    const text =
      '/** A. */\ninterface A {\n  /** b. */\n  b: { /** c. */ c: 1 };\n}\n/** f. */\ndeclare function f(x: { /** y. */ y: 1 }): void;\n/** T. */\ntype T = { /** u. */ u: 1 };\n';
    const file = ts.createSourceFile('a.d.ts', text, ts.ScriptTarget.Latest, true);
    expect(typeDocComments(file).map((r) => text.slice(r.pos, r.end))).toEqual([
      '/** A. */',
      '/** b. */',
      '/** c. */',
      '/** T. */',
      '/** u. */',
    ]);
  });

  it('cuts each @example block up to the next tag, and says the same otherwise', () => {
    const comment =
      '/**\n * Text.\n *\n * @example\n * a();\n *\n * @example\n * b();\n * @param x the x\n * @example\n * c();\n */';
    const cut = withoutExamples(comment);
    expect(cut).toBe('/**\n * Text.\n *\n * @param x the x\n */');
    expect(docContentWithoutExamples(cut)).toBe(docContentWithoutExamples(comment));
    expect(docContentWithoutExamples(cut)).not.toBe(docContentWithoutExamples('/**\n * Text.\n */'));
    expect(withoutExamples('/**\n * @example\n * a();\n */')).toBe('');
    expect(docContentWithoutExamples('/**\n * @example\n * a();\n */')).toBe('');
  });
});
