/**
 * Exports of the whole world data: each format written to a counting sink as a download streams it, with the time
 * and how far the process's resident memory rose above where it stood before, next to reading the same ties page
 * by page without writing anything (the baseline, in the same run).
 */
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { Database } from '../src/db/client.ts';
import { csvExport, geojsonExport, tiePages } from '../src/features/exports/exports.service.ts';
import { writeXlsx } from '../src/features/exports/exports.xlsx.ts';
import { importWorld } from '../src/features/imports/world/world.import.ts';
import { printOnEngines } from './figures.ts';

interface ExportFigure {
  seconds: number;
  bytes: number;
  ties: number;
  /** How far the resident set rose above its level at the start, at its highest. */
  rssRiseMb: number;
}

async function measure(chunks: () => AsyncIterable<string | unknown[]>): Promise<ExportFigure> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  let bytes = 0;
  let ties = 0;
  for await (const chunk of chunks()) {
    if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
    else ties += chunk.length;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, bytes, ties, rssRiseMb: (peak - before) / 1024 / 1024 };
}

export async function exportBenchmarks(database: Database) {
  const db = database.db;
  let ties = 0;
  const count = (n: number) => {
    ties += n;
  };
  const read = await measure(() => tiePages(db, {}));
  const csv = await measure(() => csvExport(db, 'ties', {}, count));
  const places = await measure(() => csvExport(db, 'places', {}));
  const geojson = await measure(() => geojsonExport(db, {}));
  const xlsx = await measure(() => {
    // The workbook's bytes, counted as exceljs writes them.
    const output = new PassThrough();
    writeXlsx(db, {}, output).catch((error: unknown) => output.destroy(error as Error));
    return (async function* () {
      for await (const chunk of output) yield (chunk as Buffer).toString('latin1');
    })();
  });
  return { read, csv: { ...csv, ties }, places, geojson, xlsx };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function exportRows(
  figures: Awaited<ReturnType<typeof exportBenchmarks>>,
): [string, string, string][] {
  const base = figures.read.seconds;
  const row = (figure: ExportFigure) =>
    `${figure.seconds.toFixed(2)} s (${(figure.seconds / base).toFixed(1)}× reading); ${mb(figure.bytes)}; ` +
    `RSS +${figure.rssRiseMb.toFixed(0)} MB`;
  return [
    [
      `reading every published tie page by page (${figures.read.ties} ties; baseline)`,
      `${base.toFixed(2)} s; RSS +${figures.read.rssRiseMb.toFixed(0)} MB`,
      'baseline',
    ],
    [`CSV export of every tie (${figures.csv.ties})`, row(figures.csv), 'streamed; RSS rise shown'],
    ['CSV export of their places', row(figures.places), 'streamed; RSS rise shown'],
    ['GeoJSON export of every tie and place', row(figures.geojson), 'streamed; RSS rise shown'],
    ['XLSX export of every tie, place and source', row(figures.xlsx), 'streamed; RSS rise shown'],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await printOnEngines('Exports', async (database) => exportRows(await exportBenchmarks(database)), {
    pgliteFrom: process.env.CITYBRIDGE_DATA_DIR,
    prepare: async (database, engine) => {
      process.stderr.write(`Importing the world data on ${engine}\n`);
      await importWorld(database);
    },
  });
