import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import * as z from 'zod';
import { writeDataPackage } from '../features/exports/exports.datapackage.ts';
import { exportQuerySchema } from '../features/exports/exports.schema.ts';
import {
  csvExport,
  EXPORT_FORMATS,
  exportLicence,
  geojsonExport,
  jsonLdExport,
  popoloExport,
} from '../features/exports/exports.service.ts';
import { writeXlsx } from '../features/exports/exports.xlsx.ts';
import { withDatabase } from './database.ts';
import { parseInput } from './usage-error.ts';

interface ExportOptions {
  out: string;
  dataset?: string;
  country?: string;
  partnerCountry?: string;
  kind?: string;
  status?: string;
  startedFrom?: string;
  startedTo?: string;
}

/** Counts the ties written: a bar on a terminal, one line at the end otherwise. */
function tieCounter(stream: NodeJS.WriteStream = process.stderr) {
  let written = 0;
  const bar = stream.isTTY
    ? new cliProgress.SingleBar(
        { format: 'Writing ties | {value} written', hideCursor: true, stream },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(0, 0);
  return {
    onTies: (count: number) => {
      written += count;
      bar?.update(written);
    },
    stop: () => {
      bar?.stop();
      return written;
    },
  };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("Write the published ties and their places to a file, filtered as the API's ties list is")
    .argument('<format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .requiredOption('-o, --out <file>', 'the file to write')
    .option('--dataset <records>', 'for csv: ties or places', 'ties')
    .option('-c, --country <code>', 'only ties with a party in this country')
    .option('--partner-country <code>', 'with --country: only ties with a party in this country too')
    .option('--kind <kind>', 'only ties of this kind')
    .option('--status <status>', 'only ties with this status')
    .option('--started-from <date>', 'only ties started on or after this date (YYYY-MM-DD or YYYY)')
    .option('--started-to <date>', 'only ties started on or before this date (YYYY-MM-DD or YYYY)')
    .action(async (format: string, options: ExportOptions) => {
      const chosen = parseInput(z.enum(EXPORT_FORMATS), format, 'format');
      const { out, ...filters } = options;
      const { dataset, ...filter } = parseInput(exportQuerySchema, filters, 'filters');
      await withDatabase(async (database, config) => {
        const counter = tieCounter();
        // Written beside the target and moved into place when whole: a failed export leaves no half file.
        const partial = `${out}.part`;
        try {
          if (chosen === 'xlsx' || chosen === 'datapackage') {
            const file = createWriteStream(partial);
            if (chosen === 'xlsx') await writeXlsx(database.db, filter, file, counter.onTies);
            else await writeDataPackage(database.db, filter, file);
            await finished(file);
          } else {
            const body =
              chosen === 'csv'
                ? csvExport(database.db, dataset, filter, counter.onTies)
                : chosen === 'jsonld'
                  ? jsonLdExport(database.db, filter, config.publicUrl, counter.onTies)
                  : chosen === 'popolo'
                    ? popoloExport(database.db, config.publicUrl)
                    : geojsonExport(database.db, filter, counter.onTies);
            await pipeline(Readable.from(body), createWriteStream(partial));
          }
          await rename(partial, out);
        } catch (error) {
          await rm(partial, { force: true });
          throw error;
        } finally {
          counter.stop();
        }
        const licence = await exportLicence(database.db);
        process.stderr.write(`Wrote ${out}. The data's licences:\n${licence.text}\n`);
      });
    });
}
