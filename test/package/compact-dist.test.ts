/**
 * The package build's last step, scripts/compact-dist.ts, on small inputs: what it renames in
 * scripts and what it keeps, and that declarations change in indentation only.
 */
import { describe, expect, it } from 'vitest';
import { classBindings, compactDeclarations, compactScript } from '../../scripts/compact-dist';

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
      'interface Options {\n    /**\n     * The limit.\n     *\n     * @example\n     * { limit: 5 }\n     */\n    readonly limit?: number;\n    readonly nested: {\n        deep: string;\n    };\n}\n';
    expect(compactDeclarations(text)).toBe(
      'interface Options {\n\t/**\n\t * The limit.\n\t *\n\t * @example\n\t * { limit: 5 }\n\t */\n\treadonly limit?: number;\n\treadonly nested: {\n\t\tdeep: string;\n\t};\n}\n',
    );
  });

  it('drops the doc comments an editor never shows (all but the last before a declaration)', () => {
    const text =
      '/**\n * The file overview.\n */\n/**\n * What A is.\n */\ninterface A {\n    /** Hidden. */\n    /** What b is. */\n    b: string;\n}\n/** What C is. */\ntype C = A;\n';
    expect(compactDeclarations(text)).toBe(
      '/**\n * What A is.\n */\ninterface A {\n\t/** What b is. */\n\tb: string;\n}\n/** What C is. */\ntype C = A;\n',
    );
  });

  it('leaves a literal spanning lines as it is', () => {
    // a template literal type with a placeholder, spanning three lines
    const banner = `type Banner = \`first\n    second $\{string}\n    third\`;\n`;
    const text = `${banner}interface A {\n    b: Banner;\n}\n`;
    expect(compactDeclarations(text)).toBe(`${banner}interface A {\n\tb: Banner;\n}\n`);
  });
});
