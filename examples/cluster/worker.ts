/**
 * A worker process: its share of the partitions, through the bot's pipeline. SIGTERM stops it
 * gracefully: running handlers finish, their entries are acknowledged, and its partitions go
 * to the other workers at once.
 *
 * Env: REDIS_URL, BASE_URL, TOKEN, WORKER (its name).
 */
import { createClient } from 'redis';
import { createApi } from '../../src/index';
import { fromRedisStream } from '../../src/redis/index';
import { clusterBot } from './bot';

const { REDIS_URL, BASE_URL, TOKEN, WORKER } = process.env;
if (!REDIS_URL || !BASE_URL || !TOKEN || !WORKER) throw new Error('worker needs REDIS_URL, BASE_URL, TOKEN and WORKER');

const client = await createClient({ url: REDIS_URL }).connect();
const api = createApi({ token: TOKEN, baseUrl: BASE_URL });
const updates$ = fromRedisStream(client, {
  prefix: 'cluster-example',
  consumer: WORKER,
  onStatus: (s) => {
    if (s.type === 'acquired' || s.type === 'released' || s.type === 'lost')
      console.info(`${WORKER}: ${s.type} partition ${s.partition}`);
  },
});
clusterBot(api, updates$, WORKER).subscribe();

process.once('SIGTERM', () => {
  void updates$.stop().then(async ({ unfinished }) => {
    await client.close();
    process.exit(unfinished === 0 ? 0 : 1);
  });
});
