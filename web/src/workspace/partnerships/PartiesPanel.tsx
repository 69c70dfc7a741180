import { Link } from 'react-router';
import type { PartnershipRecord } from '../../api/partnerships.ts';
import { useConfirmParty } from '../../api/partnerships.workspace.ts';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { partyInput } from './draft.ts';

/** A tie's parties, whether each has confirmed it (and confirming for those the user speaks for), its sources. */
export function PartiesPanel({ tie, t }: { tie: PartnershipRecord; t: WorkspaceT }) {
  const confirm = useConfirmParty();
  return (
    <section className="panel">
      <h2>{t('tie.parties')}</h2>
      <ul>
        {tie.parties.map((party) => (
          <li key={`${party.placeId}-${party.organizationId}`}>
            {party.placeId ? <Link to={`/places/${party.placeId}`}>{party.name}</Link> : party.name}:{' '}
            {party.confirmedAt ? t('tie.confirmed') : t('tie.notConfirmed')}
            {party.canConfirm && (
              <>
                {' '}
                <ActionButton
                  size="s"
                  onPress={() =>
                    confirm.mutateAsync({ id: tie.id, version: tie.version, party: partyInput(party) })
                  }
                  success={t('toast.partyConfirmed', { name: party.name })}
                >
                  {t('tie.confirm', { name: party.name })}
                </ActionButton>
              </>
            )}
          </li>
        ))}
      </ul>
      <p>
        {t('tie.sources')}:{' '}
        {tie.sources.length > 0 ? tie.sources.map((source) => source.name).join(', ') : t('tie.noSources')}
      </p>
    </section>
  );
}
