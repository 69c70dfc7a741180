import type { PartnershipRecord } from '../../api/partnerships.ts';
import type { WorkspaceT } from '../texts.ts';
import { DATE_FIELDS, LANGUAGES } from './draft.ts';

/** A tie's dates, themes, descriptions and notes as they are, with the button that edits them. */
export function PartnershipDetails(props: { tie: PartnershipRecord; t: WorkspaceT; onEdit: () => void }) {
  const { tie, t } = props;
  return (
    <section className="panel">
      <dl>
        {DATE_FIELDS.map((field) => (
          <div key={field}>
            <dt>{t(`tie.${field}`)}</dt>
            <dd>{tie[field] ?? '–'}</dd>
          </div>
        ))}
        <div>
          <dt>{t('tie.themes')}</dt>
          <dd>{tie.themes.map((theme) => t(`theme.${theme}`)).join(', ') || '–'}</dd>
        </div>
        {LANGUAGES.filter((language) => tie.descriptions[language]).map((language) => (
          <div key={language}>
            <dt>{t('tie.description', { language: language.toUpperCase() })}</dt>
            <dd lang={language}>{tie.descriptions[language]}</dd>
          </div>
        ))}
        {tie.notes !== undefined && (
          <div>
            <dt>{t('tie.notes')}</dt>
            <dd>{tie.notes ?? '–'}</dd>
          </div>
        )}
      </dl>
      {tie.canEdit && (
        <button type="button" onClick={props.onEdit}>
          {t('tie.edit')}
        </button>
      )}
    </section>
  );
}
