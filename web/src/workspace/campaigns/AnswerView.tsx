import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import type { WorkspaceT } from '../texts.ts';
import { type Language, pick } from './campaign-model.ts';
import type { CampaignField, CampaignQuestion, RegistryRow } from './campaigns-api.ts';

/**
 * A table's box that scrolls sideways on a narrow screen: a named region that takes focus, so that the keyboard can
 * scroll it too.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable from the keyboard
    <section className="cp-table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** An answer as text, for a table's cell or a submitted response: choices by their labels, dates and numbers formatted. */
export function answerText(
  t: WorkspaceT,
  format: ReturnType<typeof useFormat>,
  question: CampaignField | CampaignQuestion,
  value: unknown,
  language: Language,
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (question.type) {
    case 'single_choice':
      return pick(question.options.find((option) => option.key === value)?.label, language) || String(value);
    case 'multiple_choice':
      return (Array.isArray(value) ? value : [])
        .map((key) => pick(question.options.find((option) => option.key === key)?.label, language) || key)
        .join(', ');
    case 'yes_no':
      return value === true ? t('campaigns.answer.yes') : t('campaigns.answer.no');
    case 'number':
    case 'scale':
      return typeof value === 'number' ? format.number(value) : String(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? format.date(value)
        : String(value);
    case 'repeatable_group':
    case 'registry_table':
      return t('campaigns.answer.rows', { count: Array.isArray(value) ? value.length : 0 });
    default:
      return String(value);
  }
}

/** A repeatable group's rows as a table: a column per field. */
function GroupRows(props: {
  t: WorkspaceT;
  question: Extract<CampaignQuestion, { type: 'repeatable_group' }>;
  rows: Record<string, unknown>[];
  language: Language;
}) {
  const format = useFormat();
  const { t, question, language } = props;
  return (
    <ScrollBox label={pick(question.label, language)}>
      <table className="cp-table">
        <caption className="visually-hidden">{pick(question.label, language)}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {question.fields.map((field) => (
              <th key={field.key} scope="col">
                {pick(field.label, language)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a submitted answer's rows do not move
            <tr key={index}>
              <td>{index + 1}</td>
              {question.fields.map((field) => (
                <td key={field.key}>{answerText(t, format, field, row[field.key], language) || '–'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** A registry table's rows: partner, kind, status, dates and whether the member confirmed it. */
export function RegistryRows(props: {
  t: WorkspaceT;
  rows: RegistryRow[];
  caption: string;
  /** How a row the member added is marked (by default: added by you). */
  added?: string;
}) {
  const { t } = props;
  const { t: common } = useTranslation();
  const format = useFormat();
  const date = (value: string | null) => (value ? format.date(value) : '–');
  return (
    <ScrollBox label={props.caption}>
      <table className="cp-table">
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('campaigns.registry.partnerColumn')}</th>
            <th scope="col">{t('campaigns.registry.kind')}</th>
            <th scope="col">{t('campaigns.registry.status')}</th>
            <th scope="col">{t('campaigns.registry.started')}</th>
            <th scope="col">{t('campaigns.registry.ended')}</th>
            <th scope="col">{t('campaigns.registry.confirmed')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={`${row.partnershipId ?? 'new'}-${row.partnerPlaceId}-${row.kind}`}>
              <td>
                {row.partnerName ?? '–'}{' '}
                {row.partnershipId === null && (
                  <span className="cp-tag" data-tone="added">
                    {props.added ?? t('campaigns.registry.added')}
                  </span>
                )}
              </td>
              <td>{common(`kind.${row.kind}`)}</td>
              <td>{common(`status.${row.status}`)}</td>
              <td className="cp-nowrap">{date(row.startedOn)}</td>
              <td className="cp-nowrap">{date(row.endedOn)}</td>
              <td>{row.confirmed ? t('campaigns.answer.yes') : t('campaigns.answer.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** A submitted answer, read only. */
export function AnswerView(props: {
  t: WorkspaceT;
  question: CampaignQuestion;
  value: unknown;
  language: Language;
}) {
  const { t, question, value, language } = props;
  const format = useFormat();
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
    return <p className="hint">{t('campaigns.answer.unanswered')}</p>;
  if (question.type === 'repeatable_group')
    return (
      <GroupRows t={t} question={question} rows={value as Record<string, unknown>[]} language={language} />
    );
  if (question.type === 'registry_table')
    return <RegistryRows t={t} rows={value as RegistryRow[]} caption={pick(question.label, language)} />;
  return <p className="cp-answer-text">{answerText(t, format, question, value, language)}</p>;
}
