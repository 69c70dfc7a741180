/**
 * A spreadsheet import of 10,000 rows on the world data: reading the file (the baseline, in the same run), the dry
 * run, the commit, and a second commit of the same file (which changes nothing). The rows pair places of the
 * registry by name and country, as a city's sheet names them; one in twenty has a typo that only the similar-name
 * search finds. Written as XLSX, the format a coordinator's sheet usually is.
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';
import { readSpreadsheet } from '../src/features/imports/spreadsheet/spreadsheet.read.ts';
import { importFileAsOperator } from '../src/features/imports/spreadsheet/spreadsheet.service.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';
import { printOnEngines } from './figures.ts';

const ROWS = 10_000;

/** A typo: two letters of the name swapped in the middle, as a hurried hand types it. */
function typo(name: string): string {
  const at = Math.floor(name.length / 2);
  if (name.length < 6) return name;
  return `${name.slice(0, at - 1)}${name[at]}${name[at - 1]}${name.slice(at + 1)}`;
}

async function spreadsheetOfTies(database: Database): Promise<Buffer> {
  // Places whose name is unique in their country, in a fixed order that mixes countries.
  const places = await queryRows<{ name: string; country: string }>(
    database.db,
    sql`select name, country from (
          select p.id, p.name, p.country, count(*) over (partition by p.country, lower(p.name)) as namesakes
          from places p where p.merged_into_id is null and p.kind = 'municipality'
        ) unique_names
        where namesakes = 1
        order by (id * 7919) % 100003, id
        limit ${ROWS * 2}`,
  );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ties');
  sheet.addRow(['City', 'City country', 'Partner city', 'Partner country', 'Kind', 'Since']);
  // Each place is paired with one half the list away, and in a second pass with the next one along.
  const count = places.length;
  for (let index = 0; index < ROWS; index += 1) {
    const a = places[index % count]!;
    const b = places[(index + Math.floor(count / 2) + Math.floor(index / count)) % count]!;
    sheet.addRow([
      a.name,
      a.country,
      index % 20 === 0 ? typo(b.name) : b.name,
      b.country,
      index % 3 === 0 ? 'mou' : 'friendship city',
      1950 + (index % 70),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; rssPeakMb: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, rssPeakMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024, result };
}

export async function importBenchmarks(database: Database) {
  const bytes = await spreadsheetOfTies(database);
  const file = { filename: 'ties.xlsx', bytes };
  const read = await timed(() => readSpreadsheet(file.filename, bytes));
  const dryRun = await timed(() => importFileAsOperator(database, { ...file, commit: false }));
  const commit = await timed(() => importFileAsOperator(database, { ...file, commit: true }));
  const again = await timed(() => importFileAsOperator(database, { ...file, commit: true }));
  return { rows: read.result[0]!.rows.length, bytes: bytes.length, read, dryRun, commit, again };
}

export function importRows(
  figures: Awaited<ReturnType<typeof importBenchmarks>>,
): [string, string, string][] {
  const base = figures.read.seconds;
  const row = (figure: { seconds: number; rssPeakMb: number }) =>
    `${figure.seconds.toFixed(2)} s (${(figure.seconds / base).toFixed(1)}× reading); peak RSS ${figure.rssPeakMb.toFixed(0)} MB`;
  const counts = figures.dryRun.result.counts;
  const written = figures.commit.result.committed ? figures.commit.result.counts : undefined;
  return [
    [
      `reading a ${figures.rows.toLocaleString('en')}-row XLSX (${(figures.bytes / 1024).toFixed(0)} KB; baseline)`,
      `${base.toFixed(2)} s; peak RSS ${figures.read.rssPeakMb.toFixed(0)} MB`,
      'baseline',
    ],
    [
      `import dry run (${counts.create} to create, ${counts.unchanged} unchanged, ${counts.refused} refused; ` +
        `${counts.placesSimilar} places by a similar name)`,
      row(figures.dryRun),
      'ratio shown',
    ],
    [`import commit (${written?.tiesCreated ?? 0} ties created)`, row(figures.commit), 'ratio shown'],
    ['the same file committed again (changes nothing)', row(figures.again), 'ratio shown'],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await printOnEngines('Imports', async (database) => importRows(await importBenchmarks(database)), {
    pgliteFrom: process.env.CITYBRIDGE_DATA_DIR,
    prepare: async (database, engine) => {
      process.stderr.write(`Importing the world data on ${engine}\n`);
      await importWorld(database);
    },
  });
