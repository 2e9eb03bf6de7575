import { type Observable, type OperatorFunction, from } from 'rxjs';

/** Runs `values` through `operator` synchronously and returns what came out. */
export function run<T, R>(values: readonly T[], operator: OperatorFunction<T, R>): R[] {
  const out: R[] = [];
  let failure: unknown;
  from(values)
    .pipe(operator)
    .subscribe({ next: (v) => out.push(v), error: (e: unknown) => (failure = e) });
  if (failure !== undefined) throw failure;
  return out;
}

/** Everything a synchronous Observable emits. */
export function collect<T>(source: Observable<T>): T[] {
  const out: T[] = [];
  source.subscribe((v) => out.push(v));
  return out;
}
