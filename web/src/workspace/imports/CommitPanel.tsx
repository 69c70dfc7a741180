import { useId, useState } from 'react';
import type { CommitResult, ImportCounts } from '../../api/imports.ts';
import { Button } from '../../ui/Button.tsx';
import { ModalDialog } from '../../ui/Dialog.tsx';
import { Link } from '../../ui/Link.tsx';
import { withOrganization } from '../shell/current-organization.ts';
import type { WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { Counts } from './DryRunResults.tsx';
import { rowsToWrite } from './import-model.ts';
import { StepHeading } from './StepHeading.tsx';

/**
 * Step 4: the button that writes the rows the check found to write (none: it is disabled and says why), asked
 * first in a dialog that says what will happen. A refusal is said in the dialog.
 */
export function CommitPanel(props: {
  t: WorkspaceT;
  counts: ImportCounts;
  organizationName: string;
  /** The mapping changed since the check: the check must be made again first. */
  stale: boolean;
  onCommit: () => Promise<void>;
  isCommitting: boolean;
}) {
  const { t, counts } = props;
  const headingId = useId();
  const reasonId = useId();
  const [asking, setAsking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const count = rowsToWrite(counts);
  const confirm = async () => {
    setFailure(null);
    try {
      await props.onCommit();
      setAsking(false);
    } catch (caught) {
      setFailure(failureText(t, caught));
    }
  };
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="im-step-heading">
        {t('imports.commit.heading')}
      </h2>
      <p id={reasonId}>
        {props.stale
          ? t('imports.dryRun.stale')
          : count === 0
            ? t('imports.commit.nothing')
            : t('imports.commit.intro', { count })}
      </p>
      <Button
        variant="primary"
        isDisabled={count === 0 || props.stale}
        aria-describedby={reasonId}
        onPress={() => {
          setFailure(null);
          setAsking(true);
        }}
      >
        {t('imports.commit.button', { count })}
      </Button>
      <ModalDialog
        title={t('imports.commit.confirmTitle')}
        role="alertdialog"
        isOpen={asking}
        onOpenChange={setAsking}
        isDismissable={!props.isCommitting}
        actions={(close) => (
          <>
            <Button variant="quiet" onPress={close} isDisabled={props.isCommitting}>
              {t('imports.commit.cancel')}
            </Button>
            <Button variant="primary" isPending={props.isCommitting} onPress={() => void confirm()}>
              {t('imports.commit.confirm')}
            </Button>
          </>
        )}
      >
        <p>
          {t('imports.commit.confirmText', {
            create: counts.create,
            update: counts.update,
            organization: props.organizationName,
          })}
        </p>
        {failure && (
          <p role="alert" className="form-error">
            {failure}
          </p>
        )}
      </ModalDialog>
    </section>
  );
}

/** After the commit: what was written, counted, and where to see the ties. */
export function CommitResultPanel(props: {
  t: WorkspaceT;
  result: CommitResult;
  organizationId: number;
  focus: number;
}) {
  const { t, result } = props;
  const headingId = useId();
  const summaryId = useId();
  const { counts } = result;
  const written = rowsToWrite(counts);
  return (
    <section className="panel im-result" aria-labelledby={headingId}>
      <StepHeading id={headingId} focus={props.focus} describedBy={summaryId}>
        {t('imports.commit.resultHeading')}
      </StepHeading>
      <p id={summaryId} className="im-summary">
        {t('imports.commit.result', {
          written,
          create: counts.create,
          update: counts.update,
          unchanged: counts.unchanged,
          refused: counts.refused,
        })}
      </p>
      <Counts
        label={t('imports.dryRun.rows')}
        entries={[
          { key: 'written', label: t('imports.commit.written'), value: written },
          ...(['create', 'update', 'unchanged', 'refused'] as const).map((key) => ({
            key,
            label: t(`imports.commit.counts.${key}`),
            value: counts[key],
          })),
          ...(counts.placesCreated > 0
            ? [{ key: 'placesNew', label: t('imports.dryRun.counts.placesNew'), value: counts.placesCreated }]
            : []),
        ]}
      />
      <p className="hint">{t('imports.commit.again')}</p>
      <Link href={withOrganization('/workspace/ties', props.organizationId)} variant="standalone">
        {t('imports.commit.tiesLink')}
      </Link>
      {counts.peopleCreated > 0 && (
        <Link href={withOrganization('/workspace/people', props.organizationId)} variant="standalone">
          {t('imports.commit.peopleLink')}
        </Link>
      )}
    </section>
  );
}
