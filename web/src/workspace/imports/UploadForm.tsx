import { type FormEvent, useId, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useSession } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { type ImportRecord, useUploadImport } from '../../api/imports.ts';
import { useOrganizationSearch } from '../../api/networks.ts';
import type { UploadProgress } from '../../api/writes.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { Select } from '../../ui/Select.tsx';
import { EmptyState } from '../../ui/states.tsx';
import { showToast } from '../../ui/toast.ts';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import type { WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { StepHeading } from './StepHeading.tsx';

/** What the file chooser offers: CSV and XLSX, by extension and by type. */
const ACCEPT = [
  '.csv',
  '.xlsx',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');

const isSpreadsheetName = (name: string) => /\.(csv|xlsx)$/i.test(name);

interface Problems {
  organization?: string;
  file?: string;
  /** Said at once, above the button. */
  form?: string;
}

/** Why the server refused the file, in the user's language: on the file's field where it is about the file. */
export function uploadRefusal(t: WorkspaceT, failure: unknown): Problems {
  if (!(failure instanceof ApiError)) return { form: failureText(t, failure) };
  const about = (key: string) => ({ file: t(key), form: t('imports.upload.refused') });
  switch (failure.code) {
    case 'IMPORT_NOT_SPREADSHEET':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return about('imports.upload.notSpreadsheet');
    case 'IMPORT_EMPTY':
      return about('imports.upload.empty');
    case 'IMPORT_TOO_MANY_ROWS':
      return about('imports.upload.tooMany');
    case 'IMPORT_ENCODING':
      return about('imports.upload.encoding');
    case 'PAYLOAD_TOO_LARGE':
    case 'IMPORT_TOO_LARGE':
      return about('imports.upload.tooLarge');
    default:
      if (failure.status === 413) return about('imports.upload.tooLarge');
      if (failure.status === 415) return about('imports.upload.notSpreadsheet');
      return { form: failureText(t, failure) };
  }
}

interface Chosen {
  id: number;
  name: string;
}

/**
 * The organisation imported for. An editor chooses among the organisations they edit (the one the workspace shows
 * first); an administrator may search for any.
 */
function OrganizationChoice(props: {
  t: WorkspaceT;
  isAdmin: boolean;
  editable: Chosen[];
  chosen: Chosen | null;
  onChoose: (chosen: Chosen | null) => void;
  error?: string;
}) {
  const { t, chosen } = props;
  const [text, setText] = useState(chosen?.name ?? '');
  const found = useOrganizationSearch(props.isAdmin && text !== chosen?.name ? text.trim() : '');
  if (props.isAdmin) {
    const options = (
      text.trim() === '' || text === chosen?.name
        ? props.editable
        : (found.data?.items ?? []).map((organization) => ({ id: organization.id, name: organization.name }))
    ).map((organization) => ({ id: organization.id, label: organization.name }));
    return (
      <ComboBox
        label={t('imports.upload.organization')}
        description={t('imports.upload.searchHint')}
        options={options}
        filtered={options}
        loading={found.isFetching}
        inputValue={text}
        onInputChange={(value) => {
          setText(value);
          if (value !== chosen?.name) props.onChoose(null);
        }}
        selectedKey={chosen?.id ?? null}
        onSelectionChange={(key: Key | null) => {
          const option = options.find((candidate) => candidate.id === key);
          if (!option) return;
          props.onChoose({ id: option.id, name: option.label });
          setText(option.label);
        }}
        menuTrigger="focus"
        isRequired
        isInvalid={!!props.error}
        errorMessage={props.error}
        validationBehavior="aria"
      />
    );
  }
  if (props.editable.length === 1)
    return (
      <div className="im-organization">
        <p>
          <span className="cb-label">{t('imports.upload.organization')}</span>{' '}
          <strong>{props.editable[0]!.name}</strong>
        </p>
        <p className="cb-description">{t('imports.upload.organizationHint')}</p>
      </div>
    );
  return (
    <Select
      label={t('imports.upload.organization')}
      description={t('imports.upload.organizationHint')}
      options={props.editable.map((organization) => ({ id: organization.id, label: organization.name }))}
      selectedKey={chosen?.id ?? null}
      onSelectionChange={(key) => {
        const organization = props.editable.find((candidate) => candidate.id === key);
        if (organization) props.onChoose(organization);
      }}
      isRequired
      isInvalid={!!props.error}
      errorMessage={props.error}
      validationBehavior="aria"
    />
  );
}

/** How far the upload is, as a bar and in words (in tens of per cent, so a screen reader is not flooded). */
function UploadStatus({ t, progress }: { t: WorkspaceT; progress: UploadProgress | null }) {
  const labelId = useId();
  const percent =
    progress?.total && progress.total > 0
      ? Math.min(100, Math.round((progress.sent / progress.total) * 100))
      : null;
  const sent = percent !== null && percent >= 100;
  return (
    <div className="im-progress">
      <span id={labelId} className="visually-hidden">
        {t('imports.upload.progress')}
      </span>
      <progress aria-labelledby={labelId} max={100} value={sent ? undefined : (percent ?? undefined)} />
      <p role="status" className="im-progress-text">
        {sent || percent === null
          ? t('imports.upload.reading')
          : t('imports.upload.uploading', { percent: Math.floor(percent / 10) * 10 })}
      </p>
    </div>
  );
}

/**
 * Step 1: the organisation imported for and the file. The file goes up with its progress shown; a refusal is said
 * on the field it is about, and the user is taken there.
 */
export function UploadForm(props: {
  t: WorkspaceT;
  focus: number;
  onUploaded: (upload: ImportRecord) => void;
}) {
  const { t } = props;
  const session = useSession();
  const current = useCurrentOrganization();
  const isAdmin = !!session.data?.user?.isAdmin;
  const editable = (session.data?.memberships ?? [])
    .filter((membership) => membership.role === 'editor')
    .map((membership) => ({ id: membership.organizationId, name: membership.name }));
  const [chosen, setChosen] = useState<Chosen | null>(
    () => editable.find((organization) => organization.id === current.id) ?? editable[0] ?? null,
  );
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useUploadImport();
  const formRef = useRef<HTMLFormElement>(null);
  const fileId = useId();
  const hintId = useId();
  const fileErrorId = useId();

  /** Shows the problems and takes the user to the first field that has one. */
  const report = (found: Problems) => {
    setProblems(found);
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {
      organization: chosen ? undefined : t('imports.upload.noOrganization'),
      file: !file
        ? t('imports.upload.noFile')
        : !isSpreadsheetName(file.name)
          ? t('imports.upload.wrongType')
          : undefined,
    };
    if (found.organization || found.file) {
      report({ ...found, form: t('imports.upload.check') });
      return;
    }
    setProblems({});
    setProgress({ sent: 0, total: file!.size });
    try {
      const answer = await upload.mutateAsync({
        organizationId: chosen!.id,
        file: file!,
        onProgress: setProgress,
      });
      showToast({
        title: t('imports.upload.read', { filename: answer.filename, count: answer.sheets.length }),
        tone: 'success',
      });
      props.onUploaded(answer);
    } catch (failure) {
      report(uploadRefusal(t, failure));
    } finally {
      setProgress(null);
    }
  };

  if (!isAdmin && editable.length === 0)
    return (
      <section className="panel" aria-labelledby={`${fileId}-heading`}>
        <StepHeading id={`${fileId}-heading`} focus={props.focus}>
          {t('imports.upload.heading')}
        </StepHeading>
        <EmptyState title={t('imports.upload.noEditor')} />
      </section>
    );

  return (
    <section className="panel" aria-labelledby={`${fileId}-heading`}>
      <StepHeading id={`${fileId}-heading`} focus={props.focus}>
        {t('imports.upload.heading')}
      </StepHeading>
      <form ref={formRef} className="im-upload" onSubmit={(event) => void submit(event)} noValidate>
        <OrganizationChoice
          t={t}
          isAdmin={isAdmin}
          editable={editable}
          chosen={chosen}
          onChoose={(organization) => {
            setChosen(organization);
            setProblems((before) => ({ ...before, organization: undefined, form: undefined }));
          }}
          error={problems.organization}
        />
        <div className="cb-file-field">
          <label htmlFor={fileId}>{t('imports.upload.file')}</label>
          <input
            id={fileId}
            type="file"
            accept={ACCEPT}
            required
            aria-invalid={problems.file ? true : undefined}
            aria-describedby={problems.file ? `${hintId} ${fileErrorId}` : hintId}
            disabled={upload.isPending}
            onChange={(change) => {
              setFile(change.target.files?.[0] ?? null);
              setProblems((before) => ({ ...before, file: undefined, form: undefined }));
            }}
          />
          <p id={hintId} className="cb-description">
            {t('imports.upload.fileHint')}
          </p>
          {problems.file && (
            <p id={fileErrorId} className="cb-field-error">
              {problems.file}
            </p>
          )}
        </div>
        {upload.isPending && <UploadStatus t={t} progress={progress} />}
        {problems.form && (
          <p role="alert" className="form-error">
            {problems.form}
          </p>
        )}
        <Button type="submit" variant="primary" isPending={upload.isPending}>
          {t('imports.upload.submit')}
        </Button>
      </form>
    </section>
  );
}
