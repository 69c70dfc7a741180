import { useMemo, useState } from 'react';
import type { Key } from 'react-aria-components';
import { usePlaceSearch } from '../../api/places.ts';
import { countryName, useFormat } from '../../format.ts';
import { ComboBox } from '../../ui/ComboBox.tsx';

/** A chosen place and the name it is shown by. */
export interface ChosenPlace {
  id: number;
  name: string;
}

/** A place found by typing its name in any language, as the workspace's place searches find it. */
export function PlaceSearchField(props: {
  label: string;
  description?: string;
  value: ChosenPlace | null;
  onChange: (place: ChosenPlace | null) => void;
  error?: string;
}) {
  const format = useFormat();
  const [text, setText] = useState(props.value?.name ?? '');
  const [shownFor, setShownFor] = useState(props.value);
  if (props.value?.id !== shownFor?.id || props.value?.name !== shownFor?.name) {
    setShownFor(props.value);
    if (props.value) setText(props.value.name);
  }
  const query = text.trim();
  const search = usePlaceSearch(props.value && text === props.value.name ? '' : query);
  const candidates = useMemo(() => {
    const found = (search.data?.results ?? []).map((place) => ({
      id: place.id,
      label: place.name,
      description:
        place.matchedName !== place.name
          ? `${place.matchedName} · ${countryName(place.country, format.language)}`
          : countryName(place.country, format.language),
    }));
    if (props.value && !found.some((place) => place.id === props.value?.id))
      found.unshift({ id: props.value.id, label: props.value.name, description: '' });
    return found;
  }, [search.data, props.value, format.language]);
  return (
    <ComboBox
      label={props.label}
      description={props.description}
      options={candidates}
      filtered={candidates}
      loading={search.isFetching}
      inputValue={text}
      onInputChange={(value) => {
        setText(value);
        if (props.value && value !== props.value.name) props.onChange(null);
      }}
      selectedKey={props.value?.id ?? null}
      onSelectionChange={(key: Key | null) => {
        const found = candidates.find((candidate) => candidate.id === key);
        if (!found) return;
        setText(found.label);
        props.onChange({ id: found.id, name: found.label });
      }}
      menuTrigger="input"
      isInvalid={!!props.error}
      errorMessage={props.error}
      validationBehavior="aria"
    />
  );
}
