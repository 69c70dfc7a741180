import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Outcome,
  type OutcomeList,
  type OutcomeTotal,
  useDeleteOutcome,
  useRestoreOutcome,
} from '../../api/outcomes.ts';
import { Button } from '../../ui/Button.tsx';
import type { DataColumn } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';
import { DeleteButton } from '../ui/DeleteRestore.tsx';
import { actionsColumn, RecordTable, type TableQuery } from '../ui/RecordTable.tsx';
import { visibilityColumn } from '../ui/visibility.ts';
import { OutcomeForm } from './OutcomeForm.tsx';
import { formatMoney, localized } from './pickers.tsx';

/** The outcomes' columns: date, kind, title, value in its currency, the organisations involved. */
export function useOutcomeColumns(t: WorkspaceT): DataColumn<Outcome>[] {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => [
      { id: 'achievedOn', header: t('outcomes.achievedOn'), value: (row) => row.achievedOn, nowrap: true },
      { id: 'kind', header: t('outcomes.kind'), value: (row) => t(`outcomes.kinds.${row.kind}`) },
      {
        id: 'title',
        header: t('outcomes.title'),
        value: (row) => localized(row.title, language),
        required: true,
        filter: 'text',
      },
      {
        id: 'value',
        header: t('outcomes.value'),
        value: (row) => (row.value ? `${row.value.currency} ${row.value.amount}` : undefined),
        cell: (row) => (row.value ? formatMoney(row.value.amount, row.value.currency, language) : '–'),
        numeric: true,
        nowrap: true,
      },
      {
        id: 'organizations',
        header: t('outcomes.organizations'),
        value: (row) => row.organizations.map((organization) => organization.name).join(', '),
      },
      visibilityColumn<Outcome>(t),
    ],
    [t, language],
  );
}

/** The values of the outcomes listed, summed per currency and never converted. */
export function OutcomeTotals(props: { t: WorkspaceT; totals: OutcomeTotal[] | undefined }) {
  const { i18n } = useTranslation();
  if (!props.totals || props.totals.length === 0) return null;
  return (
    <section className="outcome-totals" aria-labelledby="outcome-totals-heading">
      <h3 id="outcome-totals-heading">{props.t('outcomes.totals')}</h3>
      <ul>
        {props.totals.map((total) => (
          <li key={total.currency}>
            <strong>{formatMoney(total.amount, total.currency, i18n.language)}</strong>{' '}
            {props.t('outcomes.totalCount', { count: total.count })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Outcomes in a table with their totals per currency below it; the editable ones edited in the form below the
 * table, or deleted (Undo in the toast).
 */
export function OutcomesTable(props: {
  t: WorkspaceT;
  organizationId: number;
  caption: string;
  query: TableQuery & { data?: OutcomeList };
  empty: { title: string; hint?: string; link?: { href: string; label: string } };
  urlPrefix: string;
  compact?: boolean;
}) {
  const { t } = props;
  const { i18n } = useTranslation();
  const remove = useDeleteOutcome();
  const restore = useRestoreOutcome();
  const columns = useOutcomeColumns(t);
  const items = props.query.data?.items;
  const [editing, setEditing] = useState<number | null>(null);
  const edited = items?.find((row) => row.id === editing);

  const actions = (outcome: Outcome) => {
    if (!outcome.canEdit) return null;
    const title = localized(outcome.title, i18n.language);
    return (
      <span className="ws-row-actions">
        <Button
          size="s"
          variant="quiet"
          aria-expanded={editing === outcome.id}
          onPress={() => setEditing(editing === outcome.id ? null : outcome.id)}
        >
          {t('tie.edit')} <span className="visually-hidden">{title}</span>
        </Button>
        <DeleteButton
          t={t}
          size="s"
          onDelete={() => remove.mutateAsync(outcome)}
          onRestore={(deleted) => restore.mutateAsync(deleted)}
        >
          {t('tieActions.delete')} <span className="visually-hidden">{title}</span>
        </DeleteButton>
      </span>
    );
  };

  return (
    <>
      <RecordTable
        caption={props.caption}
        query={props.query}
        rows={items}
        columns={[...columns, actionsColumn(t, actions)]}
        urlPrefix={props.urlPrefix}
        fileName="citybridge-outcomes"
        defaultSort={[{ id: 'achievedOn', desc: true }]}
        compact={props.compact}
        empty={props.empty}
      />
      <OutcomeTotals t={t} totals={props.query.data?.totals} />
      {edited && (
        <OutcomeForm
          key={`${edited.id}-${edited.version}`}
          t={t}
          organizationId={props.organizationId}
          outcome={edited}
          onSaved={() => setEditing(null)}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  );
}
