import { useOutcomes } from '../../api/outcomes.ts';
import { Link } from '../../ui/Link.tsx';
import { useCurrentOrganization, withOrganization } from '../shell/current-organization.ts';
import type { WorkspaceT } from '../texts.ts';
import { OutcomesTable } from './OutcomesTable.tsx';
import './outcomes.css';

/** What a tie has produced: its outcomes with their totals per currency, and recording one for it. */
export function TieOutcomesPanel(props: { t: WorkspaceT; partnershipId: number; canRecord: boolean }) {
  const { t, partnershipId } = props;
  const organization = useCurrentOrganization();
  const outcomes = useOutcomes({ partnershipId, limit: 500 });
  const recordHref = withOrganization(`/workspace/outcomes?tie=${partnershipId}`, organization.id);
  return (
    <section className="panel" aria-labelledby="tie-outcomes-heading">
      <h2 id="tie-outcomes-heading">{t('outcomes.section')}</h2>
      <OutcomesTable
        t={t}
        organizationId={organization.id ?? 0}
        caption={t('outcomes.tieCaption')}
        query={outcomes}
        urlPrefix="outcomes"
        compact
        empty={{ title: t('outcomes.tieEmpty') }}
      />
      {props.canRecord && organization.id !== undefined && (
        <p className="outcome-panel-link">
          <Link href={recordHref} variant="standalone">
            {t('outcomes.recordForTie')}
          </Link>
        </p>
      )}
    </section>
  );
}
