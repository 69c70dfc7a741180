import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession, useSignOut } from '../../api/auth.ts';
import { useDashboard } from '../../api/workspace.ts';
import { useWorkspaceTexts } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';

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
  const session = useSession();
  const signOut = useSignOut();
  const memberships = session.data?.memberships ?? [];
  const [chosen, setChosen] = useState<number | undefined>();
  const organizationId = chosen ?? memberships[0]?.organizationId;
  const dashboard = useDashboard(organizationId);

  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  const data = dashboard.data;
  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <p>
        {t('signIn.signedInAs', { name: session.data.user.name })}{' '}
        <ActionButton onClick={() => signOut.mutateAsync()}>{t('signIn.signOut')}</ActionButton>
      </p>
      <nav aria-label={t('dashboard.title')}>
        <ul className="actions">
          <li>
            <Link to="/partnerships/new">{t('newTie.link')}</Link>
          </li>
          <li>
            <Link to="/account">{t('account.link')}</Link>
          </li>
          {organizationId !== undefined && (
            <li>
              <Link to={`/organizations/${organizationId}`}>{t('organization.title')}</Link>
            </li>
          )}
          {session.data.user.isAdmin && (
            <li>
              <Link to="/admin/users">{t('users.link')}</Link>
            </li>
          )}
        </ul>
      </nav>
      {memberships.length === 0 && <p>{t('dashboard.noOrganization')}</p>}
      {memberships.length > 1 && (
        <p>
          <label htmlFor="organization">{t('dashboard.organization')}</label>{' '}
          <select
            id="organization"
            value={organizationId}
            onChange={(event) => setChosen(Number(event.target.value))}
          >
            {memberships.map((membership) => (
              <option key={membership.organizationId} value={membership.organizationId}>
                {membership.name}
              </option>
            ))}
          </select>
        </p>
      )}
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
