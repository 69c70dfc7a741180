import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';

/**
 * Shown when a save met a newer version: which fields the other person changed (from what the form started with
 * to what is stored now), and a button that applies this user's changes on top of theirs.
 */
export function ConflictNotice(props: {
  t: WorkspaceT;
  original: Record<string, unknown>;
  current: Record<string, unknown>;
  fields: readonly string[];
  onReapply: () => void;
  /** What changed meanwhile, when it is not a tie (the default text names one). */
  message?: string;
}) {
  const show = (value: unknown) =>
    value === null || value === undefined || value === ''
      ? '–'
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  const changed = props.fields.filter(
    (field) => JSON.stringify(props.original[field]) !== JSON.stringify(props.current[field]),
  );
  return (
    <div role="alert" className="conflict">
      <p>{props.message ?? props.t('tie.conflict')}</p>
      {changed.length > 0 && (
        <ul>
          {changed.map((field) => (
            <li key={field}>
              {field}: {show(props.original[field])} → {show(props.current[field])}
            </li>
          ))}
        </ul>
      )}
      <Button onPress={props.onReapply}>{props.t('tie.reapply')}</Button>
    </div>
  );
}
