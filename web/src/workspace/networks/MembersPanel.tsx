import { useMemo, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import {
  type NetworkMember,
  type NetworkRecord,
  useAddNetworkMember,
  useNetworkRecord,
  useOrganizationSearch,
  useRemoveNetworkMember,
  useUpdateNetworkMember,
} from '../../api/networks.ts';
import { usePlaceSearch } from '../../api/places.ts';
import { countryName } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import type { WorkspaceT } from '../texts.ts';
import { failureText, toastSuccess } from '../ui/failure.tsx';
import { DateField, dateProblem, FormMessage, SelectField, useForm } from '../ui/form.tsx';
import { actionsColumn, RecordTable, useRowEditing } from '../ui/RecordTable.tsx';
import { localText, memberKey } from './network-names.ts';

/** A member the form may add: a place or an organisation, with its name. */
interface Candidate {
  id: string;
  label: string;
  description?: string;
  placeId?: number;
  organizationId?: number;
}

/** Why adding or changing a membership was refused, in the user's language where the API's reason is known. */
function refusalText(t: WorkspaceT, failure: unknown, networkName: string): string {
  if (failure instanceof ApiError) {
    const messages = failure.details.map((detail) => detail.message).join(' ');
    if (/not a current member/.test(messages)) return t('networks.notInNetwork', { network: networkName });
    if (/member already/.test(messages)) return t('networks.alreadyMember');
    if (failure.code === 'CONFLICT' && /working group/.test(failure.message))
      return t('networks.stillInGroups');
  }
  return failureText(t, failure);
}

/**
 * The candidates to add: for a working group, the current members of its network not in the group yet (read from
 * the network's record); for a network, places and organisations found by name as the user types.
 */
function useCandidates(network: NetworkRecord, type: 'place' | 'organization', text: string): Candidate[] {
  const { i18n } = useTranslation();
  const isGroup = network.parentId !== null;
  const parent = useNetworkRecord(isGroup ? (network.parentId ?? undefined) : undefined);
  const query = text.trim();
  const places = usePlaceSearch(!isGroup && type === 'place' ? query : '');
  const organizations = useOrganizationSearch(!isGroup && type === 'organization' ? query : '');
  return useMemo(() => {
    const taken = new Set(network.members.map(memberKey));
    if (isGroup) {
      return (parent.data?.members ?? [])
        .filter((member) => member.current && !taken.has(memberKey(member)))
        .filter((member) => member.name.toLocaleLowerCase().includes(query.toLocaleLowerCase()))
        .map((member) => ({
          id: memberKey(member),
          label: member.name,
          description: member.country ? countryName(member.country, i18n.language) : undefined,
          placeId: member.placeId ?? undefined,
          organizationId: member.organizationId ?? undefined,
        }));
    }
    if (type === 'place')
      return (places.data?.results ?? [])
        .filter((place) => !taken.has(`place-${place.id}`))
        .map((place) => ({
          id: `place-${place.id}`,
          label: place.name,
          description: countryName(place.country, i18n.language),
          placeId: place.id,
        }));
    return (organizations.data?.items ?? [])
      .filter((organization) => !taken.has(`organization-${organization.id}`))
      .map((organization) => ({
        id: `organization-${organization.id}`,
        label: organization.name,
        description: organization.place?.name,
        organizationId: organization.id,
      }));
  }, [isGroup, parent.data, places.data, organizations.data, network.members, type, query, i18n.language]);
}

/** Adding a member: a place or an organisation (a working group's: one of its network's members), with its dates. */
function AddMemberForm({
  t,
  network,
  networkName,
}: {
  t: WorkspaceT;
  network: NetworkRecord;
  networkName: string;
}) {
  const { i18n } = useTranslation();
  const add = useAddNetworkMember();
  const isGroup = network.parentId !== null;
  const parentName = network.parent ? (localText(network.parent.name, i18n.language) ?? '') : '';
  const form = useForm({ type: 'place', joinedOn: '', leftOn: '' });
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const type = form.values.type as 'place' | 'organization';
  const candidates = useCandidates(network, type, text);

  const submit = form.submitWith(async () => {
    const dates: Record<string, string> = {};
    for (const field of ['joinedOn', 'leftOn'] as const) {
      const problem = dateProblem(form.values[field]);
      if (problem) dates[field] = t(`validation.${problem}`);
    }
    if (!chosen || Object.keys(dates).length > 0) {
      form.refuse(chosen ? t('tie.invalid') : t('networks.chooseMember'), {
        ...dates,
        ...(chosen ? {} : { member: t('networks.chooseMember') }),
      });
      return null;
    }
    try {
      await add.mutateAsync({
        networkId: network.id,
        ...(chosen.placeId !== undefined
          ? { placeId: chosen.placeId }
          : { organizationId: chosen.organizationId }),
        joinedOn: form.values.joinedOn || null,
        leftOn: form.values.leftOn || null,
      });
    } catch (failure) {
      if (
        failure instanceof ApiError &&
        failure.details.some((detail) => detail.field.startsWith('body.joinedOn'))
      )
        throw failure;
      form.refuse(refusalText(t, failure, parentName || networkName), {
        member: refusalText(t, failure, parentName || networkName),
      });
      return null;
    }
    setChosen(null);
    setText('');
    form.set({ joinedOn: '', leftOn: '' });
    return t('networks.memberAdded', { name: chosen.label });
  });

  return (
    <form onSubmit={submit} noValidate className="nw-form">
      <h3>{t('networks.addMember')}</h3>
      {isGroup ? (
        <p className="hint">{t('networks.groupMembersHint', { network: parentName })}</p>
      ) : (
        <SelectField
          label={t('networks.memberType')}
          options={[
            { value: 'place', label: t('networks.memberTypes.place') },
            { value: 'organization', label: t('networks.memberTypes.organization') },
          ]}
          {...form.field('type')}
          onChange={(value) => {
            form.set({ type: value });
            setChosen(null);
            setText('');
          }}
        />
      )}
      <ComboBox
        label={isGroup ? t('networks.memberOfNetwork', { network: parentName }) : t(`networks.find.${type}`)}
        description={isGroup ? undefined : t('networks.findHint')}
        options={candidates}
        filtered={candidates}
        inputValue={text}
        onInputChange={(value) => {
          setText(value);
          if (chosen && value !== chosen.label) setChosen(null);
        }}
        selectedKey={chosen?.id ?? null}
        onSelectionChange={(key: Key | null) => {
          const found = candidates.find((candidate) => candidate.id === key);
          if (!found) return;
          setChosen(found);
          setText(found.label);
        }}
        menuTrigger="input"
        isInvalid={!!form.errors.member}
        errorMessage={form.errors.member}
        validationBehavior="aria"
      />
      <div className="nw-dates">
        <DateField label={t('networks.joinedOn')} {...form.field('joinedOn')} />
        <DateField label={t('networks.leftOn')} hint={t('networks.leftOnHint')} {...form.field('leftOn')} />
      </div>
      <FormMessage message={form.message} />
      <Button type="submit" variant="primary" isPending={add.isPending}>
        {t('networks.add')}
      </Button>
    </form>
  );
}

/** Changing the dates of one membership. */
function MemberDatesForm(props: {
  t: WorkspaceT;
  network: NetworkRecord;
  member: NetworkMember;
  onSaved: () => void;
}) {
  const { t, network, member } = props;
  const update = useUpdateNetworkMember();
  const form = useForm({ joinedOn: member.joinedOn ?? '', leftOn: member.leftOn ?? '' });
  const submit = form.submitWith(async () => {
    const problems: Record<string, string> = {};
    for (const field of ['joinedOn', 'leftOn'] as const) {
      const problem = dateProblem(form.values[field]);
      if (problem) problems[field] = t(`validation.${problem}`);
    }
    if (Object.keys(problems).length > 0) {
      form.refuse(t('tie.invalid'), problems);
      return null;
    }
    try {
      await update.mutateAsync({
        networkId: network.id,
        memberId: member.id,
        joinedOn: form.values.joinedOn || null,
        leftOn: form.values.leftOn || null,
      });
    } catch (failure) {
      if (failure instanceof ApiError && failure.details.some((detail) => detail.field.startsWith('body.')))
        throw failure;
      form.refuse(refusalText(t, failure, ''));
      return null;
    }
    props.onSaved();
    return t('networks.datesSaved', { name: member.name });
  });
  return (
    <form onSubmit={submit} noValidate className="nw-form">
      <h3>{t('networks.editDates', { name: member.name })}</h3>
      <div className="nw-dates">
        <DateField label={t('networks.joinedOn')} {...form.field('joinedOn')} />
        <DateField label={t('networks.leftOn')} hint={t('networks.leftOnHint')} {...form.field('leftOn')} />
      </div>
      <FormMessage message={form.message} />
      <Button type="submit" variant="primary" isPending={update.isPending}>
        {t('networks.saveDates')}
      </Button>
    </form>
  );
}

/** Taking a member off the list, after asking; a refusal says why beside the button. */
function RemoveMemberButton({
  t,
  network,
  member,
}: {
  t: WorkspaceT;
  network: NetworkRecord;
  member: NetworkMember;
}) {
  const remove = useRemoveNetworkMember();
  const [failure, setFailure] = useState<unknown>(null);
  const run = async () => {
    if (!window.confirm(t('networks.confirmRemove', { name: member.name }))) return;
    setFailure(null);
    try {
      await remove.mutateAsync({ networkId: network.id, memberId: member.id });
      toastSuccess(t('networks.memberRemoved', { name: member.name }), undefined);
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      <Button size="s" variant="secondary" isPending={remove.isPending} onPress={() => void run()}>
        {t('networks.remove')} <span className="visually-hidden">{member.name}</span>
      </Button>
      {failure !== null && (
        <span role="alert" className="form-error">
          {refusalText(t, failure, '')}
        </span>
      )}
    </>
  );
}

/**
 * The members of a network or working group in a table (current and former, with their dates); for its
 * coordinators, changing a membership's dates, removing a member, and adding one.
 */
export function MembersPanel({
  t,
  network,
  networkName,
}: {
  t: WorkspaceT;
  network: NetworkRecord;
  networkName: string;
}) {
  const { i18n } = useTranslation();
  const coordinates = network.canEdit;
  const { edited, close, toggle } = useRowEditing(network.members);
  const columns = useMemo(() => {
    const list: DataColumn<NetworkMember>[] = [
      {
        id: 'name',
        header: t('networks.member'),
        value: (member) => member.name,
        cell: (member) =>
          member.placeId !== null ? (
            <Link href={`/places/${member.placeId}`} variant="standalone">
              {member.name}
            </Link>
          ) : (
            <Link href={`/organizations/${member.organizationId}`} variant="standalone">
              {member.name}
            </Link>
          ),
        filter: 'text',
        required: true,
      },
      {
        id: 'type',
        header: t('networks.memberType'),
        value: (member) => t(`networks.memberTypes.${member.type}`),
        filter: choiceFilter(['place', 'organization'] as const, (type) => t(`networks.memberTypes.${type}`)),
      },
      {
        id: 'country',
        header: t('lists.country'),
        value: (member) => (member.country ? countryName(member.country, i18n.language) : undefined),
      },
      {
        id: 'joined',
        header: t('networks.joinedOn'),
        value: (member) => member.joinedOn ?? '',
        nowrap: true,
      },
      { id: 'left', header: t('networks.leftOn'), value: (member) => member.leftOn ?? '', nowrap: true },
      {
        id: 'status',
        header: t('networks.membership'),
        value: (member) => (member.current ? t('networks.current') : t('networks.former')),
        filter: choiceFilter(['current', 'former'] as const, (status) => t(`networks.${status}`)),
      },
    ];
    if (coordinates)
      list.push(
        actionsColumn(t, (member) => (
          <span className="ws-row-actions">
            {toggle(
              member,
              <>
                {t('networks.dates')} <span className="visually-hidden">{member.name}</span>
              </>,
            )}
            <RemoveMemberButton t={t} network={network} member={member} />
          </span>
        )),
      );
    return list;
  }, [t, i18n.language, coordinates, toggle, network]);

  return (
    <section className="panel" aria-labelledby="nw-members">
      <h2 id="nw-members">{t('networks.members')}</h2>
      <RecordTable
        caption={t('networks.membersCaption', { name: networkName })}
        rows={network.members}
        columns={columns}
        urlPrefix="members"
        fileName={`citybridge-network-${network.id}-members`}
        defaultSort={[{ id: 'name', desc: false }]}
        empty={{
          title: t('networks.noMembers'),
          hint: coordinates ? t('networks.noMembersHint') : undefined,
        }}
      />
      {edited && coordinates && (
        <MemberDatesForm
          key={`${edited.id}-${edited.joinedOn}-${edited.leftOn}`}
          t={t}
          network={network}
          member={edited}
          onSaved={close}
        />
      )}
      {coordinates && <AddMemberForm t={t} network={network} networkName={networkName} />}
    </section>
  );
}
