/**
 * Duplicate places: the finder's precision and recall on the hand-checked pairs of
 * src/features/merges/duplicates.test-set.json, and what it finds in the imported world registry.
 * Alone: `npx tsx bench/duplicates.ts` (CITYBRIDGE_DATA_DIR to use an imported PGlite folder).
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { Database } from '../src/db/client.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';
import { evaluateFinder, type TestPair } from '../src/features/merges/duplicates.evaluate.ts';
import { findDuplicatePlaces } from '../src/features/merges/duplicates.find.ts';
import { countDuplicates, loadDuplicateCandidates } from '../src/features/merges/duplicates.repo.ts';
import { ms, printOnEngines } from './figures.ts';

export async function duplicateBenchmarks(database: Database) {
  const { pairs } = JSON.parse(
    await readFile(new URL('../src/features/merges/duplicates.test-set.json', import.meta.url), 'utf8'),
  ) as { pairs: TestPair[] };
  const testSet = evaluateFinder(pairs);
  const candidates = await loadDuplicateCandidates(database.db);
  const started = performance.now();
  const found = findDuplicatePlaces(candidates);
  const finderMs = performance.now() - started;
  return {
    testSet,
    registry: await countDuplicates(database.db),
    finderMs,
    places: candidates.length,
    left: {
      certain: found.filter((pair) => pair.confidence === 'certain').length,
      possible: found.filter((pair) => pair.confidence === 'possible').length,
    },
  };
}

export function duplicateRows(
  figures: Awaited<ReturnType<typeof duplicateBenchmarks>>,
): [string, string, string][] {
  const { testSet, registry } = figures;
  const share = (value: number) => value.toFixed(3);
  return [
    [
      `duplicate finder on ${testSet.pairs} hand-checked pairs (${testSet.duplicates} duplicates, ${testSet.different} look-alikes): ` +
        'precision of automatic merges / recall with the review queue / recall of merges alone',
      `${share(testSet.precision)} (${testSet.mergedCorrectly} of ${testSet.merged}) / ${share(testSet.recall)} ` +
        `(${testSet.found} of ${testSet.duplicates}) / ${share(testSet.recallMerged)}; ` +
        `${testSet.queuedWrongly} look-alikes queued for review`,
      'precision ≥ 0.99, recall ≥ 0.9',
    ],
    [
      'duplicate places in the registry after the import: merged / waiting for review / "not the same" / tie parties moved',
      `${registry.merged} / ${registry.pending} / ${registry.distinct} / ${registry.tiesChanged}`,
      'figures',
    ],
    [
      `a run of the finder over the registry (${figures.places.toLocaleString('en')} live places)`,
      `${ms(figures.finderMs)}; finds ${figures.left.certain} certain and ${figures.left.possible} possible pairs`,
      'certain = 0 after an import',
    ],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await printOnEngines(
    'Duplicate places',
    async (database) => duplicateRows(await duplicateBenchmarks(database)),
    {
      pgliteFrom: process.env.CITYBRIDGE_DATA_DIR,
      prepare: async (database, engine) => {
        process.stderr.write(`Importing the world data on ${engine}\n`);
        await importWorld(database);
      },
    },
  );
