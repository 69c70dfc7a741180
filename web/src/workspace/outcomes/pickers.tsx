import { useMemo, useState } from 'react';
import type { Key } from 'react-aria-components';
import { Button } from '../../ui/Button.tsx';
import { Checkbox, CheckboxGroup } from '../../ui/Checkbox.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import type { WorkspaceT } from '../texts.ts';

/** Checkboxes choosing some of the given records by id; nothing when there are none to choose. */
export function Choices(props: {
  legend: string;
  items: { id: number; label: string }[];
  chosen: number[];
  onChange: (chosen: number[]) => void;
}) {
  if (props.items.length === 0) return null;
  return (
    <CheckboxGroup
      label={props.legend}
      value={props.chosen.map(String)}
      onChange={(chosen) => props.onChange(chosen.map(Number))}
    >
      {props.items.map((item) => (
        <Checkbox key={item.id} value={String(item.id)}>
          {item.label}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

/** One record picked by typing its name (the list filters as one types), by id. */
export function RecordPicker(props: {
  label: string;
  items: { id: number; label: string }[];
  value: number | null;
  onChange: (id: number) => void;
  error?: string;
  description?: string;
}) {
  const options = useMemo(
    () => props.items.map((item) => ({ id: String(item.id), label: item.label })),
    [props.items],
  );
  return (
    <ComboBox
      label={props.label}
      description={props.description}
      options={options}
      selectedKey={props.value === null ? null : String(props.value)}
      onSelectionChange={(key: Key | null) => {
        if (key !== null) props.onChange(Number(key));
      }}
      isInvalid={!!props.error}
      errorMessage={props.error}
      validationBehavior="aria"
    />
  );
}

/** Several records picked one at a time by name, each listed with a button that takes it off again. */
export function RecordsPicker(props: {
  t: WorkspaceT;
  label: string;
  items: { id: number; label: string }[];
  chosen: { id: number; label: string }[];
  onChange: (chosen: { id: number; label: string }[]) => void;
}) {
  // A new picker after each choice, so that its text empties for the next one.
  const [round, setRound] = useState(0);
  const chosenIds = new Set(props.chosen.map((item) => item.id));
  return (
    <div className="outcome-records">
      <RecordPicker
        key={round}
        label={props.label}
        items={props.items.filter((item) => !chosenIds.has(item.id))}
        value={null}
        onChange={(id) => {
          const item = props.items.find((candidate) => candidate.id === id);
          if (item) props.onChange([...props.chosen, item]);
          setRound(round + 1);
        }}
      />
      {props.chosen.length > 0 && (
        <ul className="outcome-chosen" aria-label={props.label}>
          {props.chosen.map((item) => (
            <li key={item.id}>
              {item.label}{' '}
              <Button
                size="s"
                variant="quiet"
                onPress={() => props.onChange(props.chosen.filter((other) => other.id !== item.id))}
              >
                {props.t('outcomes.remove')} <span className="visually-hidden">{item.label}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The ISO 4217 currencies the browser knows, picked by code or by name in the interface language. */
export function CurrencyField(props: {
  label: string;
  language: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
}) {
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([props.language], { type: 'currency' });
    return Intl.supportedValuesOf('currency').map((code) => ({
      id: code,
      label: `${code} – ${names.of(code) ?? code}`,
    }));
  }, [props.language]);
  return (
    <ComboBox
      label={props.label}
      options={options}
      selectedKey={props.value || null}
      onSelectionChange={(key: Key | null) => {
        if (key !== null) props.onChange(String(key));
      }}
      isInvalid={!!props.error}
      errorMessage={props.error}
      validationBehavior="aria"
    />
  );
}

/** An amount in its currency, in the interface language (never converted). */
export function formatMoney(amount: string, currency: string, language: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A text in the interface language, else in Finnish, Swedish or English, else any. */
export function localized(texts: Record<string, string>, language: string): string {
  return texts[language] ?? texts.fi ?? texts.sv ?? texts.en ?? Object.values(texts)[0] ?? '';
}
