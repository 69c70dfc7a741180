import type { Visibility } from '../../api/partnerships.ts';
import type { WorkspaceT } from '../texts.ts';

/** Every visibility the API knows, with its text; a new one fails the type check until it has one. */
const TEXTS = { published: 'tie.published', internal: 'tie.internal' } satisfies Record<Visibility, string>;

/** The visibilities as options of a form, in the given order. */
export const visibilityOptions = (t: WorkspaceT, order: readonly Visibility[] = ['published', 'internal']) =>
  order.map((value) => ({ value, label: t(TEXTS[value]) }));
