import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../../api/partnerships.ts';
import { type Dashboard, useDashboard } from '../../api/workspace.ts';
import { type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { visibilityOptions } from '../ui/visibility.ts';
import { listError, OrganizationListPage } from './ListPage.tsx';

type Tie = Dashboard['ties'][number];

/** The organisation's ties: partners, kind, status, start and last activity, each linking to the tie's page. */
export function TiesListPage() {
  const { t, ready } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const columns = useMemo<DataColumn<Tie>[]>(() => {
    const visibilities = visibilityOptions(t);
    return [
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
        filter: {
          options: PARTNERSHIP_KINDS.map((kind) => ({
            value: common(`kind.${kind}`),
            label: common(`kind.${kind}`),
          })),
        },
      },
      {
        id: 'status',
        header: t('tie.status'),
        value: (tie) => common(`status.${tie.status}`),
        filter: {
          options: PARTNERSHIP_STATUSES.map((status) => ({
            value: common(`status.${status}`),
            label: common(`status.${status}`),
          })),
        },
      },
      { id: 'started', header: t('lists.started'), value: (tie) => tie.startedOn },
      { id: 'lastActivity', header: t('lists.lastActivity'), value: (tie) => tie.lastActivity },
      {
        id: 'visibility',
        header: t('lists.visibility'),
        value: (tie) =>
          visibilities.find((option) => option.value === tie.visibility)?.label ?? tie.visibility,
        hidden: true,
      },
    ];
  }, [t, common]);
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
    <DataTable
      caption={t('lists.tiesCaption', { name: props.organization.name })}
      rows={dashboard.data?.ties ?? []}
      columns={props.columns}
      rowId={(tie) => String(tie.id)}
      urlPrefix="ties"
      fileName="citybridge-ties"
      defaultSort={[{ id: 'partners', desc: false }]}
      isLoading={dashboard.isPending}
      error={listError(t, dashboard.isError)}
      onRetry={() => void dashboard.refetch()}
      emptyState={<EmptyState title={t('lists.tiesEmpty')} description={t('lists.tiesEmptyHint')} />}
    />
  );
}
