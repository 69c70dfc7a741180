import { type FormEvent, useMemo, useRef, useState } from 'react';
import { DialogTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PlaceName } from '../../../src/contract.ts';
import { ApiError } from '../api/client.ts';
import { useAddPlaceName, useRemovePlaceName } from '../api/place-names.ts';
import { Button } from '../ui/Button.tsx';
import { ModalDialog } from '../ui/Dialog.tsx';
import { Select } from '../ui/Select.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useToast } from '../ui/toast.ts';
import { useLanguageName } from './place-languages.ts';
import './PlaceNamesEditor.css';

type TFunction = ReturnType<typeof useTranslation>['t'];

/** Languages offered besides the interface's, the place's own and those it has names in: the widely spoken ones. */
const OFFERED_LANGUAGES = [
  'ar',
  'bn',
  'cs',
  'da',
  'de',
  'el',
  'es',
  'et',
  'fa',
  'fr',
  'he',
  'hi',
  'hu',
  'id',
  'is',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'nb',
  'nl',
  'pl',
  'pt',
  'ro',
  'ru',
  'se',
  'sk',
  'sl',
  'sw',
  'th',
  'tr',
  'uk',
  'ur',
  'vi',
  'zh',
  'zh-Hant',
];

/** The likely main language of a country, as CLDR knows it: CN → zh, TW → zh-Hant. */
function countryLanguage(country: string): string | undefined {
  try {
    const likely = new Intl.Locale('und', { region: country }).maximize();
    const usual = new Intl.Locale(likely.language).maximize().script;
    return usual === likely.script ? likely.language : `${likely.language}-${likely.script}`;
  } catch {
    return undefined;
  }
}

interface Problems {
  name?: string;
  lang?: string;
  form?: string;
}

/** Why the API refused a name, in the reader's language, on the field it concerns. */
function refusal(failure: unknown, t: TFunction): Problems {
  if (!(failure instanceof ApiError) || failure.status === 0) return { form: t('place.nameErrors.network') };
  if (failure.code === 'PLACE_NAME_EXISTS') return { name: t('place.nameErrors.exists') };
  if (failure.status === 401 || failure.code === 'CSRF_FAILED')
    return { form: t('place.nameErrors.signedOut') };
  if (failure.status === 403 || failure.status === 404) return { form: t('place.nameErrors.forbidden') };
  const fields = new Set(failure.details.map((detail) => detail.field));
  if (fields.has('body.name')) return { name: t('place.nameErrors.name') };
  if (fields.has('body.lang')) return { lang: t('place.nameErrors.language') };
  return { form: t('place.nameErrors.refused', { status: failure.status }) };
}

/** The form of a new name: the name, its language and whether it is the official one in that language. */
function NameForm({
  placeId,
  country,
  names,
  close,
}: {
  placeId: number;
  country: string;
  names: readonly PlaceName[];
  close: () => void;
}) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const languageName = useLanguageName();
  const add = useAddPlaceName();
  const formRef = useRef<HTMLFormElement>(null);
  const native = countryLanguage(country);
  const [name, setName] = useState('');
  const [lang, setLang] = useState(native ?? i18n.language);
  const [kind, setKind] = useState<'official' | 'alias'>('official');
  const [problems, setProblems] = useState<Problems>({});

  const languages = useMemo(() => {
    const known = new Set([i18n.language, 'fi', 'sv', 'en', ...(native ? [native] : [])]);
    const first = [...known];
    const rest = [...new Set([...names.map((entry) => entry.lang), ...OFFERED_LANGUAGES])]
      .filter((code) => code !== 'und' && !known.has(code))
      .map((code) => ({ id: code, label: languageName(code) }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
    return [
      ...first.map((code) => ({ id: code, label: languageName(code) })),
      ...rest,
      { id: 'und', label: languageName('und') },
    ];
  }, [i18n.language, names, native, languageName]);

  const report = (found: Problems) => {
    setProblems(found);
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  const submit = async (formEvent: FormEvent) => {
    formEvent.preventDefault();
    if (!/\p{L}/u.test(name)) return report({ name: t('place.nameErrors.name') });
    try {
      const added = await add.mutateAsync({ placeId, name: name.trim(), lang, kind });
      close();
      toast.show({ title: t('place.nameAdded', { name: added.name }), tone: 'success' });
    } catch (failure) {
      report(refusal(failure, t));
    }
  };

  return (
    <form ref={formRef} className="place-names-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label={t('place.nameLabel')}
        description={t('place.nameHint')}
        lang={lang === 'und' ? undefined : lang}
        value={name}
        onChange={(value) => {
          setName(value);
          setProblems({});
        }}
        isRequired
        isInvalid={problems.name !== undefined}
        errorMessage={problems.name}
        autoFocus
      />
      <Select
        label={t('place.language')}
        options={languages}
        selectedKey={lang}
        onSelectionChange={(key) => key !== null && setLang(String(key))}
        isInvalid={problems.lang !== undefined}
        errorMessage={problems.lang}
      />
      <Select
        label={t('place.nameKind')}
        options={[
          { id: 'official', label: t('place.kindOfficial'), description: t('place.kindOfficialHint') },
          { id: 'alias', label: t('place.kindAlias'), description: t('place.kindAliasHint') },
        ]}
        selectedKey={kind}
        onSelectionChange={(key) => key !== null && setKind(key === 'alias' ? 'alias' : 'official')}
      />
      {problems.form && (
        <p role="alert" className="place-names-error">
          {problems.form}
        </p>
      )}
      <div className="cb-dialog-actions">
        <Button onPress={close}>{t('place.cancel')}</Button>
        <Button type="submit" variant="primary" isPending={add.isPending}>
          {t('place.addName')}
        </Button>
      </div>
    </form>
  );
}

/** "Add a name": a dialog with the form, for administrators and editors of the place's governments. */
export function AddPlaceName({
  placeId,
  country,
  names,
}: {
  placeId: number;
  country: string;
  names: readonly PlaceName[];
}) {
  const { t } = useTranslation();
  return (
    <div className="place-names-add">
      <DialogTrigger>
        <Button variant="secondary">{t('place.addName')}</Button>
        <ModalDialog title={t('place.addNameTitle')} isDismissable={false}>
          {(close) => <NameForm placeId={placeId} country={country} names={names} close={close} />}
        </ModalDialog>
      </DialogTrigger>
    </div>
  );
}

/** Removing a name added in the workspace, once confirmed. */
export function RemovePlaceName({ placeId, name }: { placeId: number; name: PlaceName }) {
  const { t } = useTranslation();
  const toast = useToast();
  const remove = useRemovePlaceName();
  return (
    <DialogTrigger>
      <Button variant="quiet" size="s" aria-label={t('place.removeNameNamed', { name: name.name })}>
        {t('place.removeName')}
      </Button>
      <ModalDialog
        role="alertdialog"
        title={t('place.removeNameTitle')}
        actions={(close) => (
          <>
            <Button onPress={close} autoFocus>
              {t('place.cancel')}
            </Button>
            <Button
              variant="danger"
              isPending={remove.isPending}
              onPress={async () => {
                try {
                  await remove.mutateAsync({ placeId, nameId: name.id });
                  close();
                  toast.show({ title: t('place.nameRemoved', { name: name.name }), tone: 'success' });
                } catch (failure) {
                  close();
                  toast.show({
                    title: refusal(failure, t).form ?? t('place.nameErrors.removeFailed'),
                    tone: 'danger',
                  });
                }
              }}
            >
              {t('place.removeName')}
            </Button>
          </>
        )}
      >
        <p>{t('place.removeNameText')}</p>
        <p className="place-names-remove-name" lang={name.lang === 'und' ? undefined : name.lang}>
          {name.name}
        </p>
      </ModalDialog>
    </DialogTrigger>
  );
}
