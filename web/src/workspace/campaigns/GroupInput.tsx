import { useRef } from 'react';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { AnswerInput, questionLabel } from './AnswerInputs.tsx';
import { type Language, pick } from './campaign-model.ts';
import type { CampaignQuestion } from './campaigns-api.ts';

type Group = Extract<CampaignQuestion, { type: 'repeatable_group' }>;
type Row = Record<string, unknown>;

/**
 * A repeatable group: a row per item (a planned project), each with the group's fields, added and removed by the
 * user. The rows are one answer, saved together.
 */
export function GroupInput(props: {
  t: WorkspaceT;
  question: Group;
  language: Language;
  value: unknown;
  onChange: (rows: Row[] | null) => void;
  onCommit: () => void;
  onHold: (reason: string | null) => void;
  /** Why fields of rows are refused, by `<row>.<field>`. */
  errors: Record<string, string>;
  error?: string;
  note?: React.ReactNode;
}) {
  const { t, question, language } = props;
  const rows = Array.isArray(props.value) ? (props.value as Row[]) : [];
  // Each row keeps an id of its own while rows come and go, so that what is typed stays with its row.
  const ids = useRef<number[]>([]);
  const next = useRef(0);
  while (ids.current.length < rows.length) {
    next.current += 1;
    ids.current.push(next.current);
  }
  if (ids.current.length > rows.length) ids.current.length = rows.length;
  const heading = pick(question.label, language);
  const help = pick(question.help, language);
  const headingId = `cp-group-${question.key}`;

  const setRow = (index: number, row: Row) =>
    props.onChange(rows.map((old, at) => (at === index ? row : old)));
  const remove = (index: number) => {
    ids.current.splice(index, 1);
    props.onChange(rows.length === 1 ? null : rows.filter((_, at) => at !== index));
    props.onCommit();
  };
  const add = () => {
    props.onChange([...rows, {}]);
    props.onCommit();
    // Into the new row's first field.
    requestAnimationFrame(() => {
      const last = document.querySelectorAll<HTMLElement>(`#${headingId}-rows > li:last-child`)[0];
      last?.querySelector<HTMLElement>('input, textarea, [role="radio"], [role="spinbutton"]')?.focus();
    });
  };

  return (
    <section className="cp-group" aria-labelledby={headingId}>
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
      {rows.length === 0 ? (
        <p className="hint">{t('campaigns.answer.noRows')}</p>
      ) : (
        <ol id={`${headingId}-rows`} className="cp-rows">
          {rows.map((row, index) => {
            const rowName = t('campaigns.answer.rowName', { name: heading, number: index + 1 });
            return (
              <li key={ids.current[index]} className="cp-row">
                <fieldset>
                  <legend>{rowName}</legend>
                  <div className="cp-row-fields">
                    {question.fields.map((field) => (
                      <AnswerInput
                        key={field.key}
                        t={t}
                        question={field}
                        language={language}
                        value={row[field.key] ?? null}
                        error={props.errors[`${index}.${field.key}`]}
                        labelSuffix={`(${index + 1})`}
                        onChange={(value) => {
                          const changed = { ...row };
                          if (value === null || value === undefined) delete changed[field.key];
                          else changed[field.key] = value;
                          setRow(index, changed);
                        }}
                        onCommit={props.onCommit}
                        onHold={props.onHold}
                      />
                    ))}
                  </div>
                  <Button size="s" variant="quiet" onPress={() => remove(index)}>
                    {t('campaigns.answer.removeRow', { name: rowName })}
                  </Button>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      <Button size="s" onPress={add} isDisabled={rows.length >= question.maxRows}>
        {t('campaigns.answer.addRow', { name: heading })}
      </Button>
    </section>
  );
}
