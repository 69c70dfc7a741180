import { useId, useState } from 'react';
import { useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';

/** One bar of a chart: a category, how many chose it, and how many in the previous round. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  previous?: number;
}

/**
 * Counts as horizontal bars, each as long as its share of those who answered, with its count and share, and the
 * previous round's beside it (a second, hatched bar, so that the rounds differ by more than colour). The bars are
 * plain SVG in the design tokens' colours; the same figures are a table, which screen readers read (the drawing is
 * hidden from them) and anyone may show.
 */
export function BarChart(props: {
  t: WorkspaceT;
  caption: string;
  bars: Bar[];
  /** What the shares are of: the members who answered (this round and the previous one). */
  total: number;
  previousTotal?: number;
}) {
  const { t, bars } = props;
  const format = useFormat();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const hasPrevious = props.previousTotal !== undefined;
  // Bars are shares of those who answered, so that rounds with more or fewer answers compare.
  const width = (value: number, total: number | undefined) => (total ? (value / total) * 100 : 0);
  const share = (value: number, total: number | undefined) =>
    total ? new Intl.NumberFormat(format.language, { style: 'percent' }).format(value / total) : '–';
  const hatch = `${tableId.replace(/[^a-zA-Z0-9_-]/g, '')}-hatch`;
  return (
    <figure className="cp-chart">
      <figcaption className="visually-hidden">{props.caption}</figcaption>
      <div className="cp-bars" aria-hidden="true">
        {hasPrevious && (
          <p className="cp-chart-legend">
            <span className="cp-legend-item">
              <svg viewBox="0 0 16 10" width="16" height="10" aria-hidden="true">
                <rect className="cp-bar-current" width="16" height="10" />
              </svg>
              {t('campaigns.results.thisRound')}
            </span>
            <span className="cp-legend-item">
              <svg viewBox="0 0 16 10" width="16" height="10" aria-hidden="true">
                <defs>
                  <pattern id={`${hatch}-legend`} width="4" height="4" patternUnits="userSpaceOnUse">
                    <path d="M0 4L4 0" className="cp-bar-hatch" />
                  </pattern>
                </defs>
                <rect className="cp-bar-previous" width="16" height="10" />
                <rect width="16" height="10" fill={`url(#${hatch}-legend)`} />
              </svg>
              {t('campaigns.results.previousRound')}
            </span>
          </p>
        )}
        {bars.map((bar) => (
          <div key={bar.key} className="cp-bar-row">
            <span className="cp-bar-label">{bar.label}</span>
            <span className="cp-bar-track">
              <svg
                aria-hidden="true"
                className="cp-bar-svg"
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                height={hasPrevious ? 22 : 14}
              >
                {hasPrevious && (
                  <defs>
                    <pattern id={`${hatch}-${bar.key}`} width="2" height="4" patternUnits="userSpaceOnUse">
                      <path d="M0 4L2 0" className="cp-bar-hatch" />
                    </pattern>
                  </defs>
                )}
                <rect className="cp-bar-bg" x="0" y="0" width="100" height={hasPrevious ? 4.5 : 10} />
                <rect
                  className="cp-bar-current"
                  x="0"
                  y="0"
                  width={width(bar.value, props.total)}
                  height={hasPrevious ? 4.5 : 10}
                />
                {hasPrevious && (
                  <>
                    <rect
                      className="cp-bar-previous"
                      x="0"
                      y="5.5"
                      width={width(bar.previous ?? 0, props.previousTotal)}
                      height="4.5"
                    />
                    <rect
                      x="0"
                      y="5.5"
                      width={width(bar.previous ?? 0, props.previousTotal)}
                      height="4.5"
                      fill={`url(#${hatch}-${bar.key})`}
                    />
                  </>
                )}
              </svg>
            </span>
            <span className="cp-bar-value">
              <span>
                {format.number(bar.value)}{' '}
                <span className="cp-bar-share">({share(bar.value, props.total)})</span>
              </span>
              {hasPrevious && (
                <span className="cp-bar-previous-value">
                  {format.number(bar.previous ?? 0)} ({share(bar.previous ?? 0, props.previousTotal)})
                </span>
              )}
            </span>
          </div>
        ))}
      </div>
      <Button
        size="s"
        variant="quiet"
        aria-expanded={showTable}
        aria-controls={tableId}
        onPress={() => setShowTable((shown) => !shown)}
      >
        {showTable ? t('campaigns.results.hideTable') : t('campaigns.results.showTable')}
        <span className="visually-hidden">: {props.caption}</span>
      </Button>
      <section
        id={tableId}
        className={showTable ? 'cp-table-scroll' : 'visually-hidden'}
        aria-label={props.caption}
        tabIndex={showTable ? 0 : undefined}
      >
        <table className="cp-table">
          <caption className={showTable ? 'visually-hidden' : undefined}>{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('campaigns.results.answer')}</th>
              <th scope="col" className="cp-number">
                {t('campaigns.results.count')}
              </th>
              <th scope="col" className="cp-number">
                {t('campaigns.results.share')}
              </th>
              {hasPrevious && (
                <>
                  <th scope="col" className="cp-number">
                    {t('campaigns.results.previousCount')}
                  </th>
                  <th scope="col" className="cp-number">
                    {t('campaigns.results.previousShare')}
                  </th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row">{bar.label}</th>
                <td className="cp-number">{format.number(bar.value)}</td>
                <td className="cp-number">{share(bar.value, props.total)}</td>
                {hasPrevious && (
                  <>
                    <td className="cp-number">{format.number(bar.previous ?? 0)}</td>
                    <td className="cp-number">{share(bar.previous ?? 0, props.previousTotal)}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </figure>
  );
}
