import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { mappingSchema } from '../features/imports/spreadsheet/spreadsheet.fields.ts';
import { importFileAsOperator } from '../features/imports/spreadsheet/spreadsheet.service.ts';
import { withDatabase } from './database.ts';
import { UsageError } from './usage-error.ts';

const SHOWN_REFUSALS = 30;

interface FileOptions {
  organization?: string;
  mapping?: string;
  commit?: boolean;
  json?: boolean;
}

async function readMapping(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the mapping ${file}: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`Invalid mapping ${file}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

type Result = Awaited<ReturnType<typeof importFileAsOperator>>;

function summary(result: Result): string {
  const lines: string[] = [];
  for (const sheet of result.mapping.sheets) {
    const columns = Object.entries(sheet.columns)
      .map(([field, column]) => `${field} ← "${column}"`)
      .join(', ');
    lines.push(`Sheet "${sheet.sheet}": ${sheet.type}${columns ? ` (${columns})` : ''}`);
  }
  const { counts } = result;
  lines.push(
    `Rows: ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged, ${counts.refused} refused`,
    `Places: ${counts.placesExisting} found, ${counts.placesSimilar} by a similar name, ${counts.placesNew} new`,
  );
  const refusals = result.rows.filter((row) => row.outcome === 'refused');
  for (const row of refusals.slice(0, SHOWN_REFUSALS)) {
    const reasons = row.reasons.map((reason) => `${reason.field ? `${reason.field} ` : ''}${reason.message}`);
    lines.push(`  refused ${row.sheet}:${row.line} ${row.label}: ${reasons.join('; ')}`);
  }
  if (refusals.length > SHOWN_REFUSALS)
    lines.push(`  … and ${refusals.length - SHOWN_REFUSALS} more refused`);
  if (result.committed) {
    const written = result.counts;
    lines.push(
      `Written (import run ${result.runId}): ${written.tiesCreated} ties created, ${written.tiesUpdated} updated, ` +
        `${written.placesCreated} places created, ${written.placesUpdated} updated, ` +
        `${written.sourceRecordsAdded} source records added`,
    );
  } else {
    lines.push('Dry run: nothing was written. Run again with --commit to import.');
  }
  return lines.join('\n');
}

export function registerImportFile(command: Command): void {
  command
    .command('file')
    .description(
      'Import ties (and places and sources) from a CSV or XLSX file. A dry run unless --commit is given; ' +
        'committing the same file again changes nothing.',
    )
    .argument('<file>', 'the CSV (UTF-8) or XLSX file')
    .option(
      '--organization <id>',
      "import for this organisation: its place is a tie's own city when a sheet leaves it out",
    )
    .option('--mapping <file>', 'a JSON mapping of sheets and columns (default: guessed from the headers)')
    .option('--commit', 'write to the registry')
    .option('--json', 'print the whole result as JSON')
    .action(async (file: string, options: FileOptions) => {
      const organizationId = options.organization ? Number(options.organization) : undefined;
      if (organizationId !== undefined && !(Number.isSafeInteger(organizationId) && organizationId > 0)) {
        throw new UsageError(`--organization must be an organisation id, not "${options.organization}"`);
      }
      const mapping = options.mapping ? await readMapping(options.mapping) : undefined;
      const bytes = await readFile(file).catch((error: Error) => {
        throw new UsageError(`Cannot read ${file}: ${error.message}`);
      });
      await withDatabase(async (database) => {
        const result = await importFileAsOperator(database, {
          filename: file,
          bytes,
          organizationId,
          mapping,
          commit: options.commit === true,
        });
        process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : summary(result)}\n`);
      });
    });
}
