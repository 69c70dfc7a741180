import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../../api/partnerships.ts';
import { type Dashboard, useDashboard } from '../../api/workspace.ts';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';
import { visibilityColumn } from '../ui/visibility.ts';
import { OrganizationListPage } from './ListPage.tsx';

type Tie = Dashboard['ties'][number];

/** The organisation's ties: partners, kind, status, start and last activity, each linking to the tie's page. */
export function TiesListPage() {
  const { t, ready } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const columns = useMemo<DataColumn<Tie>[]>(
    () => [
      {
        id: 'partners',
        header: t('lists.partners'),
        value: (tie) => tie.partners,
        cell: (tie) => (
          <Link href={`/partnerships/${tie.id}`} variant="standalone">
            {tie.partners}
          </Link>
        ),
        filter: 'text',
        required: true,
      },
      {
        id: 'kind',
        header: t('tie.kind'),
        value: (tie) => common(`kind.${tie.kind}`),
        filter: choiceFilter(PARTNERSHIP_KINDS, (kind) => common(`kind.${kind}`)),
      },
      {
        id: 'status',
        header: t('tie.status'),
        value: (tie) => common(`status.${tie.status}`),
        filter: choiceFilter(PARTNERSHIP_STATUSES, (status) => common(`status.${status}`)),
      },
      { id: 'started', header: t('lists.started'), value: (tie) => tie.startedOn },
      { id: 'lastActivity', header: t('lists.lastActivity'), value: (tie) => tie.lastActivity },
      visibilityColumn(t),
    ],
    [t, common],
  );
  return (
    <OrganizationListPage
      t={t}
      ready={ready}
      title={t('shell.ties')}
      actions={
        <Link href="/partnerships/new" variant="standalone" className="ws-page-action">
          {t('newTie.link')}
        </Link>
      }
    >
      {(organization) => <TiesTable organization={organization} columns={columns} />}
    </OrganizationListPage>
  );
}

function TiesTable(props: { organization: { id: number; name: string }; columns: DataColumn<Tie>[] }) {
  const { t } = useWorkspaceTexts();
  const dashboard = useDashboard(props.organization.id);
  return (
    <RecordTable
      caption={t('lists.tiesCaption', { name: props.organization.name })}
      query={dashboard}
      rows={dashboard.data?.ties}
      columns={props.columns}
      urlPrefix="ties"
      fileName="citybridge-ties"
      defaultSort={[{ id: 'partners', desc: false }]}
      empty={{ title: t('lists.tiesEmpty'), hint: t('lists.tiesEmptyHint') }}
    />
  );
}
