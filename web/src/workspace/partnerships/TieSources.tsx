import type { PartnershipRecord } from '../../api/partnerships.ts';
import type { WorkspaceT } from '../texts.ts';
import './TieSources.css';

/**
 * The sources that report a tie, each with whose own list names it and whose list leaves it out ("Wikipedia’s
 * lists: reported in the list for Vantaa; not in the list for Frankfurt (Oder)"), and a note when the tie is
 * one-sided: reported by one side only while the other side’s own list leaves it out.
 */
export function TieSources({ tie, t }: { tie: PartnershipRecord; t: WorkspaceT }) {
  if (tie.sources.length === 0) {
    return (
      <p>
        {t('tie.sources')}: {t('tie.noSources')}
      </p>
    );
  }
  const names = (placeIds: number[]) =>
    placeIds.map((id) => tie.parties.find((party) => party.placeId === id)?.name ?? `#${id}`).join(', ');
  return (
    <div className="tie-sources">
      {tie.sides.oneSided && (
        <p className="tie-one-sided">
          <strong>{t('tie.oneSided')}</strong> {t('tie.oneSidedText')}
        </p>
      )}
      <p id={`tie-${tie.id}-sources`}>{t('tie.sources')}:</p>
      <ul aria-labelledby={`tie-${tie.id}-sources`}>
        {tie.sources.map((source) => {
          const sides = tie.sides.sources.find((entry) => entry.key === source.key);
          const said = [
            sides && sides.listedBy.length > 0 ? t('tie.listedBy', { places: names(sides.listedBy) }) : null,
            sides && sides.notListedBy.length > 0
              ? t('tie.notListedBy', { places: names(sides.notListedBy) })
              : null,
          ].filter((text): text is string => text !== null);
          return (
            <li key={source.key}>
              {t(`tie.sourceName.${source.key}`, { defaultValue: source.name })}
              {said.length > 0 && `: ${said.join('; ')}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
