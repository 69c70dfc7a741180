import { describe, expect, it } from 'vitest';
import { ReconcileReport } from './world.report.ts';

describe('ReconcileReport', () => {
  it('counts resolved and unresolved rows per source, and keeps the unresolved rows with their reasons', () => {
    const report = new ReconcileReport({ wikidata: 2, wikipedia: 3, finnishMunicipalities: 1 });
    report.resolveRow('wikidata');
    report.failRow({ source: 'wikidata', line: 3, row: { source: 'Q1' }, reason: 'why' });
    report.resolveRow('wikipedia');
    report.resolveRow('wikipedia');
    report.failRow({ source: 'finnishMunicipalities', line: 2, row: {}, reason: 'malformed row' });
    expect(report.counts).toEqual({
      wikidata: { rowsRead: 2, rowsResolved: 1, rowsUnresolved: 1 },
      wikipedia: { rowsRead: 3, rowsResolved: 2, rowsUnresolved: 0 },
      finnishMunicipalities: { rowsRead: 1, rowsResolved: 0, rowsUnresolved: 1 },
    });
    expect(report.unresolved.map((entry) => [entry.source, entry.line, entry.reason])).toEqual([
      ['wikidata', 3, 'why'],
      ['finnishMunicipalities', 2, 'malformed row'],
    ]);
  });

  it('keeps ambiguities and corrections in the order they were found', () => {
    const report = new ReconcileReport({ wikidata: 0, wikipedia: 0, finnishMunicipalities: 0 });
    const ambiguity = {
      label: 'Portland',
      country: 'US',
      chosen: 'Q1',
      candidates: ['Q1', 'Q2'],
      reason: 'r',
    };
    report.addAmbiguity(ambiguity);
    report.addCorrection({ place: 'Narva (Q1)', field: 'country', from: 'RU', to: 'EE', reason: 'a' });
    report.addCorrection({ place: 'Perth, GB', field: 'coordinates', from: null, to: null, reason: 'b' });
    expect(report.ambiguous).toEqual([ambiguity]);
    expect(report.corrections.map((entry) => entry.reason)).toEqual(['a', 'b']);
  });
});
