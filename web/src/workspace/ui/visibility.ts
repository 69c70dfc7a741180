import type { Visibility } from '../../api/partnerships.ts';
import type { DataColumn } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';

/** Every visibility the API knows, with its text; a new one fails the type check until it has one. */
const TEXTS = { published: 'tie.published', internal: 'tie.internal' } satisfies Record<Visibility, string>;

/** The visibilities as options of a form, in the given order. */
export const visibilityOptions = (t: WorkspaceT, order: readonly Visibility[] = ['published', 'internal']) =>
  order.map((value) => ({ value, label: t(TEXTS[value]) }));

/** A table's column of who may see each record, chosen under Columns. */
export function visibilityColumn<T extends { visibility: Visibility }>(t: WorkspaceT): DataColumn<T> {
  return {
    id: 'visibility',
    header: t('lists.visibility'),
    value: (row) => t(TEXTS[row.visibility]),
    hidden: true,
  };
}
