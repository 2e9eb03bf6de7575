import type { Observable } from 'rxjs';
import type { Api } from '../../src/api/api';
import type { CallOptions } from '../../src/api/options';
import type { RequestSpec } from '../../src/api/request-spec';

/** An Api whose answers come from a function, recording every request: for unit tests. */
export function scriptedApi(answer: (spec: RequestSpec, call: number) => Observable<unknown>): Api & { calls: RequestSpec[]; options: (CallOptions | undefined)[] } {
  const calls: RequestSpec[] = [];
  const options: (CallOptions | undefined)[] = [];
  return {
    baseUrl: 'http://fake.test',
    version: '0.5.6',
    timeout: 30_000,
    tokenIn: 'query',
    calls,
    options,
    request<T>(spec: RequestSpec, callOptions?: CallOptions): Observable<T> {
      calls.push(spec);
      options.push(callOptions);
      return answer(spec, calls.length - 1) as Observable<T>;
    },
  };
}
