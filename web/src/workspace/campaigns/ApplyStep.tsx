import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { ErrorState, Skeleton } from '../../ui/states.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { visibilityOptions } from '../ui/visibility.ts';
import { ScrollBox } from './AnswerView.tsx';
import { type ApplyPreview, useApplyPreview, useApplyResponse } from './campaigns-api.ts';

type Change = ApplyPreview['changes'][number];

/** A tie's state as one line: status, and its dates when known. */
function TieState(props: { state: Change['after'] | null }) {
  const { t: common } = useTranslation();
  const format = useFormat();
  if (!props.state) return <>–</>;
  const { status, startedOn, endedOn } = props.state;
  const dates = [startedOn, endedOn].map((date) => (date ? format.date(date) : '…'));
  return (
    <>
      {common(`status.${status}`)}
      {(startedOn || endedOn) && <span className="cp-nowrap"> ({dates.join(' – ')})</span>}
    </>
  );
}

/**
 * After submitting: what the response's registry tables would change in the member's ties, tie by tie (the registry
 * now, and the answer), for the member's editor to apply as the member's own edits, with a toast that says what was
 * done. Rows that cannot be applied say why and are left out.
 */
export function ApplyStep(props: { t: WorkspaceT; campaignId: number; organizationId: number }) {
  const { t, campaignId, organizationId } = props;
  const { t: common } = useTranslation();
  const format = useFormat();
  const preview = useApplyPreview(campaignId, organizationId, true);
  const apply = useApplyResponse();
  const [visibility, setVisibility] = useState<'internal' | 'published'>('internal');
  const data = preview.data;
  const applicable = data?.changes.filter((change) => change.change !== 'unchanged' && !change.problem) ?? [];
  const creates = applicable.some((change) => change.change === 'create');
  return (
    <section className="panel cp-apply" aria-labelledby="cp-apply-heading">
      <h2 id="cp-apply-heading">{t('campaigns.apply.title')}</h2>
      {preview.isPending ? (
        <Skeleton lines={3} label={t('campaigns.apply.loading')} />
      ) : preview.isError || !data ? (
        <ErrorState message={t('campaigns.loadError')} onRetry={() => void preview.refetch()} />
      ) : (
        <>
          <p>
            {data.appliedAt
              ? t('campaigns.apply.appliedOn', { date: format.date(data.appliedAt.slice(0, 10)) })
              : t('campaigns.apply.intro')}
          </p>
          {data.changes.length > 0 && (
            <ScrollBox label={t('campaigns.apply.caption')}>
              <table className="cp-table">
                <caption className="visually-hidden">{t('campaigns.apply.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaigns.registry.partnerColumn')}</th>
                    <th scope="col">{t('campaigns.registry.kind')}</th>
                    <th scope="col">{t('campaigns.apply.change')}</th>
                    <th scope="col">{t('campaigns.apply.before')}</th>
                    <th scope="col">{t('campaigns.apply.after')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.changes.map((change, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the preview's rows are listed as read
                    <tr key={index} data-change={change.change}>
                      <td>{change.partner.name}</td>
                      <td>{common(`kind.${change.kind}`)}</td>
                      <td>
                        <span className="cp-tag" data-tone={change.problem ? 'problem' : change.change}>
                          {t(`campaigns.apply.changes.${change.problem ? 'problem' : change.change}`)}
                        </span>
                        {change.problem && (
                          <span className="cp-problem">
                            {' '}
                            {t(`campaigns.apply.problems.${change.problem.code}`)}
                          </span>
                        )}
                      </td>
                      <td>
                        <TieState state={change.before} />
                      </td>
                      <td>
                        <TieState state={change.after} />
                        {change.change === 'create' && !change.problem && (
                          <>
                            {' '}
                            <span className="cp-tag">
                              {t(visibility === 'published' ? 'tie.published' : 'tie.internal')}
                            </span>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
          )}
          {applicable.length === 0 ? (
            <p className="hint">{t('campaigns.apply.nothing')}</p>
          ) : (
            <>
              {creates && (
                <RadioGroup
                  label={t('campaigns.apply.visibility')}
                  value={visibility}
                  onChange={(value) => setVisibility(value === 'published' ? 'published' : 'internal')}
                >
                  {visibilityOptions(t, ['internal', 'published']).map((option) => (
                    <Radio key={option.value} value={option.value}>
                      {option.label}
                    </Radio>
                  ))}
                </RadioGroup>
              )}
              <ActionButton
                variant="primary"
                onPress={() =>
                  apply.mutateAsync({
                    id: campaignId,
                    organizationId,
                    version: data.responseVersion,
                    visibility,
                  })
                }
                success={(result) =>
                  t('campaigns.apply.done', {
                    created: result.created.length,
                    updated: result.updated.length,
                    confirmed: result.confirmed.length,
                  })
                }
              >
                {t('campaigns.apply.button', { count: applicable.length })}
              </ActionButton>
            </>
          )}
        </>
      )}
    </section>
  );
}
