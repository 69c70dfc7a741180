import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { Link } from '../../ui/Link.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { CampaignStatus } from './CampaignsPage.tsx';
import { campaignLanguage, pick, questionsOf } from './campaign-model.ts';
import {
  type CampaignResponse,
  useCampaign,
  useCampaignAction,
  useDeleteCampaign,
  useResponses,
} from './campaigns-api.ts';
import { idParam } from './ResponsePage.tsx';
import './campaigns.css';

/** The coordinators' buttons: open, close, share the results, delete. */
export function CampaignActions({ t, campaign }: { t: WorkspaceT; campaign: CampaignResponse }) {
  const act = useCampaignAction();
  const remove = useDeleteCampaign();
  const navigate = useNavigate();
  const { id, version, status } = campaign;
  return (
    <div className="form-actions cp-actions">
      {status !== 'open' && (
        <ActionButton
          variant="primary"
          onPress={() => act.mutateAsync({ id, action: 'open', version })}
          success={t('campaigns.action.opened')}
          confirm={status === 'draft' ? t('campaigns.action.openConfirm') : undefined}
        >
          {status === 'closed' ? t('campaigns.action.reopen') : t('campaigns.action.open')}
        </ActionButton>
      )}
      {status === 'open' && (
        <ActionButton
          onPress={() => act.mutateAsync({ id, action: 'close', version })}
          success={t('campaigns.action.closed')}
          confirm={t('campaigns.action.closeConfirm')}
        >
          {t('campaigns.action.close')}
        </ActionButton>
      )}
      {status !== 'draft' && !campaign.resultsSharedAt && (
        <ActionButton
          onPress={() => act.mutateAsync({ id, action: 'share-results', version })}
          success={t('campaigns.action.shared')}
          confirm={t('campaigns.action.shareConfirm')}
        >
          {t('campaigns.action.share')}
        </ActionButton>
      )}
      {status === 'draft' && (
        <ActionButton
          variant="danger"
          onPress={async () => {
            await remove.mutateAsync({ id, version });
            await navigate('/workspace/campaigns');
          }}
          success={t('campaigns.action.deleted')}
          confirm={t('campaigns.action.deleteConfirm')}
        >
          {t('campaigns.action.delete')}
        </ActionButton>
      )}
    </div>
  );
}

/**
 * A campaign's page (/workspace/campaigns/:id), where notifications lead: its target, dates and status; the
 * coordinators' buttons (edit the form, open, close, share the results) and how many have answered; each member
 * organisation's own response, to answer or to read; the results once the reader may see them.
 */
export function CampaignPage() {
  const { t, ready, language: uiLanguage } = useWorkspaceTexts();
  const language = campaignLanguage(uiLanguage);
  const format = useFormat();
  const id = idParam(useParams().id);
  const campaign = useCampaign(id);
  const responses = useResponses(id ?? 0, campaign.isSuccess && campaign.data.status !== 'draft');

  if (!ready) return <Skeleton lines={4} />;
  const failure = campaign.error;
  if (id === undefined || (failure instanceof ApiError && failure.status === 404))
    return (
      <section>
        <h1>{t('campaigns.title')}</h1>
        <EmptyState title={t('campaigns.notFound')} />
      </section>
    );
  if (campaign.isError)
    return (
      <section>
        <h1>{t('campaigns.title')}</h1>
        <ErrorState message={t('campaigns.loadError')} onRetry={() => void campaign.refetch()} />
      </section>
    );
  if (!campaign.data) return <Skeleton lines={6} label={t('campaigns.loading')} />;
  const data = campaign.data;
  const items = responses.data?.items ?? [];
  const submitted = items.filter((item) => item.status === 'submitted').length;
  const ownResponses = data.canCoordinate
    ? items.filter((item) => data.answerableFor.some((member) => member.id === item.organization.id))
    : items;
  const mayReadResults = data.status !== 'draft' && (data.canCoordinate || data.resultsSharedAt !== null);
  const description = pick(data.description, language);
  return (
    <section className="cp-page">
      <div className="ws-page-header">
        <h1>{pick(data.title, language)}</h1>
        <CampaignStatus t={t} status={data.status} />
      </div>
      {description && <p>{description}</p>}
      <DescriptionList
        items={[
          { id: 'target', label: t('campaigns.column.target'), value: pick(data.network.name, language) },
          {
            id: 'country',
            label: t('campaigns.column.country'),
            value: data.countryCode ? format.country(data.countryCode) : null,
          },
          {
            id: 'opens',
            label: t('campaigns.column.opens'),
            value: data.opensOn ? format.date(data.opensOn) : t('campaigns.notSet'),
          },
          {
            id: 'closes',
            label: t('campaigns.column.closes'),
            value: data.closesOn ? format.date(data.closesOn) : t('campaigns.notSet'),
          },
          {
            id: 'questions',
            label: t('campaigns.questions'),
            value: format.number(questionsOf(data.definition).length),
          },
          {
            id: 'previous',
            label: t('campaigns.previousRound'),
            value: data.previousId ? (
              <Link href={`/workspace/campaigns/${data.previousId}`} variant="inline">
                {t('campaigns.previousLink')}
              </Link>
            ) : null,
          },
          {
            id: 'shared',
            label: t('campaigns.sharedOn'),
            value: data.resultsSharedAt ? format.date(data.resultsSharedAt.slice(0, 10)) : null,
          },
        ]}
      />
      {data.canCoordinate && (
        <section className="panel" aria-labelledby="cp-coordinate-heading">
          <h2 id="cp-coordinate-heading">{t('campaigns.coordinate')}</h2>
          {data.status !== 'draft' && responses.data && (
            <p className="cp-rate">
              <progress value={submitted} max={Math.max(1, items.length)} aria-hidden="true" />{' '}
              {t('campaigns.progress', { submitted, members: items.length })}
            </p>
          )}
          <p className="cp-links">
            <Link href={`/workspace/campaigns/${data.id}/edit`} variant="standalone">
              {data.status === 'draft' ? t('campaigns.editForm') : t('campaigns.editTexts')}
            </Link>
          </p>
          {data.canEdit && <CampaignActions t={t} campaign={data} />}
        </section>
      )}
      {data.status !== 'draft' && ownResponses.length > 0 && (
        <section className="panel" aria-labelledby="cp-own-heading">
          <h2 id="cp-own-heading">{t('campaigns.ownResponses')}</h2>
          <ul className="cp-own">
            {ownResponses.map((item) => {
              const answerable = data.answerableFor.some((member) => member.id === item.organization.id);
              const open = data.status === 'open' && item.status !== 'submitted' && answerable;
              return (
                <li key={item.organization.id}>
                  <span>{item.organization.name}</span>{' '}
                  <span className="cp-status" data-status={item.status}>
                    {t(`campaigns.responseStatus.${item.status}`)}
                  </span>{' '}
                  <Link
                    href={`/workspace/campaigns/${data.id}/respond?organization=${item.organization.id}`}
                    variant="standalone"
                    aria-label={t(open ? 'campaigns.answerFor' : 'campaigns.viewFor', {
                      name: item.organization.name,
                    })}
                  >
                    {open ? t('campaigns.answer.link') : t('campaigns.view')}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {mayReadResults && (
        <p>
          <Link href={`/workspace/campaigns/${data.id}/results`} variant="standalone">
            {t('campaigns.resultsLink')}
          </Link>
        </p>
      )}
      <p>
        <Link href="/workspace/campaigns" variant="standalone">
          {t('campaigns.backToList')}
        </Link>
      </p>
    </section>
  );
}
