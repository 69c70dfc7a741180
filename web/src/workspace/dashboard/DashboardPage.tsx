import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Dashboard, useDashboard } from '../../api/workspace.ts';
import type { DataColumn } from '../../ui/DataTable.tsx';
import { Link as UiLink } from '../../ui/Link.tsx';
import { Skeleton } from '../../ui/states.tsx';
import type { TableSort } from '../../ui/table-url-state.ts';
import { useCurrentOrganization, withOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';

/** A dashboard table shows this many rows a page: the rest are a page away, or on the section's own list. */
const PAGE_SIZES = [5] as const;

/** A panel with a compact table of records, and a link to the section that lists them all (`more`). */
function DashboardTable<T extends { id: number }>(props: {
  title: string;
  rows: readonly T[];
  columns: DataColumn<T>[];
  urlPrefix: string;
  defaultSort: TableSort[];
  empty: { title: string; hint?: string; link?: { href: string; label: string } };
  more?: { href: string; label: string };
}) {
  return (
    <section className="panel">
      <h2>{props.title}</h2>
      <RecordTable
        caption={props.title}
        rows={props.rows}
        columns={props.columns}
        urlPrefix={props.urlPrefix}
        fileName={`citybridge-${props.urlPrefix}`}
        defaultSort={props.defaultSort}
        pageSizes={PAGE_SIZES}
        empty={props.empty}
        compact
      />
      {props.more && props.rows.length > 0 && (
        <p>
          <UiLink href={props.more.href} variant="standalone">
            {props.more.label}
          </UiLink>
        </p>
      )}
    </section>
  );
}

/** The column that names a tie by its partners, linking to the tie's page. */
function partnersColumn<T extends { id: number; partners: string }>(t: WorkspaceT): DataColumn<T> {
  return {
    id: 'partners',
    header: t('lists.partners'),
    value: (tie) => tie.partners,
    cell: (tie) => (
      <UiLink href={`/partnerships/${tie.id}`} variant="standalone">
        {tie.partners}
      </UiLink>
    ),
    required: true,
  };
}

/** The columns of the dashboard's tables, in the interface language. */
function useDashboardColumns(t: WorkspaceT) {
  const { t: common } = useTranslation();
  return useMemo(() => {
    const ties: DataColumn<Dashboard['ties'][number]>[] = [
      partnersColumn(t),
      { id: 'kind', header: t('tie.kind'), value: (tie) => common(`kind.${tie.kind}`) },
      { id: 'status', header: t('tie.status'), value: (tie) => common(`status.${tie.status}`) },
      {
        id: 'lastActivity',
        header: t('lists.lastActivity'),
        value: (tie) => tie.lastActivity,
        cell: (tie) => tie.lastActivity ?? t('dashboard.never'),
        nowrap: true,
      },
    ];
    const anniversaries: DataColumn<Dashboard['anniversaries'][number]>[] = [
      partnersColumn(t),
      { id: 'date', header: t('lists.date'), value: (item) => item.date, nowrap: true },
      { id: 'years', header: t('dashboard.years'), value: (item) => item.years, numeric: true },
    ];
    const renewals: DataColumn<Dashboard['renewals'][number]>[] = [
      partnersColumn(t),
      { id: 'date', header: t('lists.date'), value: (item) => item.date, nowrap: true },
      { id: 'daysLeft', header: t('dashboard.daysLeft'), value: (item) => item.daysLeft, numeric: true },
    ];
    const quiet: DataColumn<Dashboard['quiet'][number]>[] = [
      partnersColumn(t),
      {
        id: 'lastActivity',
        header: t('lists.lastActivity'),
        value: (item) => item.lastActivity,
        cell: (item) => item.lastActivity ?? t('dashboard.never'),
        nowrap: true,
      },
    ];
    const recent: DataColumn<Dashboard['recentActivity'][number]>[] = [
      { id: 'date', header: t('lists.date'), value: (activity) => activity.occurredOn, nowrap: true },
      { id: 'kind', header: t('lists.kind'), value: (activity) => t(`activityKind.${activity.kind}`) },
      { id: 'title', header: t('lists.title'), value: (activity) => activity.title, required: true },
    ];
    return { ties, anniversaries, renewals, quiet, recent };
  }, [t, common]);
}

const BY_PARTNERS = [{ id: 'partners', desc: false }];
const SOONEST_FIRST = [{ id: 'date', desc: false }];
// Ties never active sort first (no date): they are the quietest.
const QUIETEST_FIRST = [{ id: 'lastActivity', desc: false }];
const NEWEST_FIRST = [{ id: 'date', desc: true }];

/** "My organisation": its ties by status, what is coming up, what has gone quiet, and recent activity. */
export function DashboardPage() {
  const { t, ready } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const organization = useCurrentOrganization();
  const dashboard = useDashboard(organization.id);
  const columns = useDashboardColumns(t);

  if (!ready) return <Skeleton lines={4} />;
  const data = dashboard.data;
  const organizationPage =
    organization.id === undefined
      ? undefined
      : { href: `/organizations/${organization.id}`, label: t('organization.logActivity') };
  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <nav aria-label={t('dashboard.title')}>
        <ul className="actions">
          <li>
            <Link to="/partnerships/new">{t('newTie.link')}</Link>
          </li>
          <li>
            <Link to="/account">{t('account.link')}</Link>
          </li>
          {organization.id !== undefined && (
            <li>
              <Link to={`/organizations/${organization.id}`}>{t('organization.title')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {organization.memberships.length === 0 && <p>{t('dashboard.noOrganization')}</p>}
      {dashboard.isPending && organization.id !== undefined && <Skeleton lines={6} />}
      {data && (
        <>
          <h2>{data.organization.name}</h2>
          <section className="panel">
            <h2>{t('dashboard.byStatus')}</h2>
            <dl className="status-counts">
              {Object.entries(data.byStatus).map(([status, count]) => (
                <div key={status}>
                  <dt>{common(`status.${status}`)}</dt>
                  <dd>{count}</dd>
                </div>
              ))}
            </dl>
          </section>
          <DashboardTable
            title={t('dashboard.ties')}
            rows={data.ties}
            columns={columns.ties}
            urlPrefix="ties"
            defaultSort={BY_PARTNERS}
            empty={{
              title: t('lists.tiesEmpty'),
              hint: t('lists.tiesEmptyHint'),
              link: { href: '/partnerships/new', label: t('newTie.link') },
            }}
            more={{
              href: withOrganization('/workspace/ties', organization.id),
              label: t('dashboard.allTies'),
            }}
          />
          <DashboardTable
            title={t('dashboard.anniversaries')}
            rows={data.anniversaries}
            columns={columns.anniversaries}
            urlPrefix="anniversaries"
            defaultSort={SOONEST_FIRST}
            empty={{ title: t('dashboard.anniversariesEmpty'), hint: t('dashboard.anniversariesEmptyHint') }}
          />
          <DashboardTable
            title={t('dashboard.renewals')}
            rows={data.renewals}
            columns={columns.renewals}
            urlPrefix="renewals"
            defaultSort={SOONEST_FIRST}
            empty={{ title: t('dashboard.renewalsEmpty'), hint: t('dashboard.renewalsEmptyHint') }}
          />
          <DashboardTable
            title={t('dashboard.quiet')}
            rows={data.quiet}
            columns={columns.quiet}
            urlPrefix="quiet"
            defaultSort={QUIETEST_FIRST}
            empty={{ title: t('dashboard.quietEmpty'), hint: t('dashboard.quietEmptyHint') }}
          />
          <DashboardTable
            title={t('dashboard.recent')}
            rows={data.recentActivity}
            columns={columns.recent}
            urlPrefix="recent"
            defaultSort={NEWEST_FIRST}
            empty={{
              title: t('lists.activityEmpty'),
              hint: t('dashboard.recentEmptyHint'),
              link: organizationPage,
            }}
            more={{
              href: withOrganization('/workspace/activity', organization.id),
              label: t('dashboard.allActivity'),
            }}
          />
        </>
      )}
    </section>
  );
}
