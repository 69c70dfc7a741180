import { useId, useMemo } from 'react';
import type { DryRun, ImportCounts, ImportRow, RowOutcome } from '../../api/imports.ts';
import { useFormat } from '../../format.ts';
import { choiceFilter, type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';
import { fieldLabel, matchText, reasonText, SHEET_OF_ROW } from './import-texts.ts';
import { StepHeading } from './StepHeading.tsx';

const OUTCOMES: readonly RowOutcome[] = ['create', 'update', 'unchanged', 'refused'];
const ROW_TYPES: readonly ImportRow['type'][] = ['tie', 'place', 'person', 'source'];
const PLACE_COUNTS = ['placesExisting', 'placesSimilar', 'placesNew'] as const;

/** The counts in one sentence: what the heading is described by, and what the toast says. */
export const countsSummary = (t: WorkspaceT, counts: ImportCounts) =>
  t('imports.dryRun.summary', {
    create: counts.create,
    update: counts.update,
    unchanged: counts.unchanged,
    refused: counts.refused,
  });

/** Counts as a list of terms and figures. */
export function Counts(props: { label: string; entries: { key: string; label: string; value: number }[] }) {
  const format = useFormat();
  return (
    <div className="im-counts">
      <h3>{props.label}</h3>
      <dl className="status-counts">
        {props.entries.map((entry) => (
          <div key={entry.key} data-count={entry.key}>
            <dt>{entry.label}</dt>
            <dd>{format.number(entry.value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/** The places a row names (a cell refused, such as a formula, names none). */
const namedPlaces = (row: ImportRow) => row.places.filter((place) => place.input.trim() !== '');

/** What a row would do, and why not when it is refused. */
function rowDetails(t: WorkspaceT, row: ImportRow): string[] {
  if (row.outcome === 'refused') return row.reasons.map((reason) => reasonText(t, row, reason));
  if (row.outcome === 'update' && row.changes.length > 0)
    return [
      t('imports.dryRun.changes', {
        fields: row.changes.map((field) => fieldLabel(t, SHEET_OF_ROW[row.type], field)).join(', '),
      }),
    ];
  return [];
}

/**
 * Step 3: what the import would do, counted and row by row in a table that sorts and filters by outcome. Nothing is
 * written. `stale`: the mapping has changed since, and the check must be made again.
 */
export function DryRunResults(props: {
  t: WorkspaceT;
  filename: string;
  dryRun: DryRun;
  sheetCount: number;
  stale: boolean;
  focus: number;
}) {
  const { t, dryRun } = props;
  const headingId = useId();
  const summaryId = useId();
  const counts = dryRun.counts;
  const hasTies = dryRun.rows.some((row) => row.type === 'tie');
  const types = useMemo(
    () => ROW_TYPES.filter((type) => dryRun.rows.some((row) => row.type === type)),
    [dryRun.rows],
  );

  const columns = useMemo<DataColumn<ImportRow>[]>(
    () => [
      {
        id: 'sheet',
        header: t('imports.dryRun.column.sheet'),
        value: (row) => row.sheet,
        hidden: props.sheetCount < 2,
      },
      {
        id: 'line',
        header: t('imports.dryRun.column.line'),
        value: (row) => row.line,
        numeric: true,
        required: true,
      },
      {
        id: 'type',
        header: t('imports.dryRun.column.type'),
        value: (row) => t(`imports.dryRun.type.${row.type}`),
        hidden: types.length < 2,
        filter:
          types.length < 2 ? undefined : choiceFilter(types, (type) => t(`imports.dryRun.type.${type}`)),
      },
      {
        id: 'label',
        header: t('imports.dryRun.column.label'),
        value: (row) => row.label,
        required: true,
      },
      {
        id: 'outcome',
        header: t('imports.dryRun.column.outcome'),
        value: (row) => t(`imports.dryRun.outcome.${row.outcome}`),
        cell: (row) => (
          <span className="im-tag" data-outcome={row.outcome}>
            {t(`imports.dryRun.outcome.${row.outcome}`)}
          </span>
        ),
        filter: choiceFilter(OUTCOMES, (outcome) => t(`imports.dryRun.outcome.${outcome}`)),
        required: true,
      },
      {
        id: 'places',
        header: t('imports.dryRun.column.places'),
        value: (row) =>
          namedPlaces(row)
            .map((place) => matchText(t, place))
            .join('; '),
        cell: (row) =>
          namedPlaces(row).length > 0 && (
            <ul className="im-cell-list">
              {namedPlaces(row).map((place) => (
                <li key={place.field} data-match={place.match}>
                  {matchText(t, place)}
                </li>
              ))}
            </ul>
          ),
        hidden: !hasTies,
        sortable: false,
      },
      {
        id: 'details',
        header: t('imports.dryRun.column.details'),
        value: (row) => rowDetails(t, row).join(' '),
        cell: (row) => {
          const details = rowDetails(t, row);
          return (
            details.length > 0 && (
              <ul className="im-cell-list">
                {details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )
          );
        },
        sortable: false,
      },
    ],
    [t, props.sheetCount, hasTies, types],
  );

  return (
    <section className="panel im-dry-run" aria-labelledby={headingId}>
      <StepHeading id={headingId} focus={props.focus} describedBy={summaryId}>
        {t('imports.dryRun.heading')}
      </StepHeading>
      <p id={summaryId} className="im-summary">
        {countsSummary(t, counts)} {t('imports.dryRun.nothingWritten')}
      </p>
      {props.stale && (
        <p className="im-notice" role="status">
          {t('imports.dryRun.stale')}
        </p>
      )}
      <div className="im-count-groups">
        <Counts
          label={t('imports.dryRun.rows')}
          entries={OUTCOMES.map((outcome) => ({
            key: outcome,
            label: t(`imports.dryRun.counts.${outcome}`),
            value: counts[outcome],
          }))}
        />
        {hasTies && (
          <Counts
            label={t('imports.dryRun.places')}
            entries={PLACE_COUNTS.map((key) => ({
              key,
              label: t(`imports.dryRun.counts.${key}`),
              value: counts[key],
            }))}
          />
        )}
      </div>
      <DataTable
        caption={t('imports.dryRun.caption', { filename: props.filename })}
        rows={dryRun.rows}
        columns={columns}
        rowId={(row) => `${row.sheet}\u0000${row.line}`}
        urlPrefix="rows"
        fileName="citybridge-import-check"
      />
    </section>
  );
}
