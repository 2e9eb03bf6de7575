import type { Observable } from 'rxjs';
import { describe, expectTypeOf, it } from 'vitest';
import type { Api } from '../../src/api/index';
import { ofType } from '../../src/operators/index';
import {
  type LongPolling,
  type PollingStatus,
  type UpdateSource,
  type UpdateSourceStopResult,
  fromLongPolling,
} from '../../src/sources/index';
import { type Webhook, type WebhookStatus, webhook } from '../../src/sources/webhook/index';
import { type SourceContractCheck, updateSourceContract } from '../../src/testing/index';
import type { UnknownUpdate, Update, UpdateByType } from '../../src/types/index';

declare const api: Api;

describe('one update-source shape', () => {
  const polling = fromLongPolling(api);
  const hook = webhook();

  it('both built-in sources are UpdateSources, with their own status events', () => {
    expectTypeOf(polling).toMatchTypeOf<UpdateSource<Update, PollingStatus>>();
    expectTypeOf(hook).toMatchTypeOf<UpdateSource<Update, WebhookStatus>>();
    expectTypeOf<LongPolling['stop']>().returns.resolves.toEqualTypeOf<UpdateSourceStopResult>();
    expectTypeOf<Webhook['stop']>().returns.resolves.toEqualTypeOf<UpdateSourceStopResult>();
    expectTypeOf(polling.unknownUpdates$).toEqualTypeOf<Observable<UnknownUpdate>>();
    expectTypeOf(hook.status$).toEqualTypeOf<Observable<WebhookStatus>>();
  });

  it('every source pipes straight into the operators', () => {
    expectTypeOf(polling.pipe(ofType('message_callback'))).toEqualTypeOf<
      Observable<UpdateByType['message_callback']>
    >();
    expectTypeOf(hook.pipe(ofType('message_callback'))).toEqualTypeOf<Observable<UpdateByType['message_callback']>>();
    expectTypeOf(hook.updates$.pipe(ofType('message_callback'))).toEqualTypeOf<
      Observable<UpdateByType['message_callback']>
    >();
  });

  it('a function taking any UpdateSource accepts both', () => {
    const run = (source: UpdateSource): Promise<UpdateSourceStopResult> => source.stop();
    run(polling);
    run(hook);
    // @ts-expect-error a plain Observable has no stop(), status$ or unknownUpdates$
    run(polling.pipe(ofType('message_created')));
  });
});

interface Job {
  readonly id: string;
}
declare const jobs: UpdateSource<Job>;

describe('updateSourceContract types', () => {
  it('drives any UpdateSource, also of update types other than Update', () => {
    const checks = updateSourceContract<Job>({
      keyOf: (job) => {
        expectTypeOf(job).toEqualTypeOf<Job>();
        return job.id;
      },
      setUp: async () => ({ start: () => jobs, feed: () => {}, acknowledged: () => [], close: () => {} }),
    });
    expectTypeOf(checks).toEqualTypeOf<SourceContractCheck[]>();
    expectTypeOf<SourceContractCheck['run']>().returns.toEqualTypeOf<Promise<void>>();
  });
});
