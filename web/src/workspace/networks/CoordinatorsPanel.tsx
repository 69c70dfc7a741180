import { useState } from 'react';
import type { Key } from 'react-aria-components';
import { ApiError } from '../../api/client.ts';
import { type NetworkRecord, useOrganizationSearch, useSetNetworkCoordinators } from '../../api/networks.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { failureText, toastSuccess } from '../ui/failure.tsx';

type Coordinator = NetworkRecord['coordinators'][number];

/** A change to the coordinators, kept so that it can be applied again on top of someone else's. */
type Change = { add: Coordinator } | { remove: Coordinator };

const apply = (coordinators: readonly Coordinator[], change: Change): Coordinator[] =>
  'add' in change
    ? [...coordinators.filter((item) => item.id !== change.add.id), change.add]
    : coordinators.filter((item) => item.id !== change.remove.id);

/**
 * The organisations that coordinate a network or working group; for the editors of its secretariat (and
 * administrators), appointing one more or taking one off, on the version shown: when someone else changed them
 * meanwhile, the panel shows theirs and offers to apply this change again on top.
 */
export function CoordinatorsPanel({ t, network }: { t: WorkspaceT; network: NetworkRecord }) {
  const save = useSetNetworkCoordinators();
  const canAppoint = !!network.viewer?.canAppointCoordinators && !network.deletedAt;
  const [text, setText] = useState('');
  const found = useOrganizationSearch(canAppoint ? text.trim() : '');
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ change: Change; before: Coordinator[] } | null>(null);
  const options = (found.data?.items ?? [])
    .filter((organization) => !network.coordinators.some((item) => item.id === organization.id))
    .map((organization) => ({
      id: organization.id,
      label: organization.name,
      description: organization.place?.name,
    }));

  const send = async (change: Change, on: NetworkRecord) => {
    setFailure(null);
    setConflict(null);
    try {
      await save.mutateAsync({
        networkId: on.id,
        organizationIds: apply(on.coordinators, change).map((item) => item.id),
        version: on.version,
      });
      toastSuccess(
        'add' in change
          ? t('networks.coordinatorAdded', { name: change.add.name })
          : t('networks.coordinatorRemoved', { name: change.remove.name }),
        undefined,
      );
      setText('');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT')
        setConflict({ change, before: on.coordinators });
      else setFailure(error);
    }
  };

  const names = (list: readonly Coordinator[]) => list.map((item) => item.name).join(', ');
  return (
    <section className="panel" aria-labelledby="nw-coordinators">
      <h2 id="nw-coordinators">{t('networks.coordinators')}</h2>
      <p className="hint">
        {t(network.parentId !== null ? 'networks.coordinatorsGroupHint' : 'networks.coordinatorsHint')}
      </p>
      {network.coordinators.length === 0 ? (
        <p>{t('networks.noCoordinators')}</p>
      ) : (
        <ul className="nw-coordinators">
          {network.coordinators.map((coordinator) => (
            <li key={coordinator.id}>
              <span>{coordinator.name}</span>
              {canAppoint && (
                <Button size="s" variant="quiet" onPress={() => void send({ remove: coordinator }, network)}>
                  {t('networks.remove')} <span className="visually-hidden">{coordinator.name}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {conflict && (
        <ConflictNotice
          t={t}
          message={t('networks.coordinatorsConflict')}
          original={{ [t('networks.coordinators')]: names(conflict.before) }}
          current={{ [t('networks.coordinators')]: names(network.coordinators) }}
          fields={[t('networks.coordinators')]}
          onReapply={() => void send(conflict.change, network)}
        />
      )}
      {failure !== null && (
        <p role="alert" className="form-error">
          {failureText(t, failure)}
        </p>
      )}
      {canAppoint && (
        <div className="nw-appoint">
          <ComboBox
            label={t('networks.appoint')}
            description={t('networks.findHint')}
            options={options}
            filtered={options}
            loading={found.isFetching}
            inputValue={text}
            onInputChange={setText}
            selectedKey={null}
            menuTrigger="input"
            onSelectionChange={(key: Key | null) => {
              const chosen = options.find((option) => option.id === key);
              if (chosen) void send({ add: { id: chosen.id, name: chosen.label } }, network);
            }}
          />
        </div>
      )}
    </section>
  );
}
