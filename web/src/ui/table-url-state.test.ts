import { describe, expect, it } from 'vitest';
import { readTableView, type TableView, type TableViewRules, writeTableView } from './table-url-state.ts';

const defaults: TableView = {
  sort: [{ id: 'name', desc: false }],
  query: '',
  filters: {},
  pageIndex: 0,
  pageSize: 25,
  columns: ['name', 'country', 'ties'],
};
const rules: TableViewRules = {
  columnIds: ['name', 'country', 'ties', 'population'],
  filterable: ['country', 'status'],
  pageSizes: [10, 25, 50, 100],
  defaults,
};

describe('a table view in the URL', () => {
  it('writes nothing for the defaults and reads the defaults from nothing', () => {
    expect(writeTableView(new URLSearchParams(), 'ties', defaults, defaults).toString()).toBe('');
    expect(readTableView(new URLSearchParams(), 'ties', rules)).toEqual(defaults);
  });

  it('round-trips a changed view under its prefix', () => {
    const view: TableView = {
      sort: [
        { id: 'ties', desc: true },
        { id: 'name', desc: false },
      ],
      query: 'Esbo, "Espoo"',
      filters: { country: 'FI' },
      pageIndex: 3,
      pageSize: 50,
      columns: ['name', 'ties', 'population'],
    };
    const params = writeTableView(new URLSearchParams(), 'ties', view, defaults);
    expect(params.get('ties.sort')).toBe('-ties,name');
    expect(params.get('ties.page')).toBe('4');
    expect(params.get('ties.f.country')).toBe('FI');
    expect(params.get('ties.cols')).toBe('name,ties,population');
    expect(readTableView(new URLSearchParams(params.toString()), 'ties', rules)).toEqual(view);
  });

  it('keeps other tables’ and the page’s own parameters, and replaces only its own', () => {
    const before = new URLSearchParams('place=12&people.page=2&ties.page=9&ties.q=old');
    const after = writeTableView(before, 'ties', { ...defaults, query: 'new' }, defaults);
    expect(after.get('place')).toBe('12');
    expect(after.get('people.page')).toBe('2');
    expect(after.get('ties.page')).toBeNull();
    expect(after.get('ties.q')).toBe('new');
    expect(readTableView(after, 'people', rules).pageIndex).toBe(1);
  });

  it('an empty sort differs from the default sort and survives the trip', () => {
    const params = writeTableView(new URLSearchParams(), 't', { ...defaults, sort: [] }, defaults);
    expect(params.get('t.sort')).toBe('');
    expect(readTableView(params, 't', rules).sort).toEqual([]);
  });

  it('ignores unknown columns, bad pages and sizes, and filters on columns that have none', () => {
    const params = new URLSearchParams(
      't.sort=-nope,ties,ties&t.page=0&t.size=7&t.f.name=x&t.f.status=active&t.cols=nope&x.page=abc',
    );
    const view = readTableView(params, 't', rules);
    expect(view.sort).toEqual([{ id: 'ties', desc: false }]);
    expect(view.pageIndex).toBe(0);
    expect(view.pageSize).toBe(25);
    expect(view.filters).toEqual({ status: 'active' });
    expect(view.columns).toEqual(defaults.columns);
    expect(readTableView(new URLSearchParams('t.page=-2'), 't', rules).pageIndex).toBe(0);
    expect(readTableView(new URLSearchParams('t.page=2.5'), 't', rules).pageIndex).toBe(0);
  });

  it('keeps the table’s column order whatever order the URL lists them in', () => {
    const view = readTableView(new URLSearchParams('t.cols=population,name'), 't', rules);
    expect(view.columns).toEqual(['name', 'population']);
  });
});
