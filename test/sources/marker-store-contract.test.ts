import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileMarkerStore } from '../../src/node/index';
import { memoryMarkerStore } from '../../src/sources/index';
import { markerStoreContract } from '../helpers/marker-store-contract';

markerStoreContract('memoryMarkerStore', { durable: false, setUp: () => ({ open: () => memoryMarkerStore() }) });

markerStoreContract('fileMarkerStore', {
  durable: true,
  async setUp() {
    const dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-contract-'));
    const path = join(dir, 'state.json');
    return {
      open: () => fileMarkerStore(path),
      corrupt: (value) => writeFile(path, value),
      clear: () => rm(dir, { recursive: true, force: true }),
    };
  },
});
