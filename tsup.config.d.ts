import { type Options } from 'tsup';
/**
 * Public entries; each becomes `dist/<name>.{js,cjs,d.ts,d.cts}` and one `exports` subpath of
 * package.json (`index` is the root). test/package/ checks the two lists agree.
 */
export declare const publicEntries: {
    index: string;
    node: string;
    emulator: string;
    testing: string;
    'testing/marbles': string;
    'testing/emulator': string;
    redis: string;
};
/**
 * ESM keeps ky external (a runtime dependency resolved by Node). The CJS build bundles ky:
 * ky is ESM-only, and `require('ky')` from CJS fails on Node versions without require(esm)
 * (the `import_ky.default is not a function` trap). Peers (rxjs, and rxjs-marbles for the
 * test kit) stay external in both. Both formats split shared code into chunks, so every entry
 * sees the same classes (an error made by `tamtam-rx/testing` passes `isTamTamApiError`).
 */
declare const _default: Options | Options[] | ((overrideOptions: Options) => Options | Options[] | Promise<Options | Options[]>);
export default _default;
