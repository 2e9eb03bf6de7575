import { type Observable, type OperatorFunction } from 'rxjs';
/** Runs `values` through `operator` synchronously and returns what came out. */
export declare function run<T, R>(values: readonly T[], operator: OperatorFunction<T, R>): R[];
/** Everything a synchronous Observable emits. */
export declare function collect<T>(source: Observable<T>): T[];
