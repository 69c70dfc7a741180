import { useMemo, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type NetworkRecord, useCreateNetwork } from '../../api/networks.ts';
import { countryName } from '../../format.ts';
import { countryCodes } from '../../pages/NetworkPage.countries.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import type { WorkspaceT } from '../texts.ts';
import { Field, FormMessage, SelectField, useForm } from '../ui/form.tsx';
import { visibilityOptions } from '../ui/visibility.ts';

const LANGUAGES = ['fi', 'sv', 'en'] as const;

/** The texts given, by language; empty ones left out. */
const texts = (values: Record<string, string>, field: string) =>
  Object.fromEntries(
    LANGUAGES.flatMap((language) => {
      const text = values[`${field}_${language}`]?.trim();
      return text ? [[language, text]] : [];
    }),
  );

/** Creating a working group of a network: its name and theme in Finnish, Swedish and English, its country. */
export function WorkingGroupForm({ t, network }: { t: WorkspaceT; network: NetworkRecord }) {
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateNetwork();
  const form = useForm({
    name_fi: '',
    name_sv: '',
    name_en: '',
    theme_fi: '',
    theme_sv: '',
    theme_en: '',
    visibility: 'published',
  });
  const [country, setCountry] = useState<string | null>(null);
  const countries = useMemo(
    () =>
      countryCodes(i18n.language)
        .map((code) => ({ id: code, label: countryName(code, i18n.language) }))
        .sort((a, b) => a.label.localeCompare(b.label, i18n.language)),
    [i18n.language],
  );
  const submit = form.submitWith(async () => {
    const name = texts(form.values, 'name');
    if (Object.keys(name).length === 0) {
      form.refuse(t('tie.invalid'), { name_en: t('networks.nameNeeded') });
      return null;
    }
    const created = await create.mutateAsync({
      kind: 'working_group',
      parentId: network.id,
      name,
      theme: texts(form.values, 'theme'),
      countryCode: country,
      visibility: form.values.visibility as NetworkRecord['visibility'],
    });
    await navigate(`/workspace/networks/${created.id}`);
    return t('networks.groupCreated');
  });
  return (
    <section className="panel" aria-labelledby="nw-new-group">
      <h2 id="nw-new-group">{t('networks.newGroup')}</h2>
      <form onSubmit={submit} noValidate className="nw-form">
        <fieldset className="nw-languages">
          <legend>{t('networks.groupName')}</legend>
          {LANGUAGES.map((language) => (
            <Field
              key={language}
              label={t(`networks.language.${language}`)}
              {...form.field(`name_${language}`)}
            />
          ))}
        </fieldset>
        <fieldset className="nw-languages">
          <legend>{t('networks.groupTheme')}</legend>
          {LANGUAGES.map((language) => (
            <Field
              key={language}
              label={t(`networks.language.${language}`)}
              {...form.field(`theme_${language}`)}
            />
          ))}
        </fieldset>
        <ComboBox
          label={t('networks.groupCountry')}
          description={t('networks.groupCountryHint')}
          options={countries}
          selectedKey={country}
          onSelectionChange={(key: Key | null) => setCountry(key === null ? null : String(key))}
        />
        <SelectField
          label={t('tie.visibility')}
          options={visibilityOptions(t)}
          {...form.field('visibility')}
        />
        <FormMessage message={form.message} />
        <Button type="submit" variant="primary" isPending={create.isPending}>
          {t('networks.createGroup')}
        </Button>
      </form>
    </section>
  );
}
