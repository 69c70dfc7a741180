import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/auth.ts';
import {
  DUPLICATE_STATUSES,
  type DuplicateStatus,
  duplicateKeys,
  type PlaceDuplicateScan,
  useDuplicateCounts,
  usePlaceDuplicates,
  useScanDuplicates,
} from '../../api/duplicates.ts';
import { Button } from '../../ui/Button.tsx';
import { ChevronLeftIcon, ChevronRightIcon } from '../../ui/icons.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { Tab, TabList, TabPanel, Tabs } from '../../ui/Tabs.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { ActionButton, failureText } from '../ui/failure.tsx';
import { PairCard } from './PairCard.tsx';
import './duplicates.css';

/** Pairs on a page: each is a card of two places, so fewer than a table's rows. */
const PAGE_SIZE = 20;

const isStatus = (value: unknown): value is DuplicateStatus =>
  (DUPLICATE_STATUSES as readonly unknown[]).includes(value);

/** What a run of the finder did, in words. */
function scanText(t: WorkspaceT, numbers: Intl.NumberFormat, counts: PlaceDuplicateScan): string {
  return t('duplicates.scan.counts', {
    merged: numbers.format(counts.merged),
    pending: numbers.format(counts.pending),
    keptApart: numbers.format(counts.keptApart),
    tiesChanged: numbers.format(counts.tiesChanged),
  });
}

/** The finder run by hand: what it merged and queued is said in a toast, and stays written under the button. */
function ScanPanel({ t }: { t: WorkspaceT }) {
  const { i18n } = useTranslation();
  const numbers = new Intl.NumberFormat(i18n.language);
  const scan = useScanDuplicates();
  const [last, setLast] = useState<PlaceDuplicateScan | null>(null);
  const headingId = useId();
  return (
    <section className="panel dp-scan" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('duplicates.scan.heading')}</h2>
      <p className="cb-description">{t('duplicates.scan.hint')}</p>
      <p className="dp-scan-action">
        <ActionButton
          variant="primary"
          onPress={async () => {
            const counts = await scan.mutateAsync();
            setLast(counts);
            return counts;
          }}
          success={(counts) => ({
            title: t('duplicates.scan.done'),
            description: scanText(t, numbers, counts),
            tone: 'success',
          })}
        >
          {t('duplicates.scan.run')}
        </ActionButton>
      </p>
      {last && (
        <p className="dp-scan-result">
          <strong>{t('duplicates.scan.last')}</strong> {scanText(t, numbers, last)}
        </p>
      )}
    </section>
  );
}

/**
 * One status's pairs, a page at a time (nearest first, as the API orders them). When a decision takes a pair out of
 * the list, the focus goes to the pair that took its place, so a keyboard can work down the queue.
 */
function PairList(props: {
  t: WorkspaceT;
  status: DuplicateStatus;
  page: number;
  /** The status's count, for the pages; undefined while it loads. */
  total: number | undefined;
  onPage: (page: number) => void;
}) {
  const { t, status, page, total, onPage } = props;
  const { t: common, i18n } = useTranslation();
  const numbers = new Intl.NumberFormat(i18n.language);
  const client = useQueryClient();
  const list = usePlaceDuplicates(status, page * PAGE_SIZE, PAGE_SIZE, true);
  const [notice, setNotice] = useState<string | null>(null);
  // Which pair of which page takes the focus once that page is shown (after a decision, or paging).
  const [focusAt, setFocusAt] = useState<{ page: number; index: number } | null>(null);
  const headings = useRef<(HTMLHeadingElement | null)[]>([]);
  const top = useRef<HTMLDivElement>(null);
  const items = list.data?.items ?? [];
  const fetching = list.isFetching || list.isPlaceholderData;

  // A page past the end (its last pair decided, an old link) shows the last page.
  const emptyPage = !fetching && list.data !== undefined && list.data.items.length === 0 && page > 0;
  const lastPage = total === undefined ? null : Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  useEffect(() => {
    if (emptyPage && lastPage !== null && lastPage !== page) onPage(lastPage);
  }, [emptyPage, lastPage, page, onPage]);

  useEffect(() => {
    if (focusAt === null || fetching) return;
    if (focusAt.page === page) {
      const heading = items.length > 0 ? headings.current[Math.min(focusAt.index, items.length - 1)] : null;
      (heading ?? top.current)?.focus();
    } else if (lastPage === null || focusAt.page <= lastPage || page !== lastPage) {
      // Still on the way to that page.
      return;
    } else {
      // That page has emptied: the top of the last one takes the focus instead.
      top.current?.focus();
    }
    setFocusAt(null);
  }, [focusAt, fetching, page, lastPage, items.length]);

  if (list.isPending) return <Skeleton variant="table" lines={6} label={t('duplicates.loading')} />;
  if (list.isError)
    return <ErrorState message={failureText(t, list.error)} onRetry={() => void list.refetch()} />;

  const shownTotal = list.data.total || total || 0;
  const pages = Math.max(1, Math.ceil(shownTotal / PAGE_SIZE));
  const go = (next: number) => {
    onPage(next);
    setFocusAt({ page: next, index: 0 });
  };

  return (
    <div className="dp-list-view">
      {notice && (
        <p role="alert" className="form-error dp-notice">
          {notice}
        </p>
      )}
      <div ref={top} tabIndex={-1} className="dp-list-top">
        {items.length === 0 ? (
          <EmptyState
            title={t(`duplicates.empty.${status}`)}
            description={status === 'pending' ? t('duplicates.empty.pendingHint') : undefined}
          />
        ) : (
          <p className="dp-range">
            {shownTotal === 1
              ? t('duplicates.rangeOne')
              : t('duplicates.range', {
                  from: numbers.format(page * PAGE_SIZE + 1),
                  to: numbers.format(page * PAGE_SIZE + items.length),
                  total: numbers.format(shownTotal),
                })}
          </p>
        )}
      </div>
      {items.length > 0 && (
        <ol className="dp-list">
          {items.map((pair, index) => (
            <li key={pair.id}>
              <PairCard
                t={t}
                pair={pair}
                headingRef={(element) => {
                  headings.current[index] = element;
                }}
                onDecided={() => {
                  setNotice(null);
                  setFocusAt({ page, index });
                }}
                onConflict={() => {
                  setNotice(t('duplicates.decidedAlready'));
                  void client.invalidateQueries({ queryKey: duplicateKeys.all });
                  setFocusAt({ page, index });
                }}
              />
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav className="dp-pager" aria-label={t('duplicates.pagination')}>
          <Button variant="secondary" size="s" isDisabled={page === 0} onPress={() => go(page - 1)}>
            <ChevronLeftIcon />
            {common('ui.table.previousPage')}
          </Button>
          <span className="dp-pager-position">
            {common('ui.table.page', {
              page: numbers.format(Math.min(page, pages - 1) + 1),
              pages: numbers.format(pages),
            })}
          </span>
          <Button variant="secondary" size="s" isDisabled={page >= pages - 1} onPress={() => go(page + 1)}>
            {common('ui.table.nextPage')}
            <ChevronRightIcon />
          </Button>
        </nav>
      )}
    </div>
  );
}

/**
 * The review queue of duplicate places, for administrators: the pairs the duplicate finder could not be sure of,
 * each with both places side by side, to merge into the one that should stay or to mark as two places; the pairs
 * merged (undoable) and those marked "not the same"; and a run of the finder on demand. The status and page are in
 * the address (?status=merged&page=2).
 */
export function DuplicatesPage() {
  const { t, ready } = useWorkspaceTexts();
  const { i18n } = useTranslation();
  const session = useSession();
  const isAdmin = !!session.data?.user?.isAdmin;
  const counts = useDuplicateCounts(isAdmin);
  const [params, setParams] = useSearchParams();
  const queueHeading = useId();
  const asked = params.get('status');
  const status: DuplicateStatus = isStatus(asked) ? asked : 'pending';
  const page = Math.max(0, (Number.parseInt(params.get('page') ?? '1', 10) || 1) - 1);
  const numbers = new Intl.NumberFormat(i18n.language);

  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  if (!isAdmin) return <p role="alert">403</p>;

  const show = (next: DuplicateStatus, nextPage = 0) =>
    setParams(
      {
        ...(next === 'pending' ? {} : { status: next }),
        ...(nextPage > 0 ? { page: String(nextPage + 1) } : {}),
      },
      { preventScrollReset: true },
    );

  return (
    <section>
      <h1>{t('duplicates.title')}</h1>
      <p>{t('duplicates.intro')}</p>
      <ScanPanel t={t} />
      <section className="panel dp-queue" aria-labelledby={queueHeading}>
        <h2 id={queueHeading}>{t('duplicates.queue')}</h2>
        <Tabs
          selectedKey={status}
          onSelectionChange={(key: Key) => {
            if (isStatus(key) && key !== status) show(key);
          }}
        >
          <TabList aria-label={t('duplicates.statuses')}>
            {DUPLICATE_STATUSES.map((id) => {
              const count = counts[id];
              const label = t(`duplicates.status.${id}`);
              return (
                <Tab key={id} id={id}>
                  {count === undefined
                    ? label
                    : t('duplicates.tab', { status: label, count: numbers.format(count) })}
                </Tab>
              );
            })}
          </TabList>
          {DUPLICATE_STATUSES.map((id) => (
            <TabPanel key={id} id={id}>
              <PairList
                t={t}
                status={id}
                page={id === status ? page : 0}
                total={counts[id]}
                onPage={(next) => show(id, next)}
              />
            </TabPanel>
          ))}
        </Tabs>
      </section>
    </section>
  );
}
