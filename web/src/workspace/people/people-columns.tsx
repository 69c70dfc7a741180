import { useMemo } from 'react';
import type { Person } from '../../api/people.ts';
import type { DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import type { WorkspaceT } from '../texts.ts';
import { visibilityColumn } from '../ui/visibility.ts';

const postsOf = (person: Person, t: WorkspaceT) =>
  person.posts.map((post) => post.title ?? t(`postRole.${post.role}`)).join(', ');

const contactsOf = (person: Person, kind: 'email' | 'phone') =>
  person.contactPoints
    ?.filter((point) => point.kind === kind)
    .map((point) => point.value)
    .join(', ');

/**
 * The columns of a table of people: name, posts, their organisations, contact points (shown at first with
 * `showContacts`, else chosen under Columns) and visibility.
 */
export function usePeopleColumns(t: WorkspaceT, showContacts = false): DataColumn<Person>[] {
  return useMemo<DataColumn<Person>[]>(
    () => [
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
        value: (person) => contactsOf(person, 'email'),
        hidden: !showContacts,
      },
      {
        id: 'phone',
        header: t('organization.phone'),
        value: (person) => contactsOf(person, 'phone'),
        hidden: !showContacts,
      },
      visibilityColumn(t),
    ],
    [t, showContacts],
  );
}
