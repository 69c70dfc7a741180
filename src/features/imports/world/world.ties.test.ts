import { describe, expect, it } from 'vitest';
import { makePlanBuilder, sourceRows } from '../../../../test/helpers/world.ts';
import type { WikipediaPair } from './world.reader.ts';
import { addWikidataTies, addWikipediaTies, recordKeyer } from './world.ties.ts';
import type { LabelResolver } from './world.wikipedia.ts';

describe('recordKeyer', () => {
  it('numbers the repeats of a record key from the second on', () => {
    const keyOf = recordKeyer();
    expect(['a', 'b', 'a', 'a', 'b'].map(keyOf)).toEqual(['a', 'b', 'a#2', 'a#3', 'b#2']);
  });
});

describe('addWikidataTies', () => {
  it('makes one tie per pair of known cities, keeping every row, and reports the rows it cannot use', () => {
    const plan = makePlanBuilder({ wikidata: 5 });
    for (const key of ['Q1', 'Q2', 'Q3']) plan.newPlace(key, 'municipality', key, 'FI');
    addWikidataTies(
      plan,
      sourceRows(
        { source: 'Q1', target: 'Q2' },
        { source: 'Q2', target: 'Q1' },
        { source: 'Q1', target: 'Q9' },
        { source: 'Q3', target: 'Q3' },
        { source: 'Q1', target: 'Q2' },
      ),
    );
    const result = plan.finish();
    expect(result.ties).toEqual([
      {
        placeKeys: ['Q1', 'Q2'],
        records: [
          { source: 'wikidata', recordKey: 'Q1\tQ2', raw: { line: 2, source: 'Q1', target: 'Q2' } },
          { source: 'wikidata', recordKey: 'Q2\tQ1', raw: { line: 3, source: 'Q2', target: 'Q1' } },
          { source: 'wikidata', recordKey: 'Q1\tQ2#2', raw: { line: 6, source: 'Q1', target: 'Q2' } },
        ],
      },
    ]);
    expect(result.mergedRows).toBe(2);
    expect(result.places.map((place) => place.key)).toEqual(['Q1', 'Q2']);
    expect(result.unresolved).toEqual([
      {
        source: 'wikidata',
        line: 4,
        row: { source: 'Q1', target: 'Q9' },
        reason: 'not among the Wikidata cities: Q9',
      },
      {
        source: 'wikidata',
        line: 5,
        row: { source: 'Q3', target: 'Q3' },
        reason: 'both ends are the same place',
      },
    ]);
    expect(result.counts.wikidata).toEqual({ rowsRead: 5, rowsResolved: 3, rowsUnresolved: 2 });
  });
});

describe('addWikipediaTies', () => {
  const resolutions: Record<string, ReturnType<LabelResolver>> = {
    'Espoo|Finland': { key: 'Q1' },
    'Esbo|Finland': { key: 'Q1' },
    'Kristianstad|Sweden': { key: 'G2' },
    'Nowhere|Atlantis': { error: 'unknown country label "Atlantis"' },
    ' |Finland': { error: 'empty place name' },
  };
  const resolveLabel: LabelResolver = (city, country) => resolutions[`${city}|${country}`]!;
  const row = (city1: string, country1: string, city2: string, country2: string): WikipediaPair => ({
    city1,
    country1,
    city2,
    country2,
  });
  /** The finished plan after adding the ties of these rows to a plan that knows these municipalities. */
  const planWithTies = (places: [key: string, name: string, country: string][], ...rows: WikipediaPair[]) => {
    const plan = makePlanBuilder({ wikipedia: rows.length });
    for (const [key, name, country] of places) plan.newPlace(key, 'municipality', name, country);
    addWikipediaTies(plan, sourceRows(...rows), resolveLabel);
    return plan.finish();
  };

  it('merges rows naming the same pair, by any label and in either order, into one tie', () => {
    const result = planWithTies(
      [
        ['Q1', 'Espoo', 'FI'],
        ['G2', 'Kristianstad', 'SE'],
      ],
      row('Espoo', 'Finland', 'Kristianstad', 'Sweden'),
      row('Kristianstad', 'Sweden', 'Esbo', 'Finland'),
      row('Espoo', 'Finland', 'Kristianstad', 'Sweden'),
    );
    expect(result.ties).toHaveLength(1);
    expect(result.ties[0]!.placeKeys).toEqual(['G2', 'Q1']);
    expect(result.ties[0]!.records.map((record) => record.recordKey)).toEqual([
      'Espoo|Finland|Kristianstad|Sweden',
      'Kristianstad|Sweden|Esbo|Finland',
      'Espoo|Finland|Kristianstad|Sweden#2',
    ]);
    expect(result.ties[0]!.records[1]!.raw).toEqual({
      line: 3,
      city1: 'Kristianstad',
      country1: 'Sweden',
      city2: 'Esbo',
      country2: 'Finland',
    });
    expect(result.mergedRows).toBe(2);
    expect(result.counts.wikipedia).toEqual({ rowsRead: 3, rowsResolved: 3, rowsUnresolved: 0 });
  });

  it('reports rows with an end it cannot resolve, with every reason, and rows whose ends are one place', () => {
    const result = planWithTies(
      [['Q1', 'Espoo', 'FI']],
      row('Espoo', 'Finland', 'Nowhere', 'Atlantis'),
      row(' ', 'Finland', 'Nowhere', 'Atlantis'),
      row('Espoo', 'Finland', 'Esbo', 'Finland'),
    );
    expect(result.ties).toEqual([]);
    expect(result.places).toEqual([]);
    expect(result.unresolved.map((entry) => [entry.line, entry.reason])).toEqual([
      [2, 'unknown country label "Atlantis"'],
      [3, 'empty place name; unknown country label "Atlantis"'],
      [4, 'both ends resolve to the same place'],
    ]);
    expect(result.counts.wikipedia).toEqual({ rowsRead: 3, rowsResolved: 0, rowsUnresolved: 3 });
  });
});
