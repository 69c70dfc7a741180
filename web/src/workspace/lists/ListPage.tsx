import type { ReactNode } from 'react';
import { EmptyState, Skeleton } from '../../ui/states.tsx';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import type { WorkspaceT } from '../texts.ts';

/**
 * A list page of the organisation's records: its heading, and the table once the workspace knows which
 * organisation it shows (members of none are told how to become one).
 */
export function OrganizationListPage(props: {
  t: WorkspaceT;
  ready: boolean;
  title: string;
  actions?: ReactNode;
  children: (organization: { id: number; name: string }) => ReactNode;
}) {
  const organization = useCurrentOrganization();
  if (!props.ready) return <Skeleton lines={4} />;
  return (
    <section>
      <div className="ws-page-header">
        <h1>{props.title}</h1>
        {props.actions}
      </div>
      {organization.id === undefined || organization.name === undefined ? (
        <EmptyState title={props.t('dashboard.noOrganization')} />
      ) : (
        props.children({ id: organization.id, name: organization.name })
      )}
    </section>
  );
}
