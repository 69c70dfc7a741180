import { type ReactNode, useState } from 'react';
import { Button } from '../../ui/Button.tsx';
import { type DataColumn, DataTable, type DataTableProps } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';

/** The read a table shows (a TanStack Query result): whether it is loading or failed, and trying it again. */
export interface TableQuery {
  isPending: boolean;
  isError: boolean;
  refetch: () => unknown;
}

/**
 * A table of records as every list of the workspace shows them: a row per record (named by its id), and, when they
 * come from a read of their own (`query`), a skeleton while it loads and its failure with a Retry; when there are
 * none, what to do about it.
 */
export function RecordTable<T extends { id: number }>(
  props: Omit<DataTableProps<T>, 'rows' | 'rowId' | 'isLoading' | 'error' | 'onRetry' | 'emptyState'> & {
    query?: TableQuery;
    /** The records, once read. */
    rows: readonly T[] | undefined;
    /** Said when there are none: what to do about it, and where (`link`). */
    empty: { title: string; hint?: string; link?: { href: string; label: string } };
  },
) {
  const { t } = useWorkspaceTexts();
  const { query, rows, empty, ...table } = props;
  return (
    <DataTable
      {...table}
      rows={rows ?? []}
      rowId={(row) => String(row.id)}
      isLoading={query?.isPending}
      error={query?.isError ? t('lists.error') : undefined}
      onRetry={query && (() => void query.refetch())}
      emptyState={
        <EmptyState
          title={empty.title}
          description={empty.hint}
          action={
            empty.link && (
              <Link href={empty.link.href} variant="standalone">
                {empty.link.label}
              </Link>
            )
          }
        />
      }
    />
  );
}

/** The column of a row's buttons: always shown, neither sorted nor searched, left out of the CSV. */
export function actionsColumn<T>(t: WorkspaceT, cell: (row: T) => ReactNode): DataColumn<T> {
  return {
    id: 'actions',
    header: t('lists.actions'),
    value: () => undefined,
    cell,
    sortable: false,
    required: true,
    download: false,
  };
}

/**
 * Editing one row of a table at a time, in a form below the table: the row being edited (once it is among the
 * rows), the button of each row that opens and closes its form, and closing it (once saved).
 */
export function useRowEditing<T extends { id: number }>(rows: readonly T[] | undefined) {
  const [editing, setEditing] = useState<number | null>(null);
  return {
    edited: rows?.find((row) => row.id === editing),
    close: () => setEditing(null),
    toggle: (row: T, label: ReactNode) => (
      <Button
        size="s"
        variant="quiet"
        aria-expanded={editing === row.id}
        onPress={() => setEditing(editing === row.id ? null : row.id)}
      >
        {label}
      </Button>
    ),
  };
}
