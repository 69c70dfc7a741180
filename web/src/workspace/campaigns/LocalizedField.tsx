import { TextField } from '../../ui/TextField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { emptyText, type Language, type Localized } from './campaign-model.ts';

/** A language's name in the interface language ("svenska", "Swedish", "ruotsi"). */
export function languageName(language: Language, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** The element id of a text field of the builder, by the API's path of the text and its language. */
export const fieldId = (path: string, language?: Language) =>
  `cp-f-${path.replaceAll('.', '-')}${language ? `-${language}` : ''}`;

/** The language shown beside a text for reference while it is written in another: English, or Finnish for English. */
const referenceOf = (language: Language): Language => (language === 'en' ? 'fi' : 'en');

/**
 * One text of the campaign in the language being written: its label says the language, its description shows the
 * same text in another language for reference, and its error is the API's for this language or for the text.
 */
export function LocalizedField(props: {
  t: WorkspaceT;
  path: string;
  label: string;
  text: Localized | null;
  language: Language;
  uiLanguage: string;
  onChange: (text: Localized) => void;
  errors: Record<string, string>;
  multiline?: boolean;
  required?: boolean;
}) {
  const { t, path, language } = props;
  const value = props.text?.[language] ?? '';
  const reference = referenceOf(language);
  const referenceText = props.text?.[reference]?.trim();
  const error = props.errors[`${path}.${language}`] ?? props.errors[path];
  const missing = props.required && !value.trim();
  return (
    <TextField
      id={fieldId(path, language)}
      label={`${props.label} (${languageName(language, props.uiLanguage)})`}
      value={value}
      lang={language}
      multiline={props.multiline}
      isRequired={props.required}
      validationBehavior="aria"
      isInvalid={!!error}
      errorMessage={error}
      description={
        referenceText
          ? t('campaigns.builder.reference', {
              language: languageName(reference, props.uiLanguage),
              text: referenceText,
            })
          : missing
            ? t('campaigns.builder.toWrite')
            : undefined
      }
      onChange={(typed) => props.onChange({ ...(props.text ?? emptyText()), [language]: typed })}
    />
  );
}
