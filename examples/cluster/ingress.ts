/**
 * The ingress process: long polling (marker in a file, so a restart goes on where it stopped)
 * into the partition streams. A webhook with `ack: 'handled'` works the same way, and so do N
 * webhook instances behind a load balancer.
 *
 * Env: REDIS_URL, BASE_URL, TOKEN, STORE.
 */
import { createClient } from 'redis';
import { retry } from 'rxjs';
import { createApi } from '../../src/index';
import { fileMarkerStore } from '../../src/node/index';
import { toRedisStream } from '../../src/redis/index';
import { fromLongPolling } from '../../src/sources/index';

const { REDIS_URL, BASE_URL, TOKEN, STORE } = process.env;
if (!REDIS_URL || !BASE_URL || !TOKEN || !STORE) throw new Error('ingress needs REDIS_URL, BASE_URL, TOKEN and STORE');

const client = await createClient({ url: REDIS_URL }).connect();
const api = createApi({ token: TOKEN, baseUrl: BASE_URL });
const updates$ = fromLongPolling(api, { store: fileMarkerStore(STORE) });
updates$.pipe(toRedisStream(client, { prefix: 'cluster-example' }), retry({ delay: 1_000 })).subscribe();

process.once('SIGTERM', () => {
  void updates$.stop().then(async () => {
    await client.close();
    process.exit(0);
  });
});
