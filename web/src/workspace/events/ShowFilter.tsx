import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import type { WorkspaceT } from '../texts.ts';
import { type EventsShow, useShow } from './event-views.ts';

/** Which events a view shows, as radios in a row (arrow keys move between them); the choice is in the address. */
export function ShowFilter<T extends EventsShow>({ offered, t }: { offered: readonly T[]; t: WorkspaceT }) {
  const [show, setShow] = useShow(offered);
  return (
    <RadioGroup
      label={t('events.show')}
      orientation="horizontal"
      value={show}
      onChange={(value) => {
        const chosen = offered.find((id) => id === value);
        if (chosen) setShow(chosen);
      }}
    >
      {offered.map((id) => (
        <Radio key={id} value={id}>
          {t(`events.shows.${id}`)}
        </Radio>
      ))}
    </RadioGroup>
  );
}
