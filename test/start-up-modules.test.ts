import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * What a restart loads: the modules that `serve` and the app it starts import, statically, from their sources. The
 * heavy modules that only some requests need are loaded by the first of those requests, so that a restart does not
 * read, compile and run them.
 */

/** The modules a serving process loads at start: the command's, and those its server imports as the database opens. */
const START = [
  'src/cli/main.ts',
  'src/cli/serve.ts',
  'src/server.ts',
  'src/app.ts',
  'src/background.ts',
  'src/features/auth/auth.links.service.ts',
];

async function loadedAtStart(): Promise<{ loaded: Set<string>; packages: Set<string> }> {
  const { metafile } = await build({
    absWorkingDir: path.resolve('.'),
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    outdir: 'dist-metafile',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const loaded = new Set<string>(START);
  const packages = new Set<string>();
  const queue = [...START];
  for (let module = queue.shift(); module; module = queue.shift()) {
    for (const imported of metafile.inputs[module]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || loaded.has(imported.path)) continue;
      if (imported.external) {
        packages.add(
          imported.path
            .split('/')
            .slice(0, imported.path.startsWith('@') ? 2 : 1)
            .join('/'),
        );
        continue;
      }
      loaded.add(imported.path);
      queue.push(imported.path);
    }
  }
  return { loaded, packages };
}

describe('a restart', () => {
  it('loads the app, and none of the modules that wait for their first use', async () => {
    const { loaded, packages } = await loadedAtStart();
    expect(loaded.has('src/features/partnerships/partnerships.routes.ts')).toBe(true);
    for (const module of [
      // The world import and the gazetteer: a first start's, and a Wikidata refresh's.
      'src/features/imports/world/world.import.ts',
      'src/features/imports/world/gazetteer.ts',
      'src/features/imports/wikidata-refresh/wikidata-refresh.service.ts',
      // sanitize-html with its CSS parser: an article written, an article page without a lead.
      'src/features/articles/articles.sanitize.ts',
      // ical.js: a calendar asked for.
      'src/features/events/calendar.ts',
    ]) {
      expect(loaded.has(module), module).toBe(false);
    }
    // Nor the packages that those, a new database's first start and a PostgreSQL server use.
    for (const name of [
      'pg',
      'sanitize-html',
      'ical.js',
      'tar',
      'iso-3166',
      'pbf',
      'pdfkit',
      'exceljs',
      'archiver',
    ]) {
      expect(packages.has(name), name).toBe(false);
    }
    expect(packages.has('fastify')).toBe(true);
  }, 60_000);
});
