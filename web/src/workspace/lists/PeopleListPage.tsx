import { useMemo } from 'react';
import { type Person, usePeople } from '../../api/people.ts';
import { type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { visibilityOptions } from '../ui/visibility.ts';
import { listError, OrganizationListPage } from './ListPage.tsx';

const postsOf = (person: Person, t: WorkspaceT) =>
  person.posts.map((post) => post.title ?? t(`postRole.${post.role}`)).join(', ');

/** The people with a post in the organisation: name, posts, their organisations and contact points. */
export function PeopleListPage() {
  const { t, ready } = useWorkspaceTexts();
  const columns = useMemo<DataColumn<Person>[]>(() => {
    const visibilities = visibilityOptions(t);
    return [
      {
        id: 'name',
        header: t('lists.name'),
        value: (person) => person.name ?? t('lists.erased'),
        filter: 'text',
        required: true,
      },
      { id: 'posts', header: t('lists.posts'), value: (person) => postsOf(person, t), filter: 'text' },
      {
        id: 'organizations',
        header: t('shell.organizations'),
        value: (person) => [...new Set(person.posts.map((post) => post.organizationName))].join(', '),
        cell: (person) =>
          [...new Map(person.posts.map((post) => [post.organizationId, post.organizationName]))].map(
            ([id, name], index) => (
              <span key={id}>
                {index > 0 && ', '}
                <Link href={`/organizations/${id}`} variant="standalone">
                  {name}
                </Link>
              </span>
            ),
          ),
      },
      {
        id: 'email',
        header: t('organization.email'),
        value: (person) =>
          person.contactPoints
            ?.filter((point) => point.kind === 'email')
            .map((point) => point.value)
            .join(', '),
        hidden: true,
      },
      {
        id: 'phone',
        header: t('organization.phone'),
        value: (person) =>
          person.contactPoints
            ?.filter((point) => point.kind === 'phone')
            .map((point) => point.value)
            .join(', '),
        hidden: true,
      },
      {
        id: 'visibility',
        header: t('lists.visibility'),
        value: (person) =>
          visibilities.find((option) => option.value === person.visibility)?.label ?? person.visibility,
        hidden: true,
      },
    ];
  }, [t]);
  return (
    <OrganizationListPage t={t} ready={ready} title={t('shell.people')}>
      {(organization) => <PeopleTable organization={organization} columns={columns} />}
    </OrganizationListPage>
  );
}

function PeopleTable(props: { organization: { id: number; name: string }; columns: DataColumn<Person>[] }) {
  const { t } = useWorkspaceTexts();
  const people = usePeople({ organizationId: props.organization.id, limit: 200 });
  return (
    <DataTable
      caption={t('lists.peopleCaption', { name: props.organization.name })}
      rows={people.data?.items ?? []}
      columns={props.columns}
      rowId={(person) => String(person.id)}
      urlPrefix="people"
      fileName="citybridge-people"
      defaultSort={[{ id: 'name', desc: false }]}
      isLoading={people.isPending}
      error={listError(t, people.isError)}
      onRetry={() => void people.refetch()}
      emptyState={
        <EmptyState
          title={t('lists.peopleEmpty')}
          description={t('lists.peopleEmptyHint')}
          action={
            <Link href={`/organizations/${props.organization.id}`} variant="standalone">
              {t('organization.title')}
            </Link>
          }
        />
      }
    />
  );
}
