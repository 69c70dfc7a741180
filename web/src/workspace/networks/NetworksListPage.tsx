import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useSession } from '../../api/auth.ts';
import { type NetworkListItem, useNetworkList } from '../../api/networks.ts';
import { Button } from '../../ui/Button.tsx';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { ModalDialog } from '../../ui/Dialog.tsx';
import { Link } from '../../ui/Link.tsx';
import { OrganizationListPage } from '../lists/ListPage.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';
import { visibilityColumn } from '../ui/visibility.ts';
import { NetworkForm } from './NetworkForm.tsx';
import { localText } from './network-names.ts';
import './networks.css';

interface Row {
  id: number;
  item: NetworkListItem;
  name: string;
  kind: string;
  network: string;
  role: string;
  members: number;
}

/** The columns both lists start with: the name linking to its page, whether a network or a group, and whose. */
function groupColumns<R extends { id: number; name: string; kind: string; network: string }>(
  t: WorkspaceT,
): DataColumn<R>[] {
  return [
    {
      id: 'name',
      header: t('networks.name'),
      value: (row) => row.name,
      cell: (row) => (
        <Link href={`/workspace/networks/${row.id}`} variant="standalone">
          {row.name}
        </Link>
      ),
      filter: 'text',
      required: true,
    },
    {
      id: 'kind',
      header: t('networks.kind'),
      value: (row) => row.kind,
      filter: choiceFilter(['network', 'working_group'] as const, (kind) => t(`networks.kinds.${kind}`)),
    },
    { id: 'network', header: t('networks.network'), value: (row) => row.network },
  ];
}

/** What the organisation is in a network: its coordinator, a member, or both. */
function roleText(t: WorkspaceT, relation: NetworkListItem['relation']): string {
  if (relation?.coordinates && relation.member) return t('networks.role.both');
  return relation?.coordinates ? t('networks.role.coordinator') : t('networks.role.member');
}

/** The networks and working groups the organisation belongs to or coordinates, each linking to its page. */
function OrganizationNetworks({
  t,
  language,
  organizationId,
}: {
  t: WorkspaceT;
  language: string;
  organizationId: number;
}) {
  const list = useNetworkList({ organizationId });
  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      ...groupColumns<Row>(t),
      {
        id: 'role',
        header: t('networks.ourRole'),
        value: (row) => row.role,
        filter: choiceFilter(['coordinator', 'member', 'both'] as const, (role) =>
          t(`networks.role.${role}`),
        ),
      },
      { id: 'members', header: t('networks.members'), value: (row) => row.members, numeric: true },
    ],
    [t],
  );
  const items = list.data?.items;
  const names = new Map(
    (items ?? []).map((item) => [item.id, localText(item.name, language) ?? item.shortName ?? '']),
  );
  const rows = items?.map((item) => ({
    id: item.id,
    item,
    name: names.get(item.id) ?? '',
    kind: t(`networks.kinds.${item.kind}`),
    network: item.parentId !== null ? (names.get(item.parentId) ?? '') : '',
    role: roleText(t, item.relation),
    members: item.memberCount,
  }));
  return (
    <RecordTable
      caption={t('networks.listCaption')}
      query={list}
      rows={rows}
      columns={columns}
      urlPrefix="networks"
      fileName="citybridge-networks"
      empty={{
        title: t('networks.empty'),
        hint: t('networks.emptyHint'),
        link: { href: '/networks', label: t('networks.browse') },
      }}
    />
  );
}

interface AllRow {
  id: number;
  name: string;
  kind: string;
  network: string;
  members: number;
  visibility: NetworkListItem['visibility'];
}

/** For administrators: every network and working group, each linking to its page, where they may change it. */
function AllNetworks({ t, language }: { t: WorkspaceT; language: string }) {
  const list = useNetworkList({});
  const columns = useMemo<DataColumn<AllRow>[]>(
    () => [
      ...groupColumns<AllRow>(t),
      { id: 'members', header: t('networks.members'), value: (row) => row.members, numeric: true },
      visibilityColumn<AllRow>(t),
    ],
    [t],
  );
  const items = list.data?.items;
  const names = new Map(
    (items ?? []).map((item) => [item.id, localText(item.name, language) ?? item.shortName ?? '']),
  );
  const rows = items?.map((item) => ({
    id: item.id,
    name: names.get(item.id) ?? '',
    kind: t(`networks.kinds.${item.kind}`),
    network: item.parentId !== null ? (names.get(item.parentId) ?? '') : '',
    members: item.memberCount,
    visibility: item.visibility,
  }));
  return (
    <section className="nw-all" aria-labelledby="nw-all">
      <h2 id="nw-all">{t('networks.allCaption')}</h2>
      <RecordTable
        caption={t('networks.allCaption')}
        query={list}
        rows={rows}
        columns={columns}
        urlPrefix="all"
        fileName="citybridge-all-networks"
        defaultSort={[{ id: 'name', desc: false }]}
        empty={{ title: t('networks.allEmpty'), hint: t('networks.allEmptyHint') }}
      />
    </section>
  );
}

/** For administrators: a button that opens the form for a new network; once created, its page. */
function NewNetworkButton({ t }: { t: WorkspaceT }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onPress={() => setOpen(true)}>
        {t('networks.newNetwork')}
      </Button>
      {open && (
        <ModalDialog
          title={t('networks.newNetwork')}
          isOpen
          isDismissable={false}
          onOpenChange={(isOpen) => !isOpen && setOpen(false)}
        >
          {(close) => (
            <NetworkForm
              t={t}
              canSetSecretariat
              onSaved={(network) => {
                close();
                void navigate(`/workspace/networks/${network.id}`);
              }}
              onCancel={close}
            />
          )}
        </ModalDialog>
      )}
    </>
  );
}

/**
 * The workspace's Networks section: the networks and working groups of the organisation shown; for
 * administrators, every one, and a new network.
 */
export function NetworksListPage() {
  const { t, ready, language } = useWorkspaceTexts();
  const session = useSession();
  const isAdmin = !!session.data?.user?.isAdmin;
  return (
    <>
      <OrganizationListPage
        t={t}
        ready={ready}
        title={t('networks.section')}
        actions={
          <div className="nw-actions">
            <Link href="/networks" variant="standalone">
              {t('networks.browse')}
            </Link>
            {isAdmin && <NewNetworkButton t={t} />}
          </div>
        }
      >
        {(organization) => (
          <>
            <p>{t('networks.intro', { name: organization.name })}</p>
            <OrganizationNetworks t={t} language={language} organizationId={organization.id} />
          </>
        )}
      </OrganizationListPage>
      {ready && isAdmin && <AllNetworks t={t} language={language} />}
    </>
  );
}
