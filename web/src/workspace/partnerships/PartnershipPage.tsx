import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  partnershipHistory,
  useDeletePartnership,
  usePartnership,
  useRestorePartnership,
} from '../../api/partnerships.workspace.ts';
import { ActivityTimeline } from '../activities/ActivityTimeline.tsx';
import { History } from '../audit/History.tsx';
import { TieOutcomesPanel } from '../outcomes/TieOutcomesPanel.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { DeleteRestore } from '../ui/DeleteRestore.tsx';
import { DocumentsPanel } from './DocumentsPanel.tsx';
import { PartiesPanel } from './PartiesPanel.tsx';
import { PartnershipDetails } from './PartnershipDetails.tsx';
import { PartnershipEditForm } from './PartnershipEditForm.tsx';

/** The events table comes in a chunk of its own, shared with the public place page. */
const EventsTable = lazy(async () => ({
  default: (await import('../../components/EventsTable.tsx')).EventsTable,
}));

/**
 * A tie: its parties, its details (edited in place), documents, the events that involve both parties, activity,
 * deleting and restoring, history.
 */
export function PartnershipPage() {
  const { t, ready } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const id = Number(useParams().id);
  const record = usePartnership(id);
  const remove = useDeletePartnership();
  const restore = useRestorePartnership();
  const [editing, setEditing] = useState(false);

  if (!ready || record.isPending) return <p>…</p>;
  if (!record.data) return <p role="alert">{t('tie.notFound')}</p>;
  const tie = record.data;

  return (
    <article>
      <h1>{tie.parties.map((party) => party.name).join(' – ')}</h1>
      <p>
        {common(`kind.${tie.kind}`)}, {common(`status.${tie.status}`)}
        {tie.computed.years !== null && ` · ${t('tie.years', { count: tie.computed.years })}`}
      </p>
      <p>
        <Link to={`/partnerships/${id}/report`}>{t('report.open')}</Link>
      </p>
      <PartiesPanel tie={tie} t={t} />
      {editing ? (
        <PartnershipEditForm
          tie={tie}
          t={t}
          onSaved={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <PartnershipDetails tie={tie} t={t} onEdit={() => setEditing(true)} />
      )}
      <DocumentsPanel tie={tie} t={t} />
      <section className="panel">
        <h2>{common('eventList.heading')}</h2>
        <Suspense fallback={<p>…</p>}>
          <EventsTable
            query={{ partnershipId: id }}
            caption={common('eventList.heading')}
            urlPrefix="events"
            empty={common('eventList.tieEmpty')}
          />
        </Suspense>
      </section>
      <TieOutcomesPanel t={t} partnershipId={id} canRecord={tie.canEdit} />
      {tie.canEdit && <ActivityTimeline partnershipId={id} t={t} />}
      {tie.canEdit && (
        <DeleteRestore
          t={t}
          deleted={!!tie.deletedAt}
          deletedText={t('tieActions.deleted')}
          onDelete={() => remove.mutateAsync(tie)}
          onRestore={(deleted) => restore.mutateAsync(deleted ?? tie)}
        />
      )}
      {tie.canEdit && (
        <History t={t} query={partnershipHistory(id)} title={t('tie.history')} urlPrefix="history" />
      )}
    </article>
  );
}
