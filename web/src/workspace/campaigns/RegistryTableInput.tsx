import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PlaceSearchResponse } from '../../../../src/contract.ts';
import { getJson } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { Checkbox } from '../../ui/Checkbox.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { Select } from '../../ui/Select.tsx';
import type { WorkspaceT } from '../texts.ts';
import { DateField, dateProblem } from '../ui/form.tsx';
import { questionLabel } from './AnswerInputs.tsx';
import { type Language, pick } from './campaign-model.ts';
import {
  type CampaignQuestion,
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  type RegistryRow,
} from './campaigns-api.ts';

type Table = Extract<CampaignQuestion, { type: 'registry_table' }>;

/** Places in the country whose names match what is typed, for adding a tie. */
function usePlacesIn(country: string, text: string) {
  return useQuery({
    queryKey: ['places', 'search', country, text],
    queryFn: ({ signal }) =>
      getJson<PlaceSearchResponse>('/api/places', { q: text, country, limit: 8 }, signal),
    enabled: text.trim().length > 0,
    staleTime: 60_000,
  });
}

/** A date of a row, kept as typed while it is not a whole, real date. */
function RowDate(props: {
  t: WorkspaceT;
  label: string;
  name: string;
  value: string | null;
  error?: string;
  onChange: (value: string | null) => void;
  onHold: (reason: string | null) => void;
}) {
  const [text, setText] = useState(props.value ?? '');
  if ((props.value ?? '') !== text && dateProblem(text) === null) setText(props.value ?? '');
  const problem = dateProblem(text);
  return (
    <DateField
      label={props.label}
      name={props.name}
      value={text}
      error={problem ? props.t(`validation.${problem}`) : props.error}
      onChange={(value) => {
        setText(value);
        const wrong = dateProblem(value);
        if (wrong) props.onHold(wrong);
        else props.onChange(value === '' ? null : value);
      }}
    />
  );
}

/** Adds a tie the registry lacks: a partner place in the country, found by name, and the tie's kind. */
function AddTie(props: {
  t: WorkspaceT;
  countryCode: string;
  rows: readonly RegistryRow[];
  onAdd: (row: RegistryRow) => void;
}) {
  const { t } = props;
  const { t: common } = useTranslation();
  const format = useFormat();
  const [text, setText] = useState('');
  const [place, setPlace] = useState<{ id: number; name: string } | null>(null);
  const [kind, setKind] = useState<RegistryRow['kind']>('twin_town');
  const [problem, setProblem] = useState<string | null>(null);
  const places = usePlacesIn(props.countryCode, place ? '' : text);
  const options = (places.data?.results ?? []).map((result) => ({
    id: String(result.id),
    label: result.name,
    description: result.matchedName !== result.name ? result.matchedName : undefined,
  }));
  const add = () => {
    if (!place) {
      setProblem(t('campaigns.registry.choosePlace'));
      return;
    }
    if (props.rows.some((row) => row.partnerPlaceId === place.id && row.kind === kind)) {
      setProblem(t('campaigns.registry.listed'));
      return;
    }
    props.onAdd({
      partnershipId: null,
      partnerPlaceId: place.id,
      partnerName: place.name,
      kind,
      status: 'active',
      startedOn: null,
      endedOn: null,
      confirmed: true,
    });
    setPlace(null);
    setText('');
    setProblem(null);
  };
  return (
    <fieldset className="cp-add-tie">
      <legend>{t('campaigns.registry.add')}</legend>
      <div className="cp-add-tie-fields">
        <ComboBox
          label={t('campaigns.registry.partner', { country: format.country(props.countryCode) })}
          options={options}
          filtered={options}
          inputValue={text}
          onInputChange={(value) => {
            setText(value);
            if (place && value !== place.name) setPlace(null);
          }}
          selectedKey={place ? String(place.id) : null}
          onSelectionChange={(key: Key | null) => {
            const chosen = options.find((option) => option.id === key);
            if (!chosen) return;
            setPlace({ id: Number(chosen.id), name: chosen.label });
            setText(chosen.label);
            setProblem(null);
          }}
          isInvalid={!!problem}
          errorMessage={problem ?? undefined}
          validationBehavior="aria"
          // The list opens as soon as something is typed, and fills in when the search answers.
          allowsEmptyCollection
        />
        <Select
          label={t('campaigns.registry.kind')}
          options={PARTNERSHIP_KINDS.map((id) => ({ id, label: common(`kind.${id}`) }))}
          selectedKey={kind}
          onSelectionChange={(key) => {
            if (key !== null) setKind(key as RegistryRow['kind']);
          }}
        />
        <Button onPress={add}>{t('campaigns.registry.addButton')}</Button>
      </div>
    </fieldset>
  );
}

/**
 * A registry table: the member's ties with the campaign's country, pre-filled from the registry, each to confirm, or
 * to correct (kind, status, dates); ties the registry lacks added by name, and removed again. The rows are one answer.
 */
export function RegistryTableInput(props: {
  t: WorkspaceT;
  question: Table;
  language: Language;
  countryCode: string | null;
  value: unknown;
  onChange: (rows: RegistryRow[] | null) => void;
  onCommit: () => void;
  onHold: (reason: string | null) => void;
  /** Why fields of rows are refused, by `<row>.<field>`. */
  errors: Record<string, string>;
  error?: string;
  note?: ReactNode;
}) {
  const { t, question, language } = props;
  const { t: common } = useTranslation();
  const format = useFormat();
  const rows = Array.isArray(props.value) ? (props.value as RegistryRow[]) : [];
  const headingId = `cp-table-${question.key}`;
  const listRef = useRef<HTMLOListElement>(null);
  const help = pick(question.help, language);
  const setRow = (index: number, changes: Partial<RegistryRow>, commit = false) => {
    props.onChange(rows.map((row, at) => (at === index ? { ...row, ...changes } : row)));
    if (commit) props.onCommit();
  };
  const rowName = (row: RegistryRow) =>
    `${row.partnerName ?? t('campaigns.registry.unnamed')} – ${common(`kind.${row.kind}`)}`;

  return (
    <section className="cp-registry" aria-labelledby={headingId}>
      <h3 id={headingId} className="cp-question-title">
        {questionLabel(t, question, language)}
      </h3>
      {help && <p className="cb-description">{help}</p>}
      {props.note && <p className="cb-description cp-note">{props.note}</p>}
      {props.error && (
        <p className="cb-field-error" role="alert">
          {props.error}
        </p>
      )}
      {props.countryCode === null ? (
        <p className="hint">{t('campaigns.registry.noCountry')}</p>
      ) : (
        <>
          {rows.length === 0 ? (
            <p className="hint">
              {t('campaigns.registry.none', { country: format.country(props.countryCode) })}
            </p>
          ) : (
            <ol className="cp-ties" ref={listRef}>
              {rows.map((row, index) => {
                const name = rowName(row);
                const at = (field: string) => props.errors[`${index}.${field}`];
                return (
                  <li
                    key={`${row.partnershipId ?? 'new'}-${row.partnerPlaceId}-${row.kind}`}
                    className="cp-tie"
                  >
                    <fieldset>
                      <legend>
                        <span className="cp-tie-name">
                          {row.partnerName ?? t('campaigns.registry.unnamed')}
                        </span>{' '}
                        <span
                          className="cp-tag"
                          data-tone={row.partnershipId === null ? 'added' : 'registry'}
                        >
                          {row.partnershipId === null
                            ? t('campaigns.registry.added')
                            : t('campaigns.registry.inRegistry')}
                        </span>
                      </legend>
                      {/* biome-ignore lint/a11y/noStaticElementInteractions: focus leaving a row's dates saves them */}
                      <div className="cp-tie-fields" onBlur={props.onCommit}>
                        <Select
                          label={t('campaigns.registry.kindOf', { name: row.partnerName ?? '' })}
                          options={PARTNERSHIP_KINDS.map((id) => ({ id, label: common(`kind.${id}`) }))}
                          selectedKey={row.kind}
                          isInvalid={!!at('kind')}
                          errorMessage={at('kind')}
                          onSelectionChange={(key) => {
                            if (key !== null && key !== row.kind)
                              setRow(index, { kind: key as RegistryRow['kind'] }, true);
                          }}
                        />
                        <Select
                          label={t('campaigns.registry.statusOf', { name: row.partnerName ?? '' })}
                          options={PARTNERSHIP_STATUSES.map((id) => ({ id, label: common(`status.${id}`) }))}
                          selectedKey={row.status}
                          isInvalid={!!at('status')}
                          errorMessage={at('status')}
                          onSelectionChange={(key) => {
                            if (key !== null && key !== row.status)
                              setRow(index, { status: key as RegistryRow['status'] }, true);
                          }}
                        />
                        <RowDate
                          t={t}
                          label={t('campaigns.registry.startedOf', { name: row.partnerName ?? '' })}
                          name={`${question.key}-${index}-started`}
                          value={row.startedOn}
                          error={at('startedOn')}
                          onChange={(value) => setRow(index, { startedOn: value })}
                          onHold={props.onHold}
                        />
                        <RowDate
                          t={t}
                          label={t('campaigns.registry.endedOf', { name: row.partnerName ?? '' })}
                          name={`${question.key}-${index}-ended`}
                          value={row.endedOn}
                          error={at('endedOn')}
                          onChange={(value) => setRow(index, { endedOn: value })}
                          onHold={props.onHold}
                        />
                      </div>
                      <div className="cp-tie-actions">
                        <Checkbox
                          isSelected={row.confirmed}
                          onChange={(confirmed) => setRow(index, { confirmed }, true)}
                        >
                          {t('campaigns.registry.confirm', { name })}
                        </Checkbox>
                        {row.partnershipId === null && (
                          <Button
                            size="s"
                            variant="quiet"
                            onPress={() => {
                              props.onChange(rows.filter((_, atIndex) => atIndex !== index));
                              props.onCommit();
                            }}
                          >
                            {t('campaigns.registry.remove', { name })}
                          </Button>
                        )}
                      </div>
                    </fieldset>
                  </li>
                );
              })}
            </ol>
          )}
          <AddTie
            t={t}
            countryCode={props.countryCode}
            rows={rows}
            onAdd={(row) => {
              props.onChange([...rows, row]);
              props.onCommit();
            }}
          />
        </>
      )}
    </section>
  );
}
