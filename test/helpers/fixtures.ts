import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedWorldFiles } from '../../src/features/imports/world/world.reader.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The small world import fixture (test/fixtures/world-mini), in the same layout as data/, without the names in other
 * languages (world.names.test.ts imports it with them).
 */
export const worldMiniFiles = () => ({
  ...shippedWorldFiles(path.join(here, '../fixtures/world-mini')),
  names: undefined,
});
