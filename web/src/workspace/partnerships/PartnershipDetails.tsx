import type { PartnershipRecord } from '../../api/partnerships.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import type { WorkspaceT } from '../texts.ts';
import { DATE_FIELDS, LANGUAGES } from './draft.ts';

/** A tie's dates, themes, descriptions and notes as they are, with the button that edits them. */
export function PartnershipDetails(props: { tie: PartnershipRecord; t: WorkspaceT; onEdit: () => void }) {
  const { tie, t } = props;
  return (
    <section className="panel">
      <DescriptionList
        items={[
          ...DATE_FIELDS.map((field) => ({
            id: field,
            label: t(`tie.${field}`),
            // No source gives the start of most ties: say so rather than leave a blank.
            value: tie[field] ?? (field === 'startedOn' && !tie.signedOn ? t('tie.dateUnknown') : '–'),
          })),
          {
            id: 'themes',
            label: t('tie.themes'),
            value: tie.themes.map((theme) => t(`theme.${theme}`)).join(', ') || '–',
          },
          ...LANGUAGES.filter((language) => tie.descriptions[language]).map((language) => ({
            id: `description-${language}`,
            label: t('tie.description', { language: language.toUpperCase() }),
            value: <span lang={language}>{tie.descriptions[language]}</span>,
          })),
          ...(tie.notes !== undefined
            ? [{ id: 'notes', label: t('tie.notes'), value: tie.notes ?? '–' }]
            : []),
        ]}
      />
      {tie.canEdit && (
        <div className="form-actions">
          <Button onPress={props.onEdit}>{t('tie.edit')}</Button>
        </div>
      )}
    </section>
  );
}
