import { useMemo, useState } from 'react';
import {
  SUPPORT_STATUSES,
  type SupportRequest,
  type SupportStatus,
  useDeleteSupportRequest,
  useRestoreSupportRequest,
  useSupportRequests,
} from '../../api/outcomes.ts';
import { countryName, useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import type { DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { OrganizationListPage } from '../lists/ListPage.tsx';
import { withOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { DeleteButton } from '../ui/DeleteRestore.tsx';
import { SelectField } from '../ui/form.tsx';
import { actionsColumn, RecordTable } from '../ui/RecordTable.tsx';
import { SupportRequestForm } from './SupportRequestForm.tsx';
import './outcomes.css';

/**
 * The support requests the organisation keeps: a table filtered by status, editing and deleting each, recording an
 * outcome that answers one, and a form for a new request.
 */
export function SupportRequestsPage() {
  const { t, ready } = useWorkspaceTexts();
  return (
    <OrganizationListPage t={t} ready={ready} title={t('outcomes.requestsSection')}>
      {(organization) => <SupportRequests t={t} organization={organization} />}
    </OrganizationListPage>
  );
}

function SupportRequests(props: { t: WorkspaceT; organization: { id: number; name: string } }) {
  const { t, organization } = props;
  const language = useFormat().language;
  const [status, setStatus] = useState<SupportStatus | ''>('');
  const requests = useSupportRequests({
    organizationId: organization.id,
    status: status === '' ? undefined : status,
    limit: 500,
  });
  const remove = useDeleteSupportRequest();
  const restore = useRestoreSupportRequest();
  const [editing, setEditing] = useState<number | null>(null);
  const edited = requests.data?.items.find((row) => row.id === editing);

  const columns = useMemo<DataColumn<SupportRequest>[]>(
    () => [
      { id: 'receivedOn', header: t('outcomes.receivedOn'), value: (row) => row.receivedOn, nowrap: true },
      {
        id: 'company',
        header: t('outcomes.company'),
        value: (row) => row.company.name,
        cell: (row) => (
          <Link href={`/organizations/${row.company.id}`} variant="standalone">
            {row.company.name}
          </Link>
        ),
        required: true,
        filter: 'text',
      },
      { id: 'need', header: t('outcomes.need'), value: (row) => t(`outcomes.needs.${row.need}`) },
      {
        id: 'target',
        header: t('outcomes.target'),
        value: (row) =>
          row.targetPlace
            ? `${row.targetPlace.name} (${countryName(row.targetPlace.country, language)})`
            : row.targetRegion
              ? `${t('outcomes.regionOf', { name: row.targetRegion.place?.name ?? row.targetRegion.code })} (${countryName(row.targetRegion.country, language)})`
              : row.targetCountry
                ? countryName(row.targetCountry, language)
                : undefined,
      },
      { id: 'status', header: t('outcomes.status'), value: (row) => t(`outcomes.statuses.${row.status}`) },
      {
        id: 'answer',
        header: t('outcomes.answer'),
        value: (row) => row.answerPath?.sentence ?? row.answer ?? undefined,
        filter: 'text',
      },
    ],
    [t, language],
  );

  const wayIn = (request: SupportRequest) => {
    const target = request.targetPlace
      ? `target=${request.targetPlace.id}`
      : request.targetRegion?.place
        ? `regionOf=${request.targetRegion.place.id}`
        : `targetCountry=${request.targetCountry ?? request.targetRegion?.country ?? ''}`;
    return withOrganization(`/workspace/door-opener?${target}&request=${request.id}`, organization.id);
  };

  const actions = (request: SupportRequest) => (
    <span className="ws-row-actions">
      {request.canEdit && (
        <Link href={wayIn(request)} variant="standalone">
          {t('outcomes.findWayIn')} <span className="visually-hidden">{request.company.name}</span>
        </Link>
      )}
      <Link
        href={withOrganization(`/workspace/outcomes?supportRequest=${request.id}`, organization.id)}
        variant="standalone"
      >
        {t('outcomes.recordForRequest')} <span className="visually-hidden">{request.company.name}</span>
      </Link>
      {request.canEdit && (
        <>
          <Button
            size="s"
            variant="quiet"
            aria-expanded={editing === request.id}
            onPress={() => setEditing(editing === request.id ? null : request.id)}
          >
            {t('tie.edit')} <span className="visually-hidden">{request.company.name}</span>
          </Button>
          <DeleteButton
            t={t}
            size="s"
            onDelete={() => remove.mutateAsync(request)}
            onRestore={(deleted) => restore.mutateAsync(deleted)}
          >
            {t('tieActions.delete')} <span className="visually-hidden">{request.company.name}</span>
          </DeleteButton>
        </>
      )}
    </span>
  );

  return (
    <>
      <div className="outcome-filter">
        <SelectField
          label={t('outcomes.statusFilter')}
          name="status-filter"
          value={status}
          onChange={(value) => setStatus(value as SupportStatus | '')}
          options={[
            { value: '', label: t('outcomes.allStatuses') },
            ...SUPPORT_STATUSES.map((value) => ({ value, label: t(`outcomes.statuses.${value}`) })),
          ]}
        />
      </div>
      <RecordTable
        caption={t('outcomes.requestsCaption', { name: organization.name })}
        query={requests}
        rows={requests.data?.items}
        columns={[...columns, actionsColumn(t, actions)]}
        urlPrefix="requests"
        fileName="citybridge-support-requests"
        defaultSort={[{ id: 'receivedOn', desc: true }]}
        empty={{ title: t('outcomes.requestsEmpty'), hint: t('outcomes.requestsEmptyHint') }}
      />
      {edited && (
        <SupportRequestForm
          key={`${edited.id}-${edited.version}`}
          t={t}
          organizationId={organization.id}
          request={edited}
          onSaved={() => setEditing(null)}
          onCancel={() => setEditing(null)}
        />
      )}
      <SupportRequestForm t={t} organizationId={organization.id} />
    </>
  );
}
