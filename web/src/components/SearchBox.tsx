import { memo, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PlaceSearchResult, usePlaceName, usePlaceSearch } from '../api/places.ts';
import { useFormat } from '../format.ts';
import './SearchBox.css';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Typeahead place search as an ARIA 1.2 combobox: type, move with the arrow keys, choose with Enter. `onActive`
 * hears of the result that Enter would choose (the first, or the one moved to, or the one under the mouse), so
 * that what choosing it shows can be fetched before.
 */
export const SearchBox = memo(function SearchBox({
  onChoose,
  onActive,
}: {
  onChoose: (place: PlaceSearchResult) => void;
  onActive?: (place: PlaceSearchResult) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = useDebounced(text.trim(), 120);
  const { data } = usePlaceSearch(query);
  const results = query.length > 0 ? (data?.results ?? []) : [];
  const listId = `${id}-list`;
  const upNext = open ? results[Math.max(active, 0)] : undefined;
  const onActiveRef = useRef(onActive);
  onActiveRef.current = onActive;
  useEffect(() => {
    if (upNext) onActiveRef.current?.(upNext);
  }, [upNext]);

  const choose = (place: PlaceSearchResult) => {
    onChoose(place);
    setOpen(false);
    setActive(-1);
    setText(placeName(place.id, place.name));
  };

  return (
    <div className="search">
      <label htmlFor={`${id}-input`}>{t('search.label')}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${id}-option-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((index) => Math.min(results.length - 1, index + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((index) => Math.max(0, index - 1));
          } else if (event.key === 'Enter') {
            const place = results[Math.max(active, 0)];
            if (place) {
              event.preventDefault();
              choose(place);
            }
          } else if (event.key === 'Escape') {
            setOpen(false);
            setActive(-1);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <div id={listId} role="listbox" aria-label={t('search.label')} hidden={!open || results.length === 0}>
        {results.map((place, index) => (
          // biome-ignore lint/a11y/useFocusableInteractive: options are reached with the arrow keys from the input (aria-activedescendant), as the ARIA combobox pattern does
          <div
            key={place.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseEnter={() => onActive?.(place)}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(place);
            }}
          >
            <span className="option-name">{placeName(place.id, place.name)}</span>
            <span className="option-meta">
              {format.country(place.country)} · {t('search.ties', { count: place.partnerCount })}
              {place.matchedName !== place.name && place.matchedName !== placeName(place.id, place.name)
                ? ` · ${place.matchedName}`
                : ''}
            </span>
          </div>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {query.length > 0 && data
          ? results.length > 0
            ? t('search.results', { count: results.length })
            : t('search.noResults')
          : ''}
      </p>
    </div>
  );
});
