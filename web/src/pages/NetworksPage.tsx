import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type NetworkListItem, useNetworkList } from '../api/networks.ts';
import { useFormat } from '../format.ts';
import { choiceFilter, type DataColumn, DataTable } from '../ui/DataTable.tsx';
import { Link } from '../ui/Link.tsx';
import { EmptyState } from '../ui/states.tsx';
import { pickText } from './EventPage.localized.ts';

interface Row {
  item: NetworkListItem;
  name: string;
  network: string;
  kind: string;
  theme: string;
  country: string;
  members: number;
}

/** Every network and working group the reader may read, each linking to its page. */
export function NetworksPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const list = useNetworkList({});
  const columns = useMemo<DataColumn<Row>[]>(
    () => [
      {
        id: 'name',
        header: t('networks.name'),
        value: (row) => row.name,
        cell: (row) => (
          <Link href={`/networks/${row.item.id}`} variant="standalone">
            {row.name}
          </Link>
        ),
        filter: 'text',
        required: true,
      },
      {
        id: 'kind',
        header: t('networks.kindLabel'),
        value: (row) => row.kind,
        filter: choiceFilter([t('networks.kind.network'), t('networks.kind.working_group')], (kind) => kind),
      },
      { id: 'network', header: t('networks.network'), value: (row) => row.network },
      { id: 'theme', header: t('networks.theme'), value: (row) => row.theme },
      { id: 'country', header: t('networks.country'), value: (row) => row.country, hidden: true },
      { id: 'members', header: t('networks.members'), value: (row) => row.members, numeric: true },
    ],
    [t],
  );
  const items = list.data?.items ?? [];
  const names = new Map(
    items.map((item) => [item.id, pickText(item.name, i18n.language)?.text ?? item.shortName ?? '']),
  );
  const rows: Row[] = items.map((item) => ({
    item,
    name: names.get(item.id) ?? '',
    network: item.parentId !== null ? (names.get(item.parentId) ?? '') : '',
    kind: t(`networks.kind.${item.kind}`),
    theme: pickText(item.theme, i18n.language)?.text ?? '',
    country: item.countryCode ? format.country(item.countryCode) : '',
    members: item.memberCount,
  }));
  return (
    <section className="page">
      <h1>{t('networks.title')}</h1>
      <p>{t('networks.intro')}</p>
      <DataTable
        caption={t('networks.caption')}
        rows={rows}
        columns={columns}
        rowId={(row) => String(row.item.id)}
        urlPrefix="networks"
        fileName="citybridge-networks"
        isLoading={list.isPending}
        error={list.isError ? t('networks.listError') : undefined}
        onRetry={() => void list.refetch()}
        emptyState={<EmptyState title={t('networks.empty')} description={t('networks.emptyHint')} />}
      />
    </section>
  );
}
