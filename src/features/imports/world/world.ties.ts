/**
 * Phase 3 of the reconciliation: ties. Every Wikidata link and every Wikipedia pair whose ends resolve to two
 * different places becomes a tie, one per pair of places, each source row kept as a record of it; rows that do
 * not resolve are reported.
 */
import type { PlanBuilder } from './world.plan.ts';
import type { SourceRow, WikidataLink, WikipediaPair } from './world.reader.ts';
import type { LabelResolver } from './world.wikipedia.ts';

/** Occurrence-numbered record keys, so identical rows in one file stay distinct records. */
export function recordKeyer(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    return count === 1 ? text : `${text}#${count}`;
  };
}

/** Ties from the Wikidata links, between the Wikidata cities already in the plan. */
export function addWikidataTies(plan: PlanBuilder, links: readonly SourceRow<WikidataLink>[]): void {
  const keyOf = recordKeyer();
  for (const { line, values } of links) {
    const row = { ...values };
    const recordKey = keyOf(`${values.source}\t${values.target}`);
    const missing = [values.source, values.target].filter((qid) => !plan.place(qid));
    if (missing.length > 0) {
      plan.report.failRow({
        source: 'wikidata',
        line,
        row,
        reason: `not among the Wikidata cities: ${missing.join(', ')}`,
      });
      continue;
    }
    if (values.source === values.target) {
      plan.report.failRow({ source: 'wikidata', line, row, reason: 'both ends are the same place' });
      continue;
    }
    plan.report.resolveRow('wikidata');
    plan.addTie(values.source, values.target, { source: 'wikidata', recordKey, raw: { line, ...row } });
  }
}

/** Ties from the Wikipedia pairs, each end resolved from its label. */
export function addWikipediaTies(
  plan: PlanBuilder,
  pairs: readonly SourceRow<WikipediaPair>[],
  resolveLabel: LabelResolver,
): void {
  const keyOf = recordKeyer();
  for (const { line, values } of pairs) {
    const row = { ...values };
    const recordKey = keyOf([values.city1, values.country1, values.city2, values.country2].join('|'));
    const first = resolveLabel(values.city1, values.country1);
    const second = resolveLabel(values.city2, values.country2);
    const errors = [first, second].flatMap((result) => ('error' in result ? [result.error] : []));
    if ('error' in first || 'error' in second) {
      plan.report.failRow({ source: 'wikipedia', line, row, reason: errors.join('; ') });
      continue;
    }
    if (first.key === second.key) {
      plan.report.failRow({ source: 'wikipedia', line, row, reason: 'both ends resolve to the same place' });
      continue;
    }
    plan.report.resolveRow('wikipedia');
    plan.addTie(first.key, second.key, { source: 'wikipedia', recordKey, raw: { line, ...row } });
  }
}
