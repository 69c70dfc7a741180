import type { WorldImportSummary } from './world.import.ts';

/** The import's summary as lines for a terminal or a log. */
export function formatImportSummary(summary: WorldImportSummary): string {
  const { counts, perSource } = summary;
  const lines = [
    summary.changed
      ? `World import #${summary.runId}: done.`
      : `World import #${summary.runId}: already up to date, nothing changed.`,
    `  rows read            ${counts.rowsRead}`,
    `  places               ${counts.places} (${counts.placesCreated} new, ${counts.placesUpdated} filled in)`,
    `  partnerships         ${counts.partnerships} (${counts.partnershipsCreated} new)`,
    `  merged rows          ${counts.mergedRows} (A–B/B–A, label variants and rows in both sources)`,
    `  unresolved rows      ${counts.unresolved}`,
    `  ambiguous matches    ${counts.ambiguous}`,
    `  corrections          ${counts.corrections} (coordinates and countries)`,
    `  duplicate places     ${counts.duplicatesMerged} merged (${counts.tiesChangedByMerges} tie parties moved), ${counts.duplicatesPending} waiting for review, ${counts.duplicatesKeptApart} kept apart`,
    '  per source           read / resolved / unresolved',
    ...Object.entries(perSource).map(
      ([source, value]) =>
        `    ${source.padEnd(22)} ${value.rowsRead} / ${value.rowsResolved} / ${value.rowsUnresolved}`,
    ),
  ];
  if (summary.reportPath) lines.push(`  report               ${summary.reportPath}`);
  return lines.join('\n');
}
