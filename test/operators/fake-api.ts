import { Observable, of } from 'rxjs';
import type { Api } from '../../src/api/api';
import type { RequestSpec } from '../../src/api/request-spec';

/** An Api that records every request and answers `answer(spec)` (default: a sent message). */
export function fakeApi(answer: (spec: RequestSpec) => Observable<unknown> = () => of({ message: { body: { mid: 'mid.sent' } } })) {
  const requests: RequestSpec[] = [];
  const api: Api = {
    baseUrl: 'http://127.0.0.1:1',
    version: '0.5.6',
    timeout: 1000,
    tokenIn: 'query',
    request<T>(spec: RequestSpec): Observable<T> {
      return new Observable<T>((subscriber) => {
        requests.push(spec);
        return (answer(spec) as Observable<T>).subscribe(subscriber);
      });
    },
  };
  return { api, requests };
}
