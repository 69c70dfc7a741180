import { useMemo, useState } from 'react';
import type { Key } from 'react-aria-components';
import { countryName, useFormat } from '../../format.ts';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { countryCodes } from './campaign-model.ts';

/** A country picked by its name in the interface language (typing filters the list), as its ISO code. */
export function CountryField(props: {
  label: string;
  description?: string;
  value: string | null;
  onChange: (code: string) => void;
  error?: string;
  isDisabled?: boolean;
}) {
  const format = useFormat();
  const [text, setText] = useState(props.value ? format.country(props.value) : '');
  const [shownFor, setShownFor] = useState(props.value);
  if (props.value !== shownFor) {
    setShownFor(props.value);
    setText(props.value ? format.country(props.value) : '');
  }
  const language = format.language;
  const countries = useMemo(
    () =>
      countryCodes()
        .map((code) => ({ id: code, label: countryName(code, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [language],
  );
  const shown = useMemo(() => {
    const typed = text.trim().toLocaleLowerCase();
    if (!typed || countries.some((option) => option.label === text)) return countries;
    return countries.filter(
      (option) => option.label.toLocaleLowerCase().includes(typed) || option.id.toLowerCase() === typed,
    );
  }, [countries, text]);
  return (
    <ComboBox
      label={props.label}
      description={props.description}
      options={shown}
      filtered={shown}
      inputValue={text}
      onInputChange={setText}
      selectedKey={props.value}
      isDisabled={props.isDisabled}
      onSelectionChange={(key: Key | null) => {
        if (key === null) return;
        props.onChange(String(key));
        setText(format.country(String(key)));
      }}
      isInvalid={!!props.error}
      errorMessage={props.error}
      validationBehavior="aria"
    />
  );
}
