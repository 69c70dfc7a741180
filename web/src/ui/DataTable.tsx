import {
  type ColumnDef,
  columnFilteringFeature,
  columnVisibilityFeature,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  type Row,
  type RowData,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
} from '@tanstack/react-table';
import { type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Button } from './Button.tsx';
import { type CsvValue, downloadCsv } from './csv.ts';
import {
  ChevronLeftIcon,
  ChevronRightIcon,
  ChevronsLeftIcon,
  ChevronsRightIcon,
  ColumnsIcon,
  DownloadIcon,
  SortIcon,
} from './icons.tsx';
import { MenuButton, MenuItem } from './Menu.tsx';
import { Select } from './Select.tsx';
import { EmptyState, ErrorState, Skeleton } from './states.tsx';
import { TextField } from './TextField.tsx';
import { readTableView, type TableView, type TableViewRules, writeTableView } from './table-url-state.ts';
import './DataTable.css';

/** What a cell holds for sorting, filtering and the CSV download. */
export type CellValue = string | number | null | undefined;

export interface DataColumn<T> {
  /** Stable id: it names the column in the URL (`ties.sort=-started`). */
  id: string;
  header: string;
  value: (row: T) => CellValue;
  /** How the cell shows; by default its value, numbers formatted in the interface language. */
  cell?: (row: T) => ReactNode;
  /** A filter of its own: text contained in the value, or one of the given values. */
  filter?: 'text' | { options: readonly { value: string; label: string }[] };
  /** Shown only once chosen under Columns. */
  hidden?: boolean;
  /** Always shown (the column that names the row). */
  required?: boolean;
  sortable?: boolean;
  /** Numbers: aligned to the end. */
  numeric?: boolean;
  /** Kept on one line (dates, times): a narrow table scrolls rather than break them at their hyphens. */
  nowrap?: boolean;
  /** False: left out of the CSV download (a column of buttons has nothing to download). */
  download?: boolean;
}

/**
 * A column's filter offering each of the given values (a kind, a status), named as the column shows them: the
 * column's value is the text shown, so the filter and the search match what the reader sees.
 */
export function choiceFilter<Value extends string>(
  values: readonly Value[],
  label: (value: Value) => string,
): { options: { value: string; label: string }[] } {
  return { options: values.map((value) => ({ value: label(value), label: label(value) })) };
}

export interface DataTableProps<T> {
  /** The table's caption: its accessible name and the heading above it. */
  caption: string;
  rows: readonly T[];
  columns: readonly DataColumn<T>[];
  rowId: (row: T) => string;
  /** The prefix of this table's keys in the URL; two tables on one page need different ones. */
  urlPrefix: string;
  /** The CSV file's name, without .csv. */
  fileName: string;
  defaultSort?: { id: string; desc: boolean }[];
  pageSizes?: readonly number[];
  /** Shown when there are no rows at all (not when the filters hide them all). */
  emptyState?: ReactNode;
  isLoading?: boolean;
  error?: ReactNode;
  onRetry?: () => void;
  /**
   * A small table among other things (a dashboard's, a part of a record's page): no search, filters, column choice
   * or download, and paging only when there is more than one page. Its headers still sort, and its view is still
   * kept in the URL.
   */
  compact?: boolean;
}

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
});
type Features = typeof features;

/**
 * A search field whose text is this field's own while typed: the URL follows every keystroke, but a keystroke is
 * never lost to a render that still shows the URL's previous value. A change of the URL (back button) shows here.
 */
function SearchText(props: { label: string; value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(props.value);
  const sent = useRef(props.value);
  useEffect(() => {
    if (props.value === sent.current) return;
    sent.current = props.value;
    setText(props.value);
  }, [props.value]);
  return (
    <TextField
      label={props.label}
      type="search"
      value={text}
      onChange={(value) => {
        setText(value);
        sent.current = value;
        props.onChange(value);
      }}
    />
  );
}

const DEFAULT_PAGE_SIZES = [10, 25, 50, 100] as const;
const fold = (text: string) => text.toLocaleLowerCase();

/**
 * A table of records that sorts (the header buttons), searches every column and filters the columns that offer a
 * filter, lets the reader choose the columns, pages through thousands of rows, and downloads what is shown as
 * CSV. Its view lives in the URL under `urlPrefix`, so it can be shared and the back button restores it.
 */
export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { caption, rows, columns, rowId, urlPrefix, fileName, isLoading, error, onRetry, compact } = props;
  const { t, i18n } = useTranslation();
  const captionId = useId();
  const [params, setParams] = useSearchParams();
  const pageSizes = props.pageSizes ?? DEFAULT_PAGE_SIZES;
  const locale = i18n.language;

  const rules = useMemo<TableViewRules>(() => {
    const columnIds = columns.map((column) => column.id);
    return {
      columnIds,
      sortable: columns.filter((column) => column.sortable !== false).map((column) => column.id),
      filterable: columns.filter((column) => column.filter).map((column) => column.id),
      pageSizes,
      defaults: {
        sort: props.defaultSort ?? [],
        query: '',
        filters: {},
        pageIndex: 0,
        pageSize: pageSizes.includes(25) ? 25 : (pageSizes[0] ?? 25),
        columns: columns.filter((column) => !column.hidden || column.required).map((column) => column.id),
      },
    };
  }, [columns, pageSizes, props.defaultSort]);

  const view = useMemo(() => readTableView(params, urlPrefix, rules), [params, urlPrefix, rules]);

  /** Writes a change of view to the URL; typing replaces the history entry, other changes add one. */
  const change = useCallback(
    (next: Partial<TableView>, options: { replace?: boolean } = {}) => {
      // From the address bar as it is now, not as this render saw it: two changes in quick succession (typing,
      // then choosing a filter before the page has rendered again) must not undo each other.
      const current = new URLSearchParams(window.location.search);
      setParams(
        writeTableView(
          current,
          urlPrefix,
          { ...readTableView(current, urlPrefix, rules), ...next },
          rules.defaults,
        ),
        { replace: options.replace ?? false, preventScrollReset: true },
      );
    },
    [setParams, urlPrefix, rules],
  );

  const collator = useMemo(() => new Intl.Collator(locale, { numeric: true, sensitivity: 'base' }), [locale]);
  const numbers = useMemo(() => new Intl.NumberFormat(locale), [locale]);

  const columnDefs = useMemo<ColumnDef<Features, T>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        accessorFn: (row: T) => column.value(row),
        header: column.header,
        enableSorting: column.sortable !== false,
        enableHiding: !column.required,
        enableColumnFilter: Boolean(column.filter),
        sortUndefined: 'last',
        sortFn: (a: Row<Features, T>, b: Row<Features, T>, id: string) => {
          const x = a.getValue<CellValue>(id);
          const y = b.getValue<CellValue>(id);
          if (typeof x === 'number' && typeof y === 'number') return x - y;
          return collator.compare(String(x ?? ''), String(y ?? ''));
        },
        filterFn: (row: Row<Features, T>, id: string, wanted: unknown) => {
          const value = row.getValue<CellValue>(id);
          if (column.filter === 'text') return fold(String(value ?? '')).includes(fold(String(wanted)));
          return String(value ?? '') === String(wanted);
        },
      })),
    [columns, collator],
  );

  // The search looks in the columns shown: a row must not match on text the reader cannot see.
  const shown = view.columns;
  const globalFilterFn = useCallback(
    (row: Row<Features, T>, _id: string, query: unknown) => {
      const wanted = fold(String(query).trim());
      if (wanted === '') return true;
      return columns.some((column) => {
        if (!shown.includes(column.id)) return false;
        const value = column.value(row.original);
        return value !== null && value !== undefined && fold(String(value)).includes(wanted);
      });
    },
    [columns, shown],
  );

  const visibility = useMemo(
    () => Object.fromEntries(columns.map((column) => [column.id, view.columns.includes(column.id)])),
    [columns, view.columns],
  );
  const filterState = useMemo(
    () => Object.entries(view.filters).map(([id, value]) => ({ id, value })),
    [view.filters],
  );

  const table = useTable({
    features,
    columns: columnDefs,
    data: rows as T[],
    getRowId: (row: T) => rowId(row),
    globalFilterFn,
    autoResetPageIndex: false,
    state: {
      sorting: view.sort,
      globalFilter: view.query,
      columnFilters: filterState,
      pagination: { pageIndex: view.pageIndex, pageSize: view.pageSize },
      columnVisibility: visibility,
    },
  });

  const filtered = table.getPrePaginatedRowModel().rows;
  const total = filtered.length;
  const pageCount = Math.max(1, table.getPageCount());
  const pageIndex = Math.min(view.pageIndex, pageCount - 1);
  // A page past the end (an old link, a narrower filter) shows the last page.
  const pageRows =
    pageIndex === view.pageIndex
      ? table.getRowModel().rows
      : filtered.slice(pageIndex * view.pageSize, (pageIndex + 1) * view.pageSize);
  const byId = new Map(columns.map((column) => [column.id, column]));
  const visibleColumns = table
    .getVisibleLeafColumns()
    .map((column) => byId.get(column.id))
    .filter((column) => column !== undefined);
  const filterColumns = columns.filter((column) => column.filter);
  const isFiltered = view.query.trim() !== '' || Object.keys(view.filters).length > 0;

  const exportValue = (column: DataColumn<T>, row: T): CsvValue => {
    const value = column.value(row);
    if (column.filter && typeof column.filter === 'object') {
      return column.filter.options.find((option) => option.value === value)?.label ?? value;
    }
    return value;
  };

  const download = () => {
    const exported = visibleColumns.filter((column) => column.download !== false);
    downloadCsv(fileName, [
      exported.map((column) => column.header),
      ...filtered.map((row) => exported.map((column) => exportValue(column, row.original))),
    ]);
  };

  const toggleSort = (id: string) => {
    const current = view.sort.find((sort) => sort.id === id);
    const sort = !current ? [{ id, desc: false }] : current.desc ? [] : [{ id, desc: true }];
    change({ sort, pageIndex: 0 });
  };

  if (error) {
    return (
      <div className="cb-data-table">
        <p className="cb-table-title">{caption}</p>
        <ErrorState message={error} onRetry={onRetry} />
      </div>
    );
  }

  const from = total === 0 ? 0 : pageIndex * view.pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * view.pageSize);

  return (
    <div className="cb-data-table" data-compact={compact || undefined}>
      {!compact && (
        <div className="cb-table-toolbar">
          <div className="cb-table-filters">
            <SearchText
              label={t('ui.table.search')}
              value={view.query}
              onChange={(query) => change({ query, pageIndex: 0 }, { replace: true })}
            />
            {filterColumns.map((column) =>
              column.filter === 'text' ? (
                <SearchText
                  key={column.id}
                  label={t('ui.table.filterColumn', { column: column.header })}
                  value={view.filters[column.id] ?? ''}
                  onChange={(value) => {
                    const filters = { ...view.filters };
                    if (value === '') delete filters[column.id];
                    else filters[column.id] = value;
                    change({ filters, pageIndex: 0 }, { replace: true });
                  }}
                />
              ) : (
                <Select
                  key={column.id}
                  label={t('ui.table.filterColumn', { column: column.header })}
                  options={[
                    { id: '', label: t('ui.table.any') },
                    ...(column.filter?.options ?? []).map((option) => ({
                      id: option.value,
                      label: option.label,
                    })),
                  ]}
                  selectedKey={view.filters[column.id] ?? ''}
                  onSelectionChange={(key) => {
                    const filters = { ...view.filters };
                    if (key === '' || key === null) delete filters[column.id];
                    else filters[column.id] = String(key);
                    change({ filters, pageIndex: 0 });
                  }}
                />
              ),
            )}
          </div>
          <div className="cb-table-actions">
            <MenuButton
              label={
                <>
                  <ColumnsIcon />
                  {t('ui.table.columns')}
                </>
              }
              selectionMode="multiple"
              disallowEmptySelection
              // Several columns can be switched on or off before the menu closes.
              shouldCloseOnSelect={false}
              selectedKeys={view.columns}
              onSelectionChange={(keys) => {
                if (keys === 'all') return change({ columns: columns.map((column) => column.id) });
                const chosen = new Set([...keys].map(String));
                for (const column of columns) if (column.required) chosen.add(column.id);
                change({ columns: columns.map((column) => column.id).filter((id) => chosen.has(id)) });
              }}
            >
              {columns.map((column) => (
                <MenuItem key={column.id} id={column.id} isDisabled={column.required}>
                  {column.header}
                </MenuItem>
              ))}
            </MenuButton>
            <Button onPress={download} isDisabled={isLoading || total === 0}>
              <DownloadIcon />
              {t('ui.table.download')}
            </Button>
          </div>
        </div>
      )}

      {isLoading ? (
        <>
          <p className="cb-table-title">{caption}</p>
          <Skeleton variant="table" lines={6} label={t('ui.table.loading', { caption })} />
        </>
      ) : rows.length === 0 && props.emptyState ? (
        <>
          <p className="cb-table-title">{caption}</p>
          {props.emptyState}
        </>
      ) : (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard must be able to scroll a table wider than the screen */}
          <section className="cb-table-scroll" aria-labelledby={captionId} tabIndex={0}>
            <table className="cb-table">
              <caption id={captionId}>{caption}</caption>
              <thead>
                <tr>
                  {visibleColumns.map((column) => {
                    const sort = view.sort.find((item) => item.id === column.id);
                    const direction = sort ? (sort.desc ? 'descending' : 'ascending') : 'none';
                    return (
                      <th
                        key={column.id}
                        scope="col"
                        aria-sort={sort ? direction : undefined}
                        data-numeric={column.numeric || undefined}
                      >
                        {column.sortable === false ? (
                          column.header
                        ) : (
                          <button
                            type="button"
                            className="cb-sort-button"
                            onClick={() => toggleSort(column.id)}
                          >
                            {column.header}
                            <SortIcon direction={direction} />
                          </button>
                        )}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {pageRows.map((row) => (
                  <tr key={row.id}>
                    {visibleColumns.map((column) => {
                      const value = column.value(row.original);
                      return (
                        <td
                          key={column.id}
                          data-numeric={column.numeric || undefined}
                          data-nowrap={column.nowrap || undefined}
                        >
                          {column.cell
                            ? column.cell(row.original)
                            : typeof value === 'number'
                              ? numbers.format(value)
                              : value}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          {total === 0 && (
            <EmptyState
              title={t('ui.table.noMatches')}
              description={isFiltered ? t('ui.table.noMatchesHint') : undefined}
              action={
                isFiltered && (
                  <Button onPress={() => change({ query: '', filters: {}, pageIndex: 0 })}>
                    {t('ui.table.clearFilters')}
                  </Button>
                )
              }
            />
          )}
        </>
      )}

      {!isLoading && total > 0 && (!compact || pageCount > 1) && (
        <div className="cb-table-footer">
          <p className="cb-table-count" role="status">
            {isFiltered
              ? t('ui.table.showingFiltered', {
                  from: numbers.format(from),
                  to: numbers.format(to),
                  total: numbers.format(total),
                  all: numbers.format(rows.length),
                })
              : t('ui.table.showing', {
                  from: numbers.format(from),
                  to: numbers.format(to),
                  total: numbers.format(total),
                })}
          </p>
          <div className="cb-table-paging">
            {!compact && (
              <Select
                label={t('ui.table.pageSize')}
                options={pageSizes.map((size) => ({ id: size, label: String(size) }))}
                selectedKey={view.pageSize}
                onSelectionChange={(key) => change({ pageSize: Number(key), pageIndex: 0 })}
              />
            )}
            <nav className="cb-pager" aria-label={t('ui.table.pagination', { caption })}>
              <Button
                variant="quiet"
                size="s"
                aria-label={t('ui.table.firstPage')}
                isDisabled={pageIndex === 0}
                onPress={() => change({ pageIndex: 0 })}
              >
                <ChevronsLeftIcon />
              </Button>
              <Button
                variant="quiet"
                size="s"
                aria-label={t('ui.table.previousPage')}
                isDisabled={pageIndex === 0}
                onPress={() => change({ pageIndex: pageIndex - 1 })}
              >
                <ChevronLeftIcon />
              </Button>
              <span className="cb-pager-position">
                {t('ui.table.page', {
                  page: numbers.format(pageIndex + 1),
                  pages: numbers.format(pageCount),
                })}
              </span>
              <Button
                variant="quiet"
                size="s"
                aria-label={t('ui.table.nextPage')}
                isDisabled={pageIndex >= pageCount - 1}
                onPress={() => change({ pageIndex: pageIndex + 1 })}
              >
                <ChevronRightIcon />
              </Button>
              <Button
                variant="quiet"
                size="s"
                aria-label={t('ui.table.lastPage')}
                isDisabled={pageIndex >= pageCount - 1}
                onPress={() => change({ pageIndex: pageCount - 1 })}
              >
                <ChevronsRightIcon />
              </Button>
            </nav>
          </div>
        </div>
      )}
    </div>
  );
}
