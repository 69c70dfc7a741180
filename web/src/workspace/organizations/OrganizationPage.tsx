import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../../api/auth.ts';
import {
  organizationHistory,
  useDeleteOrganization,
  useOrganization,
  useRestoreOrganization,
} from '../../api/organizations.ts';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { ActivityLog } from '../activities/ActivityLog.tsx';
import { History } from '../audit/History.tsx';
import { PeoplePanel } from '../people/PeoplePanel.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { DeleteRestore } from '../ui/DeleteRestore.tsx';
import { OrganizationForm } from './OrganizationForm.tsx';
import { OrganizationPublic } from './OrganizationPublic.tsx';

/**
 * An organisation: its record, its people with their posts and contacts, and its activity log. A reader who may not
 * edit it (anyone, for a published one) gets its public page: what it publishes, its networks and ties.
 */
export function OrganizationPage() {
  const { t, ready } = useWorkspaceTexts();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const session = useSession();
  const organization = useOrganization(id);
  const remove = useDeleteOrganization();
  const restore = useRestoreOrganization();
  const member =
    !!session.data?.memberships.some((membership) => membership.organizationId === id) ||
    !!session.data?.user?.isAdmin;

  if (!ready || organization.isPending) return <p>…</p>;
  if (!organization.data) return <p role="alert">{t('organization.notFound')}</p>;
  const org = organization.data;

  return (
    <article>
      <h1>{org.name}</h1>
      <p>
        <Link to={`/organizations/${id}/report`}>{t('report.open')}</Link>
      </p>
      <div className="panel">
        <DescriptionList
          items={[
            { id: 'kind', label: t('organization.kind'), value: t(`orgKind.${org.kind}`) },
            {
              id: 'place',
              label: t('organization.place'),
              value: org.place ? <Link to={`/places/${org.place.id}`}>{org.place.name}</Link> : null,
            },
            {
              id: 'website',
              label: t('organization.website'),
              value: org.website ? <a href={org.website}>{org.website}</a> : null,
            },
            { id: 'description', label: t('organization.description'), value: org.description || null },
          ]}
        />
      </div>
      {!org.canEdit && <OrganizationPublic organization={org} t={t} />}

      {org.canEdit && (
        <DeleteRestore
          t={t}
          deleted={!!org.deletedAt}
          deletedText={t('organization.deleted')}
          onDelete={() => remove.mutateAsync(org)}
          onRestore={(deleted) => restore.mutateAsync(deleted ?? org)}
        />
      )}
      {org.canEdit && session.data && <OrganizationForm t={t} session={session.data} organization={org} />}
      {member && session.data && (
        <OrganizationForm
          t={t}
          session={session.data}
          onSaved={(saved) => void navigate(`/organizations/${saved.id}`)}
        />
      )}
      {member && (
        <History
          t={t}
          query={organizationHistory(id)}
          title={t('organization.history')}
          urlPrefix="history"
        />
      )}
      <PeoplePanel t={t} organizationId={id} canAdd={org.canEdit} />
      {member && <ActivityLog t={t} organizationId={id} canAdd={org.canEdit} />}
    </article>
  );
}
