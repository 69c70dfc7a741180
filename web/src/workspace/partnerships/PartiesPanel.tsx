import { useTranslation } from 'react-i18next';
import type { PartnershipRecord } from '../../api/partnerships.ts';
import { useConfirmParty } from '../../api/partnerships.workspace.ts';
import { countryName } from '../../format.ts';
import { type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { actionsColumn } from '../ui/RecordTable.tsx';
import { partyInput } from './draft.ts';
import { TieSources } from './TieSources.tsx';

type Party = PartnershipRecord['parties'][number];

/** A party's key among the tie's parties: a place and an organisation may have the same id. */
const partyKey = (party: Party) =>
  party.placeId !== null ? `place-${party.placeId}` : `organization-${party.organizationId}`;

/**
 * A tie's parties in a table (each place linking to its page, its country, whether it has confirmed the tie, and
 * confirming for those the user speaks for), and the sources that report the tie, from whose lists.
 */
export function PartiesPanel({ tie, t }: { tie: PartnershipRecord; t: WorkspaceT }) {
  const confirm = useConfirmParty();
  const { i18n } = useTranslation();

  const columns: DataColumn<Party>[] = [
    {
      id: 'party',
      header: t('parties.party'),
      value: (party) => party.name,
      cell: (party) =>
        party.placeId !== null ? (
          <Link href={`/places/${party.placeId}`} variant="standalone">
            {party.name}
          </Link>
        ) : (
          party.name
        ),
      required: true,
    },
    {
      id: 'type',
      header: t('parties.type'),
      value: (party) => (party.placeId !== null ? t('lists.place') : t('dashboard.organization')),
    },
    {
      id: 'country',
      header: t('lists.country'),
      value: (party) => (party.country ? countryName(party.country, i18n.language) : undefined),
    },
    {
      id: 'confirmation',
      header: t('parties.confirmation'),
      value: (party) =>
        party.confirmedAt
          ? t('parties.confirmedOn', { date: party.confirmedAt.slice(0, 10) })
          : t('tie.notConfirmed'),
    },
  ];
  if (tie.parties.some((party) => party.canConfirm)) {
    columns.push(
      actionsColumn(
        t,
        (party) =>
          party.canConfirm && (
            <ActionButton
              size="s"
              onPress={() =>
                confirm.mutateAsync({ id: tie.id, version: tie.version, party: partyInput(party) })
              }
              success={t('toast.partyConfirmed', { name: party.name })}
            >
              {t('tie.confirm', { name: party.name })}
            </ActionButton>
          ),
      ),
    );
  }

  return (
    <section className="panel">
      <h2>{t('tie.parties')}</h2>
      <DataTable
        caption={t('tie.parties')}
        rows={tie.parties}
        columns={columns}
        rowId={partyKey}
        urlPrefix="parties"
        fileName="citybridge-parties"
        compact
      />
      <TieSources tie={tie} t={t} />
    </section>
  );
}
