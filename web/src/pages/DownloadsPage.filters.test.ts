import { describe, expect, it } from 'vitest';
import { exportFilterErrors } from './DownloadsPage.filters.ts';

describe('exportFilterErrors', () => {
  it('accepts no filters, years and dates in order', () => {
    expect(exportFilterErrors({})).toEqual({});
    expect(exportFilterErrors({ startedFrom: '1990', startedTo: '1990' })).toEqual({});
    expect(exportFilterErrors({ startedFrom: '1990-05-01', startedTo: '1990' })).toEqual({});
    expect(exportFilterErrors({ country: 'FI', partnerCountry: 'CN' })).toEqual({});
  });

  it('refuses what the API refuses', () => {
    expect(exportFilterErrors({ startedFrom: '2001', startedTo: '2000-12-31' })).toEqual({
      startedFrom: 'range',
    });
    expect(exportFilterErrors({ startedFrom: '199', startedTo: '2001-02-29' })).toEqual({
      startedFrom: 'date',
      startedTo: 'date',
    });
    expect(exportFilterErrors({ partnerCountry: 'CN' })).toEqual({ partnerCountry: 'partnerNeedsCountry' });
  });
});
