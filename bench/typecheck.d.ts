import type { WorkloadRun } from './lib/result';
/**
 * The example bots: every `.ts` file under `examples/` except tests.
 *
 * @example
 * exampleFiles(); // ['/…/examples/echo/bot.ts', ...]
 */
export declare function exampleFiles(): string[];
/**
 * Writes a tsconfig extending the project's one with exactly `files`, and returns its path.
 *
 * @example
 * const config = writeConfig('empty', [emptyFile]);
 */
export declare function writeConfig(name: string, files: readonly string[]): string;
/**
 * Runs `tsc --noEmit -p config` and resolves with its wall-clock seconds (rejects on type errors).
 *
 * @example
 * const seconds = await timeTsc(config);
 */
export declare function timeTsc(config: string): Promise<number>;
export declare const run: WorkloadRun;
