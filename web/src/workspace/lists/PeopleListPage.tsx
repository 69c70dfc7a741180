import { usePeople } from '../../api/people.ts';
import { usePeopleColumns } from '../people/people-columns.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';
import { OrganizationListPage } from './ListPage.tsx';

/** The people with a post in the organisation: name, posts, their organisations and contact points. */
export function PeopleListPage() {
  const { t, ready } = useWorkspaceTexts();
  return (
    <OrganizationListPage t={t} ready={ready} title={t('shell.people')}>
      {(organization) => <PeopleTable organization={organization} />}
    </OrganizationListPage>
  );
}

function PeopleTable(props: { organization: { id: number; name: string } }) {
  const { t } = useWorkspaceTexts();
  const people = usePeople({ organizationId: props.organization.id, limit: 200 });
  const columns = usePeopleColumns(t);
  return (
    <RecordTable
      caption={t('lists.peopleCaption', { name: props.organization.name })}
      query={people}
      rows={people.data?.items}
      columns={columns}
      urlPrefix="people"
      fileName="citybridge-people"
      defaultSort={[{ id: 'name', desc: false }]}
      empty={{
        title: t('lists.peopleEmpty'),
        hint: t('lists.peopleEmptyHint'),
        link: { href: `/organizations/${props.organization.id}`, label: t('organization.title') },
      }}
    />
  );
}
