import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { OUTCOME_KINDS, type OutcomeKind, useOutcomes } from '../../api/outcomes.ts';
import { OrganizationListPage } from '../lists/ListPage.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { SelectField } from '../ui/form.tsx';
import { OutcomeForm } from './OutcomeForm.tsx';
import { OutcomesTable } from './OutcomesTable.tsx';
import './outcomes.css';

/** The ids in a search parameter (`?tie=3`), for recording an outcome of them. */
const idsOf = (value: string | null) => (value && /^\d+$/.test(value) ? [Number(value)] : undefined);

/**
 * The organisation's outcomes: a table (filtered by kind, the values summed per currency below it), editing and
 * deleting each, and a form recording a new one, linked to the tie, event or support request in the address.
 */
export function OutcomesPage() {
  const { t, ready } = useWorkspaceTexts();
  return (
    <OrganizationListPage t={t} ready={ready} title={t('outcomes.section')}>
      {(organization) => <Outcomes organization={organization} />}
    </OrganizationListPage>
  );
}

function Outcomes(props: { organization: { id: number; name: string } }) {
  const { t } = useWorkspaceTexts();
  const [search] = useSearchParams();
  const [kind, setKind] = useState<OutcomeKind | ''>('');
  const outcomes = useOutcomes({
    organizationId: props.organization.id,
    kind: kind === '' ? undefined : kind,
    limit: 500,
  });
  const preset = {
    partnershipIds: idsOf(search.get('tie')),
    eventIds: idsOf(search.get('event')),
    supportRequestIds: idsOf(search.get('supportRequest')),
  };
  const linked = Object.values(preset).some((ids) => ids !== undefined);
  return (
    <>
      <div className="outcome-filter">
        <SelectField
          label={t('outcomes.kindFilter')}
          name="kind-filter"
          value={kind}
          onChange={(value) => setKind(value as OutcomeKind | '')}
          options={[
            { value: '', label: t('outcomes.allKinds') },
            ...OUTCOME_KINDS.map((value) => ({ value, label: t(`outcomes.kinds.${value}`) })),
          ]}
        />
      </div>
      <OutcomesTable
        t={t}
        organizationId={props.organization.id}
        caption={t('outcomes.caption', { name: props.organization.name })}
        query={outcomes}
        urlPrefix="outcomes"
        empty={{ title: t('outcomes.empty'), hint: t('outcomes.emptyHint') }}
      />
      <OutcomeForm
        key={search.toString()}
        t={t}
        organizationId={props.organization.id}
        preset={linked ? preset : undefined}
        focusOnMount={linked}
      />
    </>
  );
}
