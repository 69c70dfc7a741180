import type {
  ApplyResult,
  ChangedPlace,
  GoneTie,
  NewTie,
  PlaceValues,
  RefreshDiff,
  RefreshPlace,
} from './wikidata-refresh.schema.ts';

/** How many entries of each list the summary shows. */
export const SUMMARY_ENTRIES = 10;

const NEW_ACTIONS: Record<NewTie['action'], string> = {
  create: 'a new tie',
  add_source: 'Wikidata joins the sources of tie #{id}',
  reinstate: 'tie #{id}, withdrawn by an earlier refresh, comes back',
  keep_deleted: 'tie #{id} was deleted by someone: it gets the record and stays deleted',
};
const GONE_ACTIONS: Record<GoneTie['action'], string> = {
  remove_source: 'the record goes, the tie stays',
  keep: 'the record goes, the tie stays: people have worked on it',
  withdraw: 'the tie is withdrawn (deleted, restorable)',
};

function place(ref: RefreshPlace): string {
  const known = ref.placeId === null ? ', new place' : '';
  return `${ref.name} (${[ref.qid, ref.country].filter(Boolean).join(', ')}${known})`;
}

const link = (recordKey: string) => recordKey.replace('\t', ' → ');

function newLine(entry: NewTie): string {
  const action = NEW_ACTIONS[entry.action].replace('{id}', String(entry.tieId));
  return `  + ${entry.places.map(place).join(' – ')}: ${action}`;
}

function goneLine(entry: GoneTie): string {
  const why = [
    entry.deleted ? 'deleted already' : '',
    entry.otherSources.length > 0 ? `still reported by ${entry.otherSources.join(', ')}` : 'no other source',
    entry.userWork.length > 0 ? `people's work: ${entry.userWork.join(', ')}` : '',
  ].filter(Boolean);
  return (
    `  - #${entry.tieId} ${entry.places.map(place).join(' – ')} [${entry.records.map(link).join('; ')}]: ` +
    `${GONE_ACTIONS[entry.action]} (${why.join('; ')})`
  );
}

function show(values: PlaceValues, field: ChangedPlace['changes'][number]): string {
  switch (field) {
    case 'name':
      return values.name;
    case 'country':
      return values.country;
    case 'coordinates':
      return values.lat === null ? 'none' : `${values.lat}, ${values.lng}`;
  }
}

function changedLine(entry: ChangedPlace): string {
  const changes = entry.changes.map(
    (field) => `${field} ${show(entry.before, field)} → ${show(entry.after, field)}`,
  );
  const kept = entry.changes.filter((field) => !entry.applies.includes(field));
  const note = kept.length > 0 ? ` (kept as edited: ${kept.join(', ')})` : '';
  return `  ~ ${entry.current.name} (${entry.qid}, place ${entry.placeId}): ${changes.join('; ')}${note}`;
}

function section<T>(title: string, entries: readonly T[], line: (entry: T) => string): string[] {
  if (entries.length === 0) return [];
  const shown = entries.slice(0, SUMMARY_ENTRIES);
  const more = entries.length - shown.length;
  return [
    '',
    `${title}${more > 0 ? ` (the first ${shown.length} of ${entries.length})` : ''}`,
    ...shown.map(line),
  ];
}

/** A diff as lines for a terminal: the counts and the first entries of each list. */
export function formatRefreshDiff(diff: RefreshDiff, file: string): string {
  const { counts } = diff;
  const lines = [
    `Wikidata refresh diff ${diff.id}, against registry revision ${diff.revision}`,
    `  new ties             ${counts.new} (${counts.placesCreated} new places)`,
    `  gone ties            ${counts.gone} (${counts.tiesWithdrawn} to withdraw)`,
    `  changed places       ${counts.changed}`,
    `  records              ${counts.recordsAdded} to add, ${counts.recordsRemoved} to remove`,
    `  unresolved links     ${counts.unresolved}`,
    ...section('New ties', diff.new, newLine),
    ...section('Gone ties', diff.gone, goneLine),
    ...section('Changed places', diff.changed, changedLine),
    ...section('Unresolved links', diff.unresolved, (entry) => `  ! line ${entry.line}: ${entry.reason}`),
    '',
    `Diff          ${diff.id}`,
    `Full diff     ${file}`,
    diff.applied
      ? `Applied       by import run #${diff.applied.runId} at ${diff.applied.appliedAt}`
      : `Review it, then apply it: citybridge import wikidata-refresh --apply ${diff.id}`,
  ];
  return lines.join('\n');
}

const APPLIED_LABELS: Record<string, string> = {
  partnershipsCreated: 'ties created',
  tiesReinstated: 'ties reinstated',
  tiesWithdrawn: 'ties withdrawn',
  sourceRecordsAdded: 'records added',
  recordsRemoved: 'records removed',
  placesCreated: 'places created',
  placesChanged: 'places updated from Wikidata',
  placesUpdated: 'places filled in',
  namesAdded: 'names added',
  originsAdded: 'place records added',
  originsUpdated: 'place records updated',
  partnerCountsUpdated: 'partner counts updated',
};

/** What applying a diff did, as lines for a terminal. */
export function formatApplyResult(result: ApplyResult): string {
  const heading = result.alreadyApplied
    ? `Wikidata refresh ${result.id} was applied already, by import run #${result.runId} at ${result.appliedAt}: nothing changed.`
    : `Wikidata refresh ${result.id}: applied by import run #${result.runId}.`;
  const counts = Object.entries(result.counts).map(
    ([key, value]) => `  ${(APPLIED_LABELS[key] ?? key).padEnd(30)} ${value}`,
  );
  return [heading, ...(result.alreadyApplied ? [] : counts)].join('\n');
}
