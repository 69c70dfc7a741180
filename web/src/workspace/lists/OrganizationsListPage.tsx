import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type Organization, useOrganizations } from '../../api/organizations.ts';
import { countryName } from '../../format.ts';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { Skeleton } from '../../ui/states.tsx';
import { useWorkspaceTexts } from '../texts.ts';
import { RecordTable } from '../ui/RecordTable.tsx';

type Row = Pick<Organization, 'id' | 'name' | 'kind' | 'place'>;

/** The organisations the user may see: name, kind, place and country, each linking to its page. */
export function OrganizationsListPage() {
  const { t, ready } = useWorkspaceTexts();
  const { i18n } = useTranslation();
  const organizations = useOrganizations();
  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      {
        id: 'name',
        header: t('lists.name'),
        value: (row) => row.name,
        cell: (row) => (
          <Link href={`/organizations/${row.id}`} variant="standalone">
            {row.name}
          </Link>
        ),
        filter: 'text',
        required: true,
      },
      {
        id: 'kind',
        header: t('lists.kind'),
        value: (row) => t(`orgKind.${row.kind}`),
        filter: choiceFilter(ORGANIZATION_KINDS, (kind) => t(`orgKind.${kind}`)),
      },
      { id: 'place', header: t('lists.place'), value: (row) => row.place?.name },
      {
        id: 'country',
        header: t('lists.country'),
        value: (row) => (row.place ? countryName(row.place.country, i18n.language) : undefined),
        filter: 'text',
      },
    ],
    [t, i18n.language],
  );
  if (!ready) return <Skeleton lines={4} />;
  return (
    <section>
      <div className="ws-page-header">
        <h1>{t('shell.organizations')}</h1>
      </div>
      <RecordTable
        caption={t('lists.organizationsCaption')}
        query={organizations}
        rows={organizations.data?.items}
        columns={columns}
        urlPrefix="organizations"
        fileName="citybridge-organisations"
        defaultSort={[{ id: 'name', desc: false }]}
        empty={{ title: t('lists.organizationsEmpty'), hint: t('lists.organizationsEmptyHint') }}
      />
    </section>
  );
}
