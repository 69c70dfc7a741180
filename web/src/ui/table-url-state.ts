/**
 * A data table's view (sort, filters, page, page size, shown columns) in the URL's search parameters, each under
 * the table's own prefix (`ties.sort`, `people.page`), so a view can be shared or bookmarked, the back button
 * works, and two tables on one page keep their own. Only what differs from the table's defaults is written.
 */

export interface TableSort {
  id: string;
  desc: boolean;
}

export interface TableView {
  sort: TableSort[];
  /** The text searched for in every column. */
  query: string;
  /** Column id → filter value. */
  filters: Record<string, string>;
  /** Zero-based. */
  pageIndex: number;
  pageSize: number;
  /** Ids of the columns shown, in the table's order. */
  columns: string[];
}

export interface TableViewRules {
  /** Every column id the table has, in order. */
  columnIds: readonly string[];
  /** Columns whose values can be sorted and filtered by. */
  sortable?: readonly string[];
  filterable?: readonly string[];
  pageSizes: readonly number[];
  defaults: TableView;
}

const key = (prefix: string, name: string) => `${prefix}.${name}`;

/** Reads a table's view from the search parameters; anything unknown or malformed falls back to the default. */
export function readTableView(params: URLSearchParams, prefix: string, rules: TableViewRules): TableView {
  const { defaults } = rules;
  const known = new Set(rules.columnIds);
  const sortable = new Set(rules.sortable ?? rules.columnIds);
  const filterable = new Set(rules.filterable ?? rules.columnIds);

  let sort = defaults.sort;
  const sortText = params.get(key(prefix, 'sort'));
  if (sortText !== null) {
    const seen = new Set<string>();
    sort = [];
    for (const part of sortText.split(',')) {
      const desc = part.startsWith('-');
      const id = desc ? part.slice(1) : part;
      if (sortable.has(id) && !seen.has(id)) {
        seen.add(id);
        sort.push({ id, desc });
      }
    }
  }

  const filters: Record<string, string> = { ...defaults.filters };
  const filterPrefix = key(prefix, 'f.');
  for (const [name, value] of params) {
    if (!name.startsWith(filterPrefix)) continue;
    const id = name.slice(filterPrefix.length);
    if (!filterable.has(id)) continue;
    if (value === '') delete filters[id];
    else filters[id] = value;
  }

  const sizeText = params.get(key(prefix, 'size'));
  const size = sizeText === null ? Number.NaN : Number(sizeText);
  const pageSize = rules.pageSizes.includes(size) ? size : defaults.pageSize;

  const pageText = params.get(key(prefix, 'page'));
  const page =
    pageText !== null && /^[1-9]\d{0,6}$/.test(pageText) ? Number(pageText) - 1 : defaults.pageIndex;

  let columns = defaults.columns;
  const columnsText = params.get(key(prefix, 'cols'));
  if (columnsText !== null) {
    const chosen = new Set(columnsText.split(',').filter((id) => known.has(id)));
    columns = rules.columnIds.filter((id) => chosen.has(id));
    if (columns.length === 0) columns = defaults.columns;
  }

  return {
    sort,
    query: params.get(key(prefix, 'q')) ?? defaults.query,
    filters,
    pageIndex: page,
    pageSize,
    columns,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * The search parameters with this table's view written under its prefix: its old keys are dropped, everything
 * else (other tables, the page's own parameters) is kept, and values equal to the defaults are left out.
 */
export function writeTableView(
  params: URLSearchParams,
  prefix: string,
  view: TableView,
  defaults: TableView,
): URLSearchParams {
  const next = new URLSearchParams();
  const own = `${prefix}.`;
  for (const [name, value] of params) if (!name.startsWith(own)) next.append(name, value);

  const sortText = view.sort.map((sort) => (sort.desc ? `-${sort.id}` : sort.id)).join(',');
  const defaultSort = defaults.sort.map((sort) => (sort.desc ? `-${sort.id}` : sort.id)).join(',');
  if (sortText !== defaultSort) next.set(key(prefix, 'sort'), sortText);
  if (view.query !== defaults.query) next.set(key(prefix, 'q'), view.query);
  const filterIds = new Set([...Object.keys(view.filters), ...Object.keys(defaults.filters)]);
  for (const id of [...filterIds].sort()) {
    const value = view.filters[id] ?? '';
    if (value !== (defaults.filters[id] ?? '')) next.set(key(prefix, `f.${id}`), value);
  }
  if (view.pageIndex !== defaults.pageIndex) next.set(key(prefix, 'page'), String(view.pageIndex + 1));
  if (view.pageSize !== defaults.pageSize) next.set(key(prefix, 'size'), String(view.pageSize));
  if (!sameList(view.columns, defaults.columns)) next.set(key(prefix, 'cols'), view.columns.join(','));
  return next;
}
