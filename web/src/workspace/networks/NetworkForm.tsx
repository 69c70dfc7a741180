import { type FormEvent, useMemo, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import {
  type NetworkRecord,
  type UpdateNetworkBody,
  useCreateNetwork,
  useOrganizationSearch,
  useUpdateNetwork,
} from '../../api/networks.ts';
import { countryName } from '../../format.ts';
import { countryCodes } from '../../pages/NetworkPage.countries.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { FormMessage, SelectField, useForm } from '../ui/form.tsx';
import { visibilityOptions } from '../ui/visibility.ts';
import { localText } from './network-names.ts';

const LANGUAGES = ['fi', 'sv', 'en'] as const;

/** The texts kept per language; a working group has a theme besides. */
type TextKey = 'name' | 'description' | 'theme';

type Values = Record<string, string>;

/** The form's values: the record's (each text in its language's field), or a new network's defaults. */
function valuesOf(network: NetworkRecord | undefined): Values {
  const values: Values = {
    shortName: network?.shortName ?? '',
    countryCode: network?.countryCode ?? '',
    visibility: network?.visibility ?? 'published',
    secretariatId: network?.secretariat ? String(network.secretariat.id) : '',
  };
  for (const field of ['name', 'description', 'theme'] as const)
    for (const language of LANGUAGES) values[`${field}_${language}`] = network?.[field][language] ?? '';
  return values;
}

/** A new network's text per language as the API takes it: the languages given, empty ones left out. */
function texts(values: Values, field: TextKey): Record<string, string> {
  return Object.fromEntries(
    LANGUAGES.flatMap((language) => {
      const text = values[`${field}_${language}`]?.trim();
      return text ? [[language, text]] : [];
    }),
  );
}

/** The texts and settings a change sends (the API's body without its version). */
type Changes = Omit<UpdateNetworkBody, 'version'>;

/**
 * What the user changed since the form opened (`opened`), put on the record as it is now (`base`): a text changed
 * in one language keeps the other languages' texts as they are now, so that saving on top of someone else's change
 * loses none of theirs.
 */
function changes(values: Values, opened: Values, base: NetworkRecord, withSecretariat: boolean): Changes {
  const changed = (key: string) => (values[key] ?? '').trim() !== (opened[key] ?? '').trim();
  const patch: Changes = {};
  if (changed('shortName')) patch.shortName = values.shortName?.trim() || null;
  for (const field of ['name', 'description', 'theme'] as const) {
    const languages = LANGUAGES.filter((language) => changed(`${field}_${language}`));
    if (languages.length === 0) continue;
    const merged: Record<string, string> = { ...base[field] };
    for (const language of languages) {
      const text = values[`${field}_${language}`]?.trim();
      if (text) merged[language] = text;
      else delete merged[language];
    }
    patch[field] = merged;
  }
  if (changed('countryCode')) patch.countryCode = values.countryCode || null;
  if (changed('visibility')) patch.visibility = values.visibility === 'internal' ? 'internal' : 'published';
  if (withSecretariat && changed('secretariatId'))
    patch.secretariatId = values.secretariatId ? Number(values.secretariatId) : null;
  return patch;
}

/** The names of the fields a conflict compares, with the values as the form shows them. */
function shownFields(t: WorkspaceT, network: NetworkRecord, language: string): Record<string, string> {
  const shown: Record<string, string> = {
    [t('networks.shortName')]: network.shortName ?? '',
  };
  for (const field of [
    'name',
    'description',
    ...(network.kind === 'working_group' ? ['theme'] : []),
  ] as const)
    for (const lang of LANGUAGES)
      shown[`${t(`networks.field.${field}`)} (${t(`networks.language.${lang}`)})`] =
        network[field as TextKey][lang] ?? '';
  shown[t('networks.country')] = network.countryCode ? countryName(network.countryCode, language) : '';
  shown[t('tie.visibility')] = t(network.visibility === 'published' ? 'tie.published' : 'tie.internal');
  shown[t('networks.secretariat')] = network.secretariat?.name ?? '';
  return shown;
}

/** One text in one language: an input, or a text area for a description; its language marked for screen readers. */
function LanguageField(props: {
  t: WorkspaceT;
  language: (typeof LANGUAGES)[number];
  multiline?: boolean;
  field: { name: string; value: string; onChange: (value: string) => void; error?: string };
}) {
  const { field } = props;
  return (
    <TextField
      label={props.t(`networks.language.${props.language}`)}
      name={field.name}
      value={field.value}
      onChange={field.onChange}
      lang={props.language}
      multiline={props.multiline}
      isInvalid={!!field.error}
      errorMessage={field.error}
      validationBehavior="aria"
    />
  );
}

/**
 * Creating a network (administrators) or changing a network's or working group's texts and settings (its
 * coordinators): its short name, its name, description and (a working group's) theme in Finnish, Swedish and
 * English, its country, who may see it and, for administrators, its secretariat. An edit is made on the version the
 * form was opened on and sends only the fields changed; when someone else saved first, the form says so, shows
 * what they changed, keeps what was typed and offers to apply it on top of theirs.
 */
export function NetworkForm(props: {
  t: WorkspaceT;
  /** The network or working group to change; none to create a network. */
  network?: NetworkRecord;
  /** Whether the secretariat may be chosen (administrators). */
  canSetSecretariat: boolean;
  onSaved: (network: NetworkRecord) => void;
  onCancel: () => void;
}) {
  const { t, network, canSetSecretariat } = props;
  const { i18n } = useTranslation();
  const language = i18n.language;
  const create = useCreateNetwork();
  const update = useUpdateNetwork();
  const isGroup = network?.kind === 'working_group';
  // What the form was opened on: the version it saves on, what the user changed, and what a conflict is compared with.
  const [original] = useState(network);
  const [opened] = useState(() => valuesOf(network));
  const form = useForm(opened);
  const [conflict, setConflict] = useState<NetworkRecord | null>(null);
  const [secretariatName, setSecretariatName] = useState(network?.secretariat?.name ?? '');
  const [secretariatText, setSecretariatText] = useState(secretariatName);
  const found = useOrganizationSearch(
    canSetSecretariat && secretariatText !== secretariatName ? secretariatText.trim() : '',
  );
  const organizations = (found.data?.items ?? []).map((organization) => ({
    id: organization.id,
    label: organization.name,
    description: organization.place?.name,
  }));
  const countries = useMemo(
    () =>
      countryCodes(language)
        .map((code) => ({ id: code, label: countryName(code, language) }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [language],
  );

  /** A text field's props: its value, and its error (the API names it `name.fi`, or the whole `name`). */
  const textField = (field: TextKey, lang: (typeof LANGUAGES)[number]) => {
    const props = form.field(`${field}_${lang}`, `${field}.${lang}`);
    const whole =
      lang === (LANGUAGES.find((item) => item === language) ?? 'en') ? form.errors[field] : undefined;
    return { ...props, error: props.error ?? whole };
  };

  /** Creates the network, or saves the changes made since the form opened on `base` (the version read, or newer). */
  const submit = async (base: NetworkRecord | undefined) => {
    const values = form.values;
    const patch = base ? changes(values, opened, base, canSetSecretariat) : undefined;
    const problems: Record<string, string> = {};
    const name = patch ? (patch.name ?? base?.name ?? {}) : texts(values, 'name');
    if (Object.keys(name).length === 0) problems.name = t('networks.nameNeeded');
    if (canSetSecretariat && secretariatText.trim() !== '' && !values.secretariatId)
      problems.secretariatId = t('networks.chooseSecretariat');
    if (Object.keys(problems).length > 0) {
      form.refuse(t('tie.invalid'), problems);
      return;
    }
    if (base && patch && Object.keys(patch).length === 0) {
      // Nothing changed: nothing to save.
      props.onSaved(base);
      return;
    }
    try {
      const saved =
        base && patch
          ? await update.mutateAsync({ id: base.id, version: base.version, ...patch })
          : await create.mutateAsync({
              kind: 'network',
              parentId: null,
              shortName: values.shortName?.trim() || null,
              name,
              description: texts(values, 'description'),
              countryCode: values.countryCode || null,
              visibility: values.visibility === 'internal' ? 'internal' : 'published',
              secretariatId: values.secretariatId ? Number(values.secretariatId) : null,
            });
      setConflict(null);
      form.succeed(
        base
          ? t('networks.saved', { name: localText(saved.name, language) ?? saved.shortName ?? '' })
          : t('networks.created'),
      );
      props.onSaved(saved);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT' && failure.current) {
        setConflict(failure.current as NetworkRecord);
        form.clear();
      } else form.fail(failure);
    }
  };

  const pending = create.isPending || update.isPending;
  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit(original);
      }}
      noValidate
      className="nw-network-form"
    >
      <TextField
        label={t('networks.shortName')}
        description={t('networks.shortNameHint')}
        name="shortName"
        value={form.values.shortName}
        onChange={(shortName) => form.set({ shortName })}
        isInvalid={!!form.errors.shortName}
        errorMessage={form.errors.shortName}
        validationBehavior="aria"
      />
      <fieldset className="nw-languages">
        <legend>{t(isGroup ? 'networks.groupName' : 'networks.networkName')}</legend>
        {LANGUAGES.map((lang) => (
          <LanguageField key={lang} t={t} language={lang} field={textField('name', lang)} />
        ))}
      </fieldset>
      {isGroup && (
        <fieldset className="nw-languages">
          <legend>{t('networks.groupTheme')}</legend>
          {LANGUAGES.map((lang) => (
            <LanguageField key={lang} t={t} language={lang} field={textField('theme', lang)} />
          ))}
        </fieldset>
      )}
      <fieldset className="nw-languages nw-languages-stacked">
        <legend>{t('networks.description')}</legend>
        {LANGUAGES.map((lang) => (
          <LanguageField key={lang} t={t} language={lang} multiline field={textField('description', lang)} />
        ))}
      </fieldset>
      <ComboBox
        label={t('networks.country')}
        description={t(isGroup ? 'networks.groupCountryHint' : 'networks.countryHint')}
        options={countries}
        selectedKey={form.values.countryCode || null}
        onSelectionChange={(key: Key | null) => form.set({ countryCode: key === null ? '' : String(key) })}
        isInvalid={!!form.errors.countryCode}
        errorMessage={form.errors.countryCode}
        validationBehavior="aria"
      />
      <SelectField label={t('tie.visibility')} options={visibilityOptions(t)} {...form.field('visibility')} />
      {canSetSecretariat && (
        <ComboBox
          label={t('networks.secretariat')}
          description={t(isGroup ? 'networks.groupSecretariatHint' : 'networks.secretariatHint')}
          options={organizations}
          filtered={organizations}
          loading={found.isFetching}
          inputValue={secretariatText}
          onInputChange={(value) => {
            setSecretariatText(value);
            if (value !== secretariatName) form.set({ secretariatId: '' });
          }}
          selectedKey={form.values.secretariatId ? Number(form.values.secretariatId) : null}
          onSelectionChange={(key: Key | null) => {
            const chosen = organizations.find((organization) => organization.id === key);
            if (!chosen) return;
            form.set({ secretariatId: String(chosen.id) });
            setSecretariatName(chosen.label);
            setSecretariatText(chosen.label);
          }}
          menuTrigger="input"
          isInvalid={!!form.errors.secretariatId}
          errorMessage={form.errors.secretariatId}
          validationBehavior="aria"
        />
      )}
      {conflict && original && (
        <ConflictNotice
          t={t}
          message={t('networks.editConflict')}
          original={shownFields(t, original, language)}
          current={shownFields(t, conflict, language)}
          fields={Object.keys(shownFields(t, conflict, language))}
          onReapply={() => void submit(conflict)}
        />
      )}
      <FormMessage message={form.message} />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={pending}>
          {original ? t('networks.save') : t('networks.create')}
        </Button>
        <Button onPress={props.onCancel}>{t('tie.cancel')}</Button>
      </div>
    </form>
  );
}
