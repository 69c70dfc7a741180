import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDashboard } from '../../api/workspace.ts';
import { Skeleton } from '../../ui/states.tsx';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts } from '../texts.ts';

/** A panel listing ties (each linking to its page), or other items, or saying there is nothing. */
function List<T extends { id: number }>(props: {
  title: string;
  items: T[];
  render: (item: T) => string;
  /** The items are ties: each links to the tie's page. */
  ties?: boolean;
}) {
  const { t } = useTranslation('workspace');
  return (
    <section className="panel">
      <h2>{props.title}</h2>
      {props.items.length === 0 ? (
        <p>{t('dashboard.none')}</p>
      ) : (
        <ul>
          {props.items.map((item) => (
            <li key={item.id}>
              {props.ties ? (
                <Link to={`/partnerships/${item.id}`}>{props.render(item)}</Link>
              ) : (
                props.render(item)
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "My organisation": its ties by status, what is coming up, what has gone quiet, and recent activity. */
export function DashboardPage() {
  const { t, ready } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const organization = useCurrentOrganization();
  const dashboard = useDashboard(organization.id);

  if (!ready) return <Skeleton lines={4} />;
  const data = dashboard.data;
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
          <List
            title={t('dashboard.ties')}
            items={data.ties}
            ties
            render={(tie) =>
              `${tie.partners} – ${common(`kind.${tie.kind}`)}, ${common(`status.${tie.status}`)}`
            }
          />
          <List
            title={t('dashboard.anniversaries')}
            items={data.anniversaries}
            ties
            render={(item) =>
              `${item.partners}: ${t('dashboard.anniversary', { years: item.years, date: item.date })}`
            }
          />
          <List
            title={t('dashboard.renewals')}
            items={data.renewals}
            ties
            render={(item) =>
              `${item.partners}: ${t('dashboard.renewal', { date: item.date, days: item.daysLeft })}`
            }
          />
          <List
            title={t('dashboard.quiet')}
            items={data.quiet}
            ties
            render={(item) =>
              `${item.partners}: ${item.lastActivity ? t('dashboard.lastActivity', { date: item.lastActivity }) : t('dashboard.never')}`
            }
          />
          <List
            title={t('dashboard.recent')}
            items={data.recentActivity}
            render={(activity) => `${activity.occurredOn} – ${activity.title}`}
          />
        </>
      )}
    </section>
  );
}
