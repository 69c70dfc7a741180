import type { ReactNode } from 'react';
import './DescriptionList.css';

export interface DescriptionItem {
  /** A stable key (the label when it is unique). */
  id?: string;
  label: ReactNode;
  value: ReactNode;
}

/**
 * A record's facts: label and value side by side on a wide screen, the label above its value on a narrow one.
 * Items whose value is null or undefined are left out.
 */
export function DescriptionList({ items, className }: { items: DescriptionItem[]; className?: string }) {
  return (
    <dl className={className ? `cb-description-list ${className}` : 'cb-description-list'}>
      {items
        .filter((item) => item.value !== null && item.value !== undefined && item.value !== false)
        .map((item, index) => (
          <div key={item.id ?? (typeof item.label === 'string' ? item.label : index)} className="cb-dl-item">
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
    </dl>
  );
}
