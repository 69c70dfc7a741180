import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import {
  type CommitResult,
  type DryRun,
  type ImportMapping,
  type ImportRecord,
  useCommitImport,
  useDryRun,
  useImport,
} from '../../api/imports.ts';
import { useOrganization } from '../../api/organizations.ts';
import { useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { CheckIcon } from '../../ui/icons.tsx';
import { ErrorState, Skeleton } from '../../ui/states.tsx';
import { showToast } from '../../ui/toast.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { CommitPanel, CommitResultPanel } from './CommitPanel.tsx';
import { countsSummary, DryRunResults } from './DryRunResults.tsx';
import { mappingKey, rowsToWrite, startingMapping } from './import-model.ts';
import { MappingForm } from './MappingForm.tsx';
import { UploadForm } from './UploadForm.tsx';
import './imports.css';

/** The search parameter that names the uploaded file the page works on, so a reload comes back to it. */
const IMPORT_PARAM = 'import';

const STEPS = ['upload', 'mapping', 'dryRun', 'commit'] as const;
type Step = (typeof STEPS)[number];

/** Where the focus is sent: a step's heading, each time `n` is raised. */
type FocusStep = 'upload' | 'mapping' | 'dryRun' | 'result';
interface Focus {
  step: FocusStep;
  n: number;
}

const idOf = (value: string | null) => {
  const id = Number(value ?? Number.NaN);
  return Number.isInteger(id) && id > 0 ? id : undefined;
};

/** The four steps, the current one marked (aria-current) and those before it done. */
function Steps({ t, current }: { t: WorkspaceT; current: Step }) {
  const at = STEPS.indexOf(current);
  return (
    <ol className="im-steps" aria-label={t('imports.steps')}>
      {STEPS.map((step, index) => (
        <li key={step} aria-current={index === at ? 'step' : undefined} data-done={index < at || undefined}>
          <span className="im-step-number" aria-hidden="true">
            {index < at ? <CheckIcon /> : index + 1}
          </span>
          {t(`imports.step.${step}`)}
          {index < at && <span className="visually-hidden"> ({t('imports.stepDone')})</span>}
        </li>
      ))}
    </ol>
  );
}

/** The file being imported: its name, the organisation, when it was uploaded and whether it has been imported. */
function FileSummary(props: {
  t: WorkspaceT;
  record: ImportRecord;
  organizationName: string;
  onStartOver: () => void;
}) {
  const { t, record } = props;
  const format = useFormat();
  const day = (iso: string) => format.date(iso.slice(0, 10));
  return (
    <div className="im-file">
      <dl className="im-file-facts">
        <div>
          <dt>{t('imports.upload.fileLabel')}</dt>
          <dd>{record.filename}</dd>
        </div>
        <div>
          <dt>{t('imports.upload.for')}</dt>
          <dd>{props.organizationName}</dd>
        </div>
        <div>
          <dt>{t('imports.upload.uploadedOn')}</dt>
          <dd>{day(record.createdAt)}</dd>
        </div>
      </dl>
      {record.committedAt && (
        <p className="im-notice">{t('imports.upload.committedOn', { date: day(record.committedAt) })}</p>
      )}
      <Button size="s" onPress={props.onStartOver}>
        {t('imports.upload.startOver')}
      </Button>
    </div>
  );
}

/** The steps after the upload: the mapping, the dry run and the commit, each keeping what the one before found. */
function ImportSteps(props: {
  t: WorkspaceT;
  record: ImportRecord;
  focus: Focus;
  goTo: (step: FocusStep) => void;
  onStartOver: () => void;
}) {
  const { t, record, focus, goTo } = props;
  const session = useSession();
  const organization = useOrganization(record.organizationId);
  const organizationName =
    organization.data?.name ??
    session.data?.memberships.find((membership) => membership.organizationId === record.organizationId)
      ?.name ??
    `#${record.organizationId}`;
  const [mapping, setMapping] = useState<ImportMapping>(() => startingMapping(record));
  const [checked, setChecked] = useState<{ key: string; result: DryRun } | null>(null);
  const [committed, setCommitted] = useState<CommitResult | null>(null);
  const [checkFailure, setCheckFailure] = useState<string | null>(null);
  const dryRun = useDryRun();
  const commit = useCommitImport();
  const stale = !!checked && checked.key !== mappingKey(mapping);
  const focusOf = (step: FocusStep) => (focus.step === step ? focus.n : 0);

  const check = async (sent: ImportMapping) => {
    setCheckFailure(null);
    try {
      const result = await dryRun.mutateAsync({ id: record.id, mapping: sent });
      setChecked({ key: mappingKey(sent), result });
      setCommitted(null);
      showToast({
        title: t('imports.mapping.checked', { count: result.rows.length }),
        description: countsSummary(t, result.counts),
        tone: 'success',
      });
      goTo('dryRun');
    } catch (failure) {
      setCheckFailure(failureText(t, failure));
    }
  };

  const write = async () => {
    const result = await commit.mutateAsync({ id: record.id, mapping });
    setCommitted(result);
    showToast({ title: t('imports.commit.done', { count: rowsToWrite(result.counts) }), tone: 'success' });
    goTo('result');
  };

  return (
    <>
      <Steps t={t} current={committed ? 'commit' : checked && !stale ? 'dryRun' : 'mapping'} />
      <FileSummary
        t={t}
        record={record}
        organizationName={organizationName}
        onStartOver={props.onStartOver}
      />
      <MappingForm
        t={t}
        upload={record}
        mapping={mapping}
        onChange={setMapping}
        onCheck={check}
        isChecking={dryRun.isPending}
        failure={checkFailure}
        focus={focusOf('mapping')}
      />
      {checked && !committed && (
        <>
          <DryRunResults
            t={t}
            filename={record.filename}
            dryRun={checked.result}
            sheetCount={record.sheets.length}
            stale={stale}
            focus={focusOf('dryRun')}
          />
          <CommitPanel
            t={t}
            counts={checked.result.counts}
            organizationName={organizationName}
            stale={stale}
            onCommit={write}
            isCommitting={commit.isPending}
          />
        </>
      )}
      {committed && (
        <CommitResultPanel
          t={t}
          result={committed}
          organizationId={record.organizationId}
          focus={focusOf('result')}
        />
      )}
    </>
  );
}

/** The uploaded file, once read back from the server (after a reload, or a link to it). */
function ImportLoader(props: {
  t: WorkspaceT;
  id: number;
  focus: Focus;
  goTo: (step: FocusStep) => void;
  onStartOver: () => void;
}) {
  const { t } = props;
  const record = useImport(props.id);
  if (record.isPending) return <Skeleton lines={6} label={t('loading')} />;
  if (record.isError || !record.data) {
    const missing =
      record.error instanceof ApiError && (record.error.status === 404 || record.error.status === 403);
    return (
      <>
        <ErrorState
          message={missing ? t('imports.upload.notFound') : t('imports.upload.loadError')}
          onRetry={missing ? undefined : () => void record.refetch()}
          isRetrying={record.isFetching}
        />
        <Button onPress={props.onStartOver}>{t('imports.upload.startOver')}</Button>
      </>
    );
  }
  return <ImportSteps {...props} record={record.data} />;
}

/**
 * Importing a spreadsheet of ties (or places): the file, its columns matched to the registry's fields, a dry run
 * that says row by row what would happen, and the import itself. The address names the uploaded file
 * (`?import=`), so a reload comes back to it; each step takes the focus to its heading when it is reached.
 */
export function ImportsPage() {
  const { t, ready } = useWorkspaceTexts();
  const [params, setParams] = useSearchParams();
  const importId = idOf(params.get(IMPORT_PARAM));
  const [focus, setFocus] = useState<Focus>({ step: 'upload', n: 0 });
  const goTo = (step: FocusStep) => setFocus((before) => ({ step, n: before.n + 1 }));

  /** Names the file in the address (a new entry in the history), dropping the dry run's table view. */
  const showImport = (id: number | undefined) => {
    const next = new URLSearchParams(window.location.search);
    for (const key of [...next.keys()]) if (key.startsWith('rows.')) next.delete(key);
    if (id === undefined) next.delete(IMPORT_PARAM);
    else next.set(IMPORT_PARAM, String(id));
    setParams(next);
  };
  const startOver = () => {
    showImport(undefined);
    goTo('upload');
  };

  if (!ready) return <Skeleton lines={4} />;
  return (
    <section className="im-page">
      <div className="ws-page-header">
        <h1>{t('imports.title')}</h1>
      </div>
      <p className="im-intro">{t('imports.intro')}</p>
      {importId === undefined ? (
        <>
          <Steps t={t} current="upload" />
          <UploadForm
            t={t}
            focus={focus.step === 'upload' ? focus.n : 0}
            onUploaded={(upload) => {
              showImport(upload.id);
              goTo('mapping');
            }}
          />
        </>
      ) : (
        <ImportLoader key={importId} t={t} id={importId} focus={focus} goTo={goTo} onStartOver={startOver} />
      )}
    </section>
  );
}
