/**
 * `GET /updates`: long polling.
 */
import type { UpdateList } from '../../types';
import { sleep } from '../http/sleep';
import type { ApiOperation } from './context';

/**
 * getUpdates: commits up to `marker`, then returns up to `limit` updates of the wanted `types`,
 * waiting up to `timeout` seconds for the first one.
 *
 * While a webhook subscription exists the emulator sends new updates there only (the real
 * server does not allow both): this call then waits out `timeout` and answers an empty list
 * with the marker it was given, so a polling loop neither spins nor loses updates.
 *
 * @example
 * GET /updates?timeout=30&marker=12&types=message_created,message_callback
 */
export const getUpdates: ApiOperation<'getUpdates'> = {
  operation: 'getUpdates',
  handle: async ({ services, query, signal }): Promise<UpdateList> => {
    const limit = query.int('limit', { min: 1, max: 1000 }) ?? 100;
    const timeoutSeconds = query.int('timeout', { min: 0, max: 90 }) ?? 30;
    const marker = query.int('marker');
    const types = query.csv('types');
    const request = { marker, limit, types: types ? new Set(types) : undefined };
    if (services.webhooks.active) {
      await sleep(timeoutSeconds * 1000, signal);
      return { updates: [], marker: marker ?? null };
    }
    return services.queue.poll(request, timeoutSeconds * 1000, signal);
  },
};
