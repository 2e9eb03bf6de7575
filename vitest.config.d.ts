/**
 * Two projects: the bulk of the files share their worker's module graph (`isolate: false`:
 * re-importing rxjs, the library and the emulator for every file cost most of the run), the few
 * files above get a fresh one each. Type tests (`*.test-d.ts`) run once, in the first project,
 * with TypeScript 7's native compiler (the `typescript7` devDependency), several times faster
 * than TypeScript 5.9, which `npm run typecheck` and the package tests still use.
 */
declare const _default: import("vite").UserConfig;
export default _default;
