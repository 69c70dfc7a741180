import { useTranslation } from 'react-i18next';
import { useSectors } from '../../api/outcomes.ts';
import type { WorkspaceT } from '../texts.ts';
import { SelectField } from '../ui/form.tsx';
import { localized } from './pickers.tsx';

/** A company's sector: a section of NACE Rev. 2 / TOL 2008, named in the interface language ('' for none). */
export function SectorField(props: {
  t: WorkspaceT;
  name: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
}) {
  const { i18n } = useTranslation();
  const sectors = useSectors().data?.items ?? [];
  return (
    <SelectField
      label={props.t('outcomes.sector')}
      name={props.name}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      options={[
        { value: '', label: '–' },
        ...sectors.map((sector) => ({
          value: sector.code,
          label: `${sector.code} ${localized(sector.name, i18n.language)}`,
        })),
      ]}
    />
  );
}
