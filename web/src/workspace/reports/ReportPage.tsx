import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganization } from '../../api/organizations.ts';
import { usePartnership } from '../../api/partnerships.workspace.ts';
import {
  type ImpactReport,
  type ReportSubject,
  type ReportTie,
  reportPdfUrl,
  type TimelineEntry,
  useImpactReport,
} from '../../api/reports.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorState, Skeleton } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import './reports.css';

type Common = ReturnType<typeof useTranslation>['t'];

const formatDay = (day: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day.slice(0, 10)}T00:00:00Z`),
  );

const formatMoney = (amount: string, currency: string, language: string) => {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
};

/** A timeline entry's kind in words: an activity's, an event's or an outcome's. */
function kindText(entry: TimelineEntry, t: WorkspaceT, common: Common): string {
  if (entry.type === 'activity') return t(`activityKind.${entry.kind}`);
  if (entry.type === 'event') return common(`event.kind.${entry.kind}`);
  return t(`outcomes.kinds.${entry.kind}`);
}

function TieFacts({
  tie,
  t,
  common,
  language,
}: {
  tie: ReportTie;
  t: WorkspaceT;
  common: Common;
  language: string;
}) {
  return (
    <ul className="rp-facts">
      <li>
        {common(`kind.${tie.kind}`)}, {common(`status.${tie.status}`)}
      </li>
      <li>
        {tie.age
          ? t('report.since', { date: formatDay(tie.age.since, language), count: tie.age.years })
          : t('report.noStart')}
      </li>
      {tie.age && (
        <li>
          {t('report.nextAnniversary', {
            count: tie.age.nextRoundAnniversary.years,
            date: formatDay(tie.age.nextRoundAnniversary.on, language),
          })}
        </li>
      )}
      {tie.renewalOn && <li>{t('report.renewal', { date: formatDay(tie.renewalOn, language) })}</li>}
    </ul>
  );
}

function Figures({ report, t, language }: { report: ImpactReport; t: WorkspaceT; language: string }) {
  const figures = [
    ['activities', report.figures.activities],
    ['events', report.figures.events],
    ['outcomes', report.figures.outcomes],
    ['companies', report.figures.companies],
    ['people', report.figures.people],
  ] as const;
  return (
    <section className="panel rp-section" aria-labelledby="rp-figures">
      <h2 id="rp-figures">{t('report.figures')}</h2>
      <dl className="rp-figures">
        {figures.map(([key, value]) => (
          <div key={key} className="rp-figure">
            <dt>{t(`report.figure.${key}`)}</dt>
            <dd>{value.toLocaleString(language)}</dd>
          </div>
        ))}
      </dl>
      {report.values.length > 0 && (
        <p>
          {t('report.values')}:{' '}
          {report.values.map((value) => formatMoney(value.amount, value.currency, language)).join(', ')}
        </p>
      )}
      {report.byYear.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard must be able to scroll a table wider than the screen
        <section className="rp-table-wrap" aria-label={t('report.byYear')} tabIndex={0}>
          <table className="rp-table">
            <caption>{t('report.byYear')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.year')}</th>
                <th scope="col">{t('report.figure.activities')}</th>
                <th scope="col">{t('report.figure.events')}</th>
                <th scope="col">{t('report.figure.outcomes')}</th>
              </tr>
            </thead>
            <tbody>
              {report.byYear.map((row) => (
                <tr key={row.year}>
                  <th scope="row">{row.year}</th>
                  <td>{row.activities}</td>
                  <td>{row.events}</td>
                  <td>{row.outcomes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

function Listing(props: {
  id: string;
  title: string;
  empty: string;
  items: readonly { key: string; content: React.ReactNode }[];
}) {
  return (
    <section className="panel rp-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.items.length === 0 ? (
        <p className="hint">{props.empty}</p>
      ) : (
        <ul className="rp-list">
          {props.items.map((item) => (
            <li key={item.key}>{item.content}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Report(props: {
  report: ImpactReport;
  subject: ReportSubject;
  t: WorkspaceT;
  common: Common;
  language: string;
}) {
  const { report, t, common, language, subject } = props;
  const empty = t('report.none');
  return (
    <>
      {subject === 'partnerships' && report.ties[0] && (
        <TieFacts tie={report.ties[0]} t={t} common={common} language={language} />
      )}
      <Figures report={report} t={t} language={language} />
      {subject === 'organizations' && (
        <Listing
          id="rp-ties"
          title={t('report.ties')}
          empty={empty}
          items={report.ties.map((tie) => ({
            key: String(tie.id),
            content: (
              <>
                <Link to={`/partnerships/${tie.id}/report`}>
                  {tie.parties.map((party) => party.name).join(' – ')}
                </Link>
                {': '}
                {common(`kind.${tie.kind}`)}, {common(`status.${tie.status}`)}
                {tie.age &&
                  ` · ${t('report.since', { date: formatDay(tie.age.since, language), count: tie.age.years })}`}
              </>
            ),
          }))}
        />
      )}
      <Listing
        id="rp-timeline"
        title={t('report.timeline')}
        empty={empty}
        items={report.timeline.map((entry) => ({
          key: `${entry.type}-${entry.id}`,
          content: (
            <>
              <time dateTime={entry.date} className="rp-date">
                {formatDay(entry.date, language)}
              </time>{' '}
              <span className="rp-kind">{kindText(entry, t, common)}</span>{' '}
              {entry.link ? <Link to={entry.link}>{entry.title}</Link> : entry.title}
            </>
          ),
        }))}
      />
      <Listing
        id="rp-organizations"
        title={t('report.organizations')}
        empty={empty}
        items={report.organizations.map((organization) => ({
          key: String(organization.id),
          content: <Link to={`/organizations/${organization.id}`}>{organization.name}</Link>,
        }))}
      />
      <Listing
        id="rp-people"
        title={t('report.people')}
        empty={empty}
        items={report.people.map((person) => ({ key: String(person.id), content: person.name }))}
      />
      <Listing
        id="rp-follow-ups"
        title={t('report.followUps')}
        empty={empty}
        items={report.followUps.map((followUp) => ({
          key: String(followUp.activityId),
          content: (
            <>
              <strong>{followUp.title}</strong>: {followUp.followUp}
              {followUp.followUpOn &&
                ` (${t('report.due', { date: formatDay(followUp.followUpOn, language) })})`}
            </>
          ),
        }))}
      />
      {!report.signedIn && <p className="hint">{t('report.restricted')}</p>}
      <p className="hint rp-generated">
        {t('report.generated', { date: formatDay(report.generatedOn, language) })}
      </p>
    </>
  );
}

/** Loads the tie, whose name the breadcrumbs then show. */
function NamesTie({ id }: { id: number }) {
  usePartnership(id);
  return null;
}

/** Loads the organisation, whose name the breadcrumbs then show. */
function NamesOrganization({ id }: { id: number }) {
  useOrganization(id);
  return null;
}

/**
 * The impact report of a tie or an organisation, in the interface language: what it has produced, as a page that
 * prints cleanly, with its PDF a click away.
 */
export function ReportPage({ subject }: { subject: ReportSubject }) {
  const { t, ready, language } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const id = Number(useParams().id);
  const report = useImpactReport(subject, id, language);
  if (!ready) return <Skeleton lines={6} />;
  return (
    <article className="rp-page">
      {subject === 'partnerships' ? <NamesTie id={id} /> : <NamesOrganization id={id} />}
      <p className="rp-eyebrow">
        {t(subject === 'partnerships' ? 'report.title' : 'report.organizationTitle')}
      </p>
      <h1>{report.data?.subject.name ?? '…'}</h1>
      <div className="rp-actions">
        <Button onPress={() => window.print()}>{t('report.print')}</Button>
        <a className="rp-pdf" href={reportPdfUrl(subject, id, language)}>
          {t('report.pdf')}
        </a>
        <Link to={`/${subject}/${id}`} className="rp-back">
          {t(subject === 'partnerships' ? 'report.backToTie' : 'report.backToOrganization')}
        </Link>
      </div>
      {report.isPending ? (
        <Skeleton lines={8} label={t('report.loading')} />
      ) : report.isError ? (
        <ErrorState message={t('report.error')} onRetry={() => void report.refetch()} />
      ) : (
        <Report report={report.data} subject={subject} t={t} common={common} language={language} />
      )}
    </article>
  );
}

export const TieReportPage = () => <ReportPage subject="partnerships" />;
export const OrganizationReportPage = () => <ReportPage subject="organizations" />;
