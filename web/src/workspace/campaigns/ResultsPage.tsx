import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import type { DataColumn } from '../../ui/DataTable.tsx';
import { DataTable } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { Select } from '../../ui/Select.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { actionsColumn } from '../ui/RecordTable.tsx';
import { answerText, RegistryRows, ScrollBox } from './AnswerView.tsx';
import { type Bar, BarChart } from './BarChart.tsx';
import { CampaignStatus } from './CampaignsPage.tsx';
import { campaignLanguage, type Language, pick, questionsOf } from './campaign-model.ts';
import {
  type CampaignQuestion,
  type CampaignResponse,
  type CampaignResults,
  type QuestionResult,
  type RegistryRow,
  resultsFile,
  useCampaign,
  useCampaignAction,
  useReopenResponse,
  useResponses,
  useResults,
  useSendReminders,
} from './campaigns-api.ts';
import { idParam } from './ResponsePage.tsx';
import { mapCategories } from './results-map.ts';
import './campaigns.css';

const ResultsMap = lazy(() => import('./ResultsMap.tsx'));

type MemberRow = CampaignResults['rows'][number];

/** The bars of a question's counts: options by their labels, yes and no, the points of a scale. */
function barsOf(
  t: WorkspaceT,
  question: CampaignQuestion,
  result: QuestionResult,
  language: Language,
): Bar[] {
  const counts = result.counts ?? {};
  const previous = result.previous?.counts ?? undefined;
  const label = (key: string) => {
    if ('options' in question)
      return pick(question.options.find((option) => option.key === key)?.label, language) || key;
    if (question.type === 'yes_no')
      return key === 'yes' ? t('campaigns.answer.yes') : t('campaigns.answer.no');
    if (question.type === 'scale') {
      const end =
        Number(key) === question.min
          ? pick(question.minLabel, language)
          : Number(key) === question.max
            ? pick(question.maxLabel, language)
            : '';
      return end ? `${key} – ${end}` : key;
    }
    return key;
  };
  return Object.entries(counts).map(([key, value]) => ({
    key,
    label: label(key),
    value,
    previous: previous ? (previous[key] ?? 0) : undefined,
  }));
}

/** A number question's figures: how many answered, their sum, smallest, largest, mean and median. */
function Summary(props: { t: WorkspaceT; result: QuestionResult }) {
  const { t, result } = props;
  const format = useFormat();
  const summary = result.summary;
  if (!summary || summary.count === 0) return null;
  const number = (value: number | null) =>
    value === null ? '–' : new Intl.NumberFormat(format.language, { maximumFractionDigits: 2 }).format(value);
  const previous = result.previous?.summary;
  return (
    <dl className="cp-summary">
      {(
        [
          ['mean', summary.mean],
          ['median', summary.median],
          ['min', summary.min],
          ['max', summary.max],
          ['sum', summary.sum],
        ] as const
      ).map(([key, value]) => (
        <div key={key}>
          <dt>{t(`campaigns.results.summary.${key}`)}</dt>
          <dd>{number(value)}</dd>
        </div>
      ))}
      {previous && (
        <div>
          <dt>{t('campaigns.results.summary.previousMean')}</dt>
          <dd>{number(previous.mean)}</dd>
        </div>
      )}
    </dl>
  );
}

/** One question's results: the chart of its counts, its figures, its free texts by member, or its rows. */
function QuestionResults(props: {
  t: WorkspaceT;
  question: CampaignQuestion;
  result: QuestionResult;
  language: Language;
  number: number;
  hasPrevious: boolean;
}) {
  const { t, question, result, language } = props;
  const format = useFormat();
  const label = pick(question.label, language);
  const headingId = `cp-result-${question.key}`;
  const answeredText = t('campaigns.results.answered', { count: result.answered });
  // The previous round is compared where there are figures to compare: counts and numbers (not texts or rows).
  const previousAnswered =
    result.previous && (result.previous.counts || result.previous.summary)
      ? result.previous.answered
      : undefined;
  let body = null;
  if (result.answered === 0 && !(props.hasPrevious && previousAnswered)) {
    body = null;
  } else if (result.counts) {
    body = (
      <>
        <BarChart
          t={t}
          caption={t('campaigns.results.chartCaption', { name: label })}
          bars={barsOf(t, question, result, language)}
          total={result.answered}
          previousTotal={props.hasPrevious && result.previous ? result.previous.answered : undefined}
        />
        {question.type === 'scale' && <Summary t={t} result={result} />}
      </>
    );
  } else if (result.summary) {
    body = <Summary t={t} result={result} />;
  } else if (result.texts) {
    body =
      result.texts.length === 0 ? null : (
        <dl className="cp-texts">
          {result.texts.map((text) => (
            <div key={text.organizationId}>
              <dt>{text.name}</dt>
              <dd>
                {question.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text.value)
                  ? format.date(text.value)
                  : text.value}
              </dd>
            </div>
          ))}
        </dl>
      );
  } else if (result.rows && question.type === 'repeatable_group') {
    body =
      result.rows.length === 0 ? null : (
        <ScrollBox label={label}>
          <table className="cp-table">
            <caption className="visually-hidden">{label}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaigns.results.member')}</th>
                {question.fields.map((field) => (
                  <th key={field.key} scope="col">
                    {pick(field.label, language)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the rows are listed as read
                <tr key={index}>
                  <th scope="row">{row.name}</th>
                  {question.fields.map((field) => (
                    <td key={field.key}>
                      {answerText(t, format, field, row.row[field.key], language) || '–'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      );
  } else if (result.rows && question.type === 'registry_table') {
    const byMember = new Map<string, RegistryRow[]>();
    for (const row of result.rows)
      byMember.set(row.name, [...(byMember.get(row.name) ?? []), row.row as unknown as RegistryRow]);
    body = (
      <div className="cp-registry-results">
        {[...byMember].map(([name, rows]) => (
          <div key={name}>
            <h4 className="cp-question-title">{name}</h4>
            <RegistryRows
              t={t}
              rows={rows}
              caption={`${label}: ${name}`}
              added={t('campaigns.registry.addedByMember')}
            />
          </div>
        ))}
      </div>
    );
  }
  return (
    <section className="cp-result" aria-labelledby={headingId}>
      <h3 id={headingId} className="cp-result-title">
        <span className="cp-result-number">{props.number}.</span> {label}
      </h3>
      <p className="hint">
        {answeredText}
        {props.hasPrevious &&
          previousAnswered !== undefined &&
          ` · ${t('campaigns.results.previousAnswered', { count: previousAnswered })}`}
      </p>
      {body ?? (result.answered === 0 ? <p className="hint">{t('campaigns.results.noAnswers')}</p> : null)}
    </section>
  );
}

/** The response rate, who is missing, and the coordinators' reminders and sharing. */
function Progress(props: { t: WorkspaceT; campaign: CampaignResponse; results: CampaignResults }) {
  const { t, campaign, results } = props;
  const format = useFormat();
  const responses = useResponses(campaign.id, campaign.canCoordinate);
  const remind = useSendReminders();
  const act = useCampaignAction();
  const remindedAt = new Map(
    (responses.data?.items ?? []).map((item) => [item.organization.id, item.remindedAt]),
  );
  const rate = new Intl.NumberFormat(format.language, { style: 'percent' }).format(results.responseRate);
  return (
    <section className="panel" aria-labelledby="cp-rate-heading">
      <h2 id="cp-rate-heading">{t('campaigns.results.rate')}</h2>
      <p className="cp-rate">
        <progress value={results.submitted} max={Math.max(1, results.members)} aria-hidden="true" />{' '}
        <strong>{rate}</strong>{' '}
        {t('campaigns.results.rateText', { submitted: results.submitted, members: results.members })}
      </p>
      {results.missing.length > 0 && (
        <>
          <h3 className="cp-question-title">
            {t('campaigns.results.missing', { count: results.missing.length })}
          </h3>
          <ul className="cp-missing-members">
            {results.missing.map((member) => {
              const reminded = remindedAt.get(member.id);
              return (
                <li key={member.id}>
                  {member.name}{' '}
                  <span className="cp-status" data-status={member.status}>
                    {t(`campaigns.responseStatus.${member.status}`)}
                  </span>
                  {reminded && (
                    <span className="hint">
                      {' '}
                      {t('campaigns.results.remindedOn', { date: format.date(reminded.slice(0, 10)) })}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {campaign.canEdit && (
        <div className="form-actions">
          {campaign.status === 'open' && results.missing.length > 0 && (
            <ActionButton
              onPress={() => remind.mutateAsync({ id: campaign.id })}
              success={(result) =>
                t('campaigns.results.reminded', {
                  count: result.members.length,
                  notified: result.notified,
                  emailed: result.emailed,
                })
              }
            >
              {t('campaigns.results.remind')}
            </ActionButton>
          )}
          {!campaign.resultsSharedAt && (
            <ActionButton
              onPress={() =>
                act.mutateAsync({ id: campaign.id, action: 'share-results', version: campaign.version })
              }
              success={t('campaigns.action.shared')}
              confirm={t('campaigns.action.shareConfirm')}
            >
              {t('campaigns.action.share')}
            </ActionButton>
          )}
        </div>
      )}
      {campaign.resultsSharedAt && (
        <p className="hint">
          {t('campaigns.results.sharedOn', { date: format.date(campaign.resultsSharedAt.slice(0, 10)) })}
        </p>
      )}
    </section>
  );
}

/** A row per member that submitted: its answers to the questions, and, for coordinators, its response and Reopen. */
function MembersTable(props: {
  t: WorkspaceT;
  campaign: CampaignResponse;
  results: CampaignResults;
  language: Language;
}) {
  const { t, campaign, results, language } = props;
  const format = useFormat();
  const responses = useResponses(campaign.id, campaign.canCoordinate);
  const reopen = useReopenResponse();
  const versions = new Map((responses.data?.items ?? []).map((item) => [item.organization.id, item.version]));
  const questions = questionsOf(campaign.definition);
  const columns = useMemo<DataColumn<MemberRow>[]>(() => {
    const list: DataColumn<MemberRow>[] = [
      {
        id: 'member',
        header: t('campaigns.results.member'),
        value: (row) => row.organization.name,
        required: true,
        filter: 'text',
      },
      {
        id: 'submitted',
        header: t('campaigns.results.submittedAt'),
        value: (row) => row.submittedAt,
        cell: (row) => format.date(row.submittedAt.slice(0, 10)),
        nowrap: true,
      },
      ...questions.map(
        (question, index): DataColumn<MemberRow> => ({
          id: `q_${question.key}`,
          header: pick(question.label, language),
          value: (row) => answerText(t, format, question, row.answers[question.key], language),
          hidden: index >= 4,
        }),
      ),
    ];
    if (campaign.canEdit)
      list.push(
        actionsColumn(t, (row) => {
          const version = versions.get(row.organization.id);
          return (
            <span className="ws-row-actions">
              <Link
                href={`/workspace/campaigns/${campaign.id}/respond?organization=${row.organization.id}`}
                variant="standalone"
                aria-label={t('campaigns.viewFor', { name: row.organization.name })}
              >
                {t('campaigns.view')}
              </Link>
              {campaign.status === 'open' && version !== undefined && version !== null && (
                <ActionButton
                  size="s"
                  variant="quiet"
                  onPress={() =>
                    reopen.mutateAsync({ id: campaign.id, organizationId: row.organization.id, version })
                  }
                  success={t('campaigns.results.reopened', { name: row.organization.name })}
                  confirm={t('campaigns.results.reopenConfirm', { name: row.organization.name })}
                >
                  <span aria-hidden="true">{t('campaigns.results.reopen')}</span>
                  <span className="visually-hidden">
                    {t('campaigns.results.reopenNamed', { name: row.organization.name })}
                  </span>
                </ActionButton>
              )}
            </span>
          );
        }),
      );
    return list;
  }, [t, format, questions, language, campaign, versions, reopen]);
  return (
    <DataTable
      caption={t('campaigns.results.membersCaption')}
      rows={results.rows}
      columns={columns}
      rowId={(row) => String(row.organization.id)}
      urlPrefix="members"
      fileName={`campaign-${campaign.id}-members`}
      emptyState={<EmptyState title={t('campaigns.results.noneSubmitted')} />}
    />
  );
}

/**
 * A campaign's results (/workspace/campaigns/:id/results), for its coordinators and, once shared, its members: the
 * response rate and who is missing (with reminders, sharing and per-member reopening for the coordinators), a map of
 * the members coloured by a chosen answer, each question's figures with the previous round's beside them, a table
 * with a row per member, and the CSV and XLSX files.
 */
export function ResultsPage() {
  const { t, ready, language: uiLanguage } = useWorkspaceTexts();
  const language = campaignLanguage(uiLanguage);
  const id = idParam(useParams().id);
  const campaign = useCampaign(id);
  const results = useResults(id ?? 0, campaign.isSuccess);
  const mappable = useMemo(
    () =>
      campaign.data
        ? questionsOf(campaign.data.definition).filter((question) => mapCategories(question))
        : [],
    [campaign.data],
  );
  const [mapKey, setMapKey] = useState<string | null>(null);
  const mapQuestion = mappable.find((question) => question.key === mapKey) ?? mappable[0];

  if (!ready) return <Skeleton lines={4} />;
  const failure = campaign.error ?? results.error;
  const title = campaign.data ? pick(campaign.data.title, language) : '';
  let body: ReactNode;
  if (id === undefined || (failure instanceof ApiError && failure.status === 404))
    body = <EmptyState title={t('campaigns.notFound')} />;
  else if (failure instanceof ApiError && failure.status === 403)
    body = <EmptyState title={t('campaigns.results.notShared')} />;
  else if (failure)
    body = (
      <ErrorState
        message={t('campaigns.loadError')}
        onRetry={() => void (campaign.isError ? campaign.refetch() : results.refetch())}
      />
    );
  else if (!campaign.data || !results.data)
    body = <Skeleton lines={8} label={t('campaigns.results.loading')} />;
  else {
    const data = campaign.data;
    const figures = results.data;
    const byKey = new Map(figures.questions.map((result) => [result.key, result]));
    const hasPrevious = figures.previousId !== null;
    let number = 0;
    body = (
      <>
        <p className="cp-downloads">
          <a href={resultsFile(data.id, 'csv', language)} download>
            {t('campaigns.results.csv')}
          </a>
          <a href={resultsFile(data.id, 'xlsx', language)} download>
            {t('campaigns.results.xlsx')}
          </a>
        </p>
        <Progress t={t} campaign={data} results={figures} />
        {hasPrevious && figures.previousId !== null && (
          <p className="hint">
            {t('campaigns.results.comparing')}{' '}
            <Link href={`/workspace/campaigns/${figures.previousId}/results`} variant="inline">
              {t('campaigns.results.previousLink')}
            </Link>
          </p>
        )}
        {mapQuestion && figures.rows.length > 0 && (
          <section className="panel" aria-labelledby="cp-map-heading">
            <h2 id="cp-map-heading">{t('campaigns.results.map')}</h2>
            <Select
              label={t('campaigns.results.mapBy')}
              options={mappable.map((question) => ({
                id: question.key,
                label: pick(question.label, language),
              }))}
              selectedKey={mapQuestion.key}
              onSelectionChange={(key) => {
                if (key !== null) setMapKey(String(key));
              }}
            />
            <Suspense fallback={<div className="cp-map-pending" />}>
              <ResultsMap t={t} question={mapQuestion} rows={figures.rows} language={language} />
            </Suspense>
          </section>
        )}
        <section aria-labelledby="cp-questions-heading">
          <h2 id="cp-questions-heading">{t('campaigns.results.byQuestion')}</h2>
          {data.definition.sections.map((section) => (
            <div key={section.key} className="cp-result-section">
              <p className="cp-result-section-title">{pick(section.title, language)}</p>
              {section.questions.map((question) => {
                number += 1;
                const result = byKey.get(question.key);
                if (!result) return null;
                return (
                  <QuestionResults
                    key={question.key}
                    t={t}
                    question={question}
                    result={result}
                    language={language}
                    number={number}
                    hasPrevious={hasPrevious}
                  />
                );
              })}
            </div>
          ))}
        </section>
        <section aria-labelledby="cp-members-heading">
          <h2 id="cp-members-heading">{t('campaigns.results.members')}</h2>
          <MembersTable t={t} campaign={data} results={figures} language={language} />
        </section>
      </>
    );
  }
  return (
    <section className="cp-page cp-results">
      <div className="ws-page-header">
        <h1>{title ? t('campaigns.results.titleOf', { title }) : t('campaigns.results.title')}</h1>
        {campaign.data && <CampaignStatus t={t} status={campaign.data.status} />}
      </div>
      {body}
      {id !== undefined && (
        <p>
          <Link href={`/workspace/campaigns/${id}`} variant="standalone">
            {t('campaigns.backToCampaign')}
          </Link>
        </p>
      )}
    </section>
  );
}
