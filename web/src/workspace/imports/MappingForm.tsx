import { type FormEvent, useId, useRef, useState } from 'react';
import type { ImportMapping, ImportRecord, ImportSheet, SheetMapping } from '../../api/imports.ts';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Select.tsx';
import type { WorkspaceT } from '../texts.ts';
import {
  fieldsOf,
  hasProblems,
  type MappingProblems,
  mappingProblems,
  sheetTypes,
  withColumn,
  withType,
} from './import-model.ts';
import { fieldLabel } from './import-texts.ts';
import { StepHeading } from './StepHeading.tsx';

/** The key of "not in the file", which a list box cannot take as '' (a column may be named anything else). */
const NOT_IN_FILE = '\u0000none';

/** The sheet's first rows under its column names, to see which column is which. */
function SheetPreview({ t, sheet }: { t: WorkspaceT; sheet: ImportSheet }) {
  const captionId = useId();
  if (sheet.sample.length === 0) return <p className="hint">{t('imports.mapping.previewEmpty')}</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard must be able to scroll a table wider than the screen
    <section className="im-preview" aria-labelledby={captionId} tabIndex={0}>
      <table className="im-table">
        <caption id={captionId}>{t('imports.mapping.preview', { name: sheet.name })}</caption>
        <thead>
          <tr>
            {sheet.columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: two columns may have one name
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.sample.map((row, rowIndex) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the sample's rows are shown as read
            <tr key={rowIndex}>
              {sheet.columns.map((_, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells by their column
                <td key={index}>{row[index] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One sheet: what it holds, and a column for each of its fields. */
function SheetFields(props: {
  t: WorkspaceT;
  upload: ImportRecord;
  sheet: ImportSheet;
  mapping: SheetMapping;
  missing: string[];
  onChange: (mapping: SheetMapping) => void;
}) {
  const { t, upload, sheet, mapping } = props;
  const legendId = useId();
  const fields = fieldsOf(upload, mapping.type);
  const type = mapping.type;
  // Each column once: a header repeated in the file is offered once.
  const columns = [...new Set(sheet.columns)].filter((column) => column !== '');
  const options = [
    { id: NOT_IN_FILE, label: t('imports.mapping.notInFile') },
    ...columns.map((column) => ({ id: column, label: column })),
  ];
  return (
    <fieldset className="im-sheet" aria-labelledby={legendId}>
      <legend id={legendId}>
        {t('imports.mapping.sheet', { name: sheet.name })}{' '}
        <span className="hint">({t('imports.mapping.rows', { count: sheet.rowCount })})</span>
      </legend>
      <Select
        label={t('imports.mapping.type')}
        options={sheetTypes(upload).map((id) => ({ id, label: t(`imports.mapping.types.${id}`) }))}
        selectedKey={type}
        onSelectionChange={(key) => {
          if (key === null || key === type) return;
          props.onChange(withType(upload, mapping, key as SheetMapping['type']));
        }}
      />
      {type !== 'skip' && (
        <div className="im-fields">
          {fields.map((field) => {
            const label = fieldLabel(t, type, field.name);
            const invalid = props.missing.includes(field.name);
            return (
              <Select
                key={field.name}
                label={field.required ? `${label} (${t('imports.mapping.required')})` : label}
                description={
                  type === 'ties' && field.name === 'placeA' && !field.required
                    ? t('imports.mapping.placeAHint')
                    : undefined
                }
                options={options}
                selectedKey={mapping.columns[field.name] ?? NOT_IN_FILE}
                onSelectionChange={(key) => {
                  if (key === null) return;
                  props.onChange(withColumn(mapping, field.name, key === NOT_IN_FILE ? null : String(key)));
                }}
                isRequired={field.required}
                isInvalid={invalid}
                errorMessage={invalid ? t('imports.mapping.missing') : undefined}
                validationBehavior="aria"
              />
            );
          })}
        </div>
      )}
      <SheetPreview t={t} sheet={sheet} />
    </fieldset>
  );
}

/**
 * Step 2: for each sheet, its type and which column fills which field, with its first rows to look at. Checking
 * sends the mapping for a dry run; a required field without a column is marked first, and the user taken to it.
 */
export function MappingForm(props: {
  t: WorkspaceT;
  upload: ImportRecord;
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  onCheck: (mapping: ImportMapping) => Promise<void>;
  isChecking: boolean;
  /** Why the last check failed. */
  failure: string | null;
  focus: number;
}) {
  const { t, upload, mapping } = props;
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [shown, setShown] = useState<MappingProblems | null>(null);
  // Once marked, the problems follow the mapping as it is fixed.
  const problems = shown ? mappingProblems(upload, mapping) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = mappingProblems(upload, mapping);
    if (hasProblems(found)) {
      setShown(found);
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[data-invalid] button, .im-mapping-error')?.focus(),
      );
      return;
    }
    setShown(null);
    await props.onCheck(mapping);
  };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <StepHeading id={headingId} focus={props.focus}>
        {t('imports.mapping.heading')}
      </StepHeading>
      <p className="hint">{t('imports.mapping.intro')}</p>
      <form ref={formRef} onSubmit={(event) => void submit(event)} noValidate>
        {upload.sheets.map((sheet, index) => {
          const sheetMapping = mapping.sheets[index];
          if (!sheetMapping) return null;
          return (
            <SheetFields
              key={sheet.name}
              t={t}
              upload={upload}
              sheet={sheet}
              mapping={sheetMapping}
              missing={problems?.missing.get(index) ?? []}
              onChange={(changed) =>
                props.onChange({
                  sheets: mapping.sheets.map((entry, at) => (at === index ? changed : entry)),
                })
              }
            />
          );
        })}
        {problems && hasProblems(problems) && (
          <p role="alert" className="form-error im-mapping-error" tabIndex={-1}>
            {problems.nothingToImport ? t('imports.mapping.nothing') : t('imports.mapping.invalid')}
          </p>
        )}
        {props.failure && (
          <p role="alert" className="form-error">
            {props.failure}
          </p>
        )}
        <Button type="submit" variant="primary" isPending={props.isChecking}>
          {t('imports.mapping.submit')}
        </Button>
      </form>
    </section>
  );
}
