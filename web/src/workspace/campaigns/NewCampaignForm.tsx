import { type FormEvent, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { getJson } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { Select } from '../../ui/Select.tsx';
import { showToast } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';
import { FormMessage, useFormErrors } from '../ui/form.tsx';
import { CountryField } from './CountryField.tsx';
import { BLANK_WORDS, blankDefinition, campaignLanguage, pick } from './campaign-model.ts';
import {
  type CampaignTemplate,
  type NetworkListItem,
  useCampaigns,
  useCreateCampaign,
} from './campaigns-api.ts';

const NONE = 'none';

/**
 * A new campaign for a network or working group the organisation coordinates: from the ready template ("State of
 * cooperation with <country>"), its texts naming the country chosen, or blank; optionally as the next round of an
 * earlier campaign, whose answers the members' drafts start from. Made as a draft, then edited in the builder.
 */
export function NewCampaignForm(props: {
  t: WorkspaceT;
  language: string;
  targets: NetworkListItem[];
  /** The target chosen first (the list's network filter). */
  networkId?: number;
  onCancel: () => void;
}) {
  const { t, targets } = props;
  const format = useFormat();
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const feedback = useFormErrors();
  const language = campaignLanguage(props.language);
  const [networkId, setNetworkId] = useState<number | undefined>(
    targets.find((target) => target.id === props.networkId)?.id ?? targets[0]?.id,
  );
  const target = targets.find((candidate) => candidate.id === networkId);
  const [start, setStart] = useState<'template' | 'blank'>('template');
  const [country, setCountry] = useState<string>(target?.countryCode ?? 'CN');
  // The round this one follows: the user's choice, else the newest earlier round about the same country.
  const [previousChoice, setPreviousId] = useState<string | null>(null);
  const earlier = useCampaigns({ networkId });
  const latest = earlier.data?.items.find(
    (campaign) => campaign.countryCode === (start === 'template' ? country : target?.countryCode),
  );
  const previousId = previousChoice ?? (latest ? String(latest.id) : NONE);

  const chooseTarget = (id: number) => {
    setNetworkId(id);
    setPreviousId(null);
    const code = targets.find((candidate) => candidate.id === id)?.countryCode;
    if (code) setCountry(code);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (networkId === undefined) {
      feedback.refuse(t('campaigns.new.chooseTarget'));
      return;
    }
    if (start === 'template' && !/^[A-Z]{2}$/.test(country)) {
      feedback.refuse(t('campaigns.new.invalid'), { countryCode: t('campaigns.new.chooseCountry') });
      return;
    }
    try {
      let body: Parameters<typeof create.mutateAsync>[0];
      const previous = previousId === NONE ? null : Number(previousId);
      if (start === 'template') {
        const { items } = await getJson<{ items: CampaignTemplate[] }>('/api/campaigns/templates', {
          countryCode: country,
        });
        const template = items[0]!;
        body = {
          networkId,
          previousId: previous,
          title: template.title as Record<'fi' | 'sv' | 'en', string>,
          description: template.description as Record<'fi' | 'sv' | 'en', string>,
          countryCode: country,
          definition: template.definition,
        };
      } else {
        body = {
          networkId,
          previousId: previous,
          title: { ...BLANK_WORDS.title },
          definition: blankDefinition(),
        };
      }
      const created = await create.mutateAsync(body);
      feedback.clear();
      showToast({ title: t('campaigns.new.created'), tone: 'success' });
      await navigate(`/workspace/campaigns/${created.id}/edit`);
    } catch (failure) {
      feedback.fail(failure);
    }
  };

  const previousOptions = [
    { id: NONE, label: t('campaigns.new.noPrevious') },
    ...(earlier.data?.items ?? []).map((campaign) => ({
      id: String(campaign.id),
      label: `${pick(campaign.title, language)}${campaign.opensOn ? ` (${format.date(campaign.opensOn)})` : ''}`,
    })),
  ];

  return (
    <form
      className="panel cp-new"
      onSubmit={(event) => void submit(event)}
      noValidate
      aria-labelledby="cp-new-heading"
    >
      <h2 id="cp-new-heading">{t('campaigns.new.title')}</h2>
      <Select
        label={t('campaigns.new.target')}
        description={t('campaigns.new.targetHint')}
        options={targets.map((candidate) => ({
          id: candidate.id,
          label: pick(candidate.name, props.language),
          description: candidate.kind === 'working_group' ? t('campaigns.new.workingGroup') : undefined,
        }))}
        selectedKey={networkId ?? null}
        onSelectionChange={(key: Key | null) => {
          if (key !== null) chooseTarget(Number(key));
        }}
      />
      <RadioGroup
        label={t('campaigns.new.start')}
        value={start}
        onChange={(value) => setStart(value === 'blank' ? 'blank' : 'template')}
      >
        <Radio value="template">{t('campaigns.new.fromTemplate')}</Radio>
        <Radio value="blank">{t('campaigns.new.blank')}</Radio>
      </RadioGroup>
      {start === 'template' && (
        <CountryField
          label={t('campaigns.new.country')}
          description={t('campaigns.new.countryHint')}
          value={country}
          onChange={setCountry}
          error={feedback.errors.countryCode}
        />
      )}
      <Select
        label={t('campaigns.new.previous')}
        description={t('campaigns.new.previousHint')}
        options={previousOptions}
        selectedKey={previousId}
        onSelectionChange={(key) => {
          if (key !== null) setPreviousId(String(key));
        }}
      />
      <FormMessage message={feedback.message} />
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={create.isPending}>
          {t('campaigns.new.create')}
        </Button>
        <Button onPress={props.onCancel}>{t('campaigns.cancel')}</Button>
      </div>
    </form>
  );
}
