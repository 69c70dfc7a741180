import { type Person, personExportUrl, personHistory, useErasePerson, usePeople } from '../../api/people.ts';
import { History } from '../audit/History.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { actionsColumn, RecordTable, useRowEditing } from '../ui/RecordTable.tsx';
import { PersonForm } from './PersonForm.tsx';
import { usePeopleColumns } from './people-columns.tsx';

/**
 * An organisation's people in a table (posts, contacts, exporting and erasing one's data), the one being edited
 * with their history below it, and adding a person.
 */
export function PeoplePanel(props: { t: WorkspaceT; organizationId: number; canAdd: boolean }) {
  const { t, organizationId } = props;
  const people = usePeople({ organizationId });
  const erase = useErasePerson();
  const columns = usePeopleColumns(t, true);
  const { edited, close, toggle } = useRowEditing(people.data?.items);

  const actions = (person: Person) =>
    person.canEdit && (
      <span className="ws-row-actions">
        {toggle(
          person,
          <>
            {t('tie.edit')} <span className="visually-hidden">{person.name}</span>
          </>,
        )}
        <a href={personExportUrl(person.id)} download={`person-${person.id}.json`}>
          {t('organization.export')} <span className="visually-hidden">{person.name}</span>
        </a>
        {person.name !== null && (
          <ActionButton
            size="s"
            variant="danger"
            confirm={`${t('organization.erase')}: ${person.name}?`}
            onPress={() => erase.mutateAsync(person)}
            success={t('toast.erased')}
          >
            {t('organization.erase')} <span className="visually-hidden">{person.name}</span>
          </ActionButton>
        )}
      </span>
    );

  return (
    <section className="panel">
      <h2>{t('organization.people')}</h2>
      <RecordTable
        caption={t('organization.people')}
        query={people}
        rows={people.data?.items}
        columns={[...columns, actionsColumn(t, actions)]}
        urlPrefix="people"
        fileName="citybridge-people"
        defaultSort={[{ id: 'name', desc: false }]}
        empty={{ title: t('lists.peopleEmpty'), hint: props.canAdd ? t('personForm.addHint') : undefined }}
      />
      {edited && (
        <>
          <PersonForm
            key={`${edited.id}-${edited.version}`}
            organizationId={organizationId}
            person={edited}
            t={t}
            onSaved={close}
          />
          <History
            t={t}
            query={personHistory(edited.id)}
            title={t('personForm.history', { name: edited.name ?? t('organization.erased') })}
            urlPrefix="personHistory"
            collapsed
          />
        </>
      )}
      {props.canAdd && <PersonForm organizationId={organizationId} t={t} />}
    </section>
  );
}
