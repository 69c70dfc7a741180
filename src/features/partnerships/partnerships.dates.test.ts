import { describe, expect, it } from 'vitest';
import { computeTieDates } from './partnerships.dates.ts';

const none = { startedOn: null, signedOn: null, endedOn: null, renewalOn: null };

describe('computed tie dates', () => {
  it('counts full years and finds the next anniversary', () => {
    expect(computeTieDates({ ...none, startedOn: '1998-05-20' }, '2020-12-07')).toEqual({
      years: 22,
      nextAnniversary: '2021-05-20',
      nextAnniversaryYears: 23,
      daysToRenewal: null,
    });
    expect(computeTieDates({ ...none, startedOn: '1998-05-20' }, '2026-05-20')).toMatchObject({
      years: 28,
      nextAnniversary: '2026-05-20',
      nextAnniversaryYears: 28,
    });
  });

  it('falls back to the signing date, and keeps 29 February in common years on the 28th', () => {
    expect(computeTieDates({ ...none, signedOn: '2000-02-29' }, '2023-01-01')).toMatchObject({
      years: 22,
      nextAnniversary: '2023-02-28',
      nextAnniversaryYears: 23,
    });
  });

  it('stops counting at the end, and counts down to renewal', () => {
    expect(
      computeTieDates({ ...none, startedOn: '2010-01-01', endedOn: '2015-06-30' }, '2026-11-25'),
    ).toEqual({
      years: 5,
      nextAnniversary: null,
      nextAnniversaryYears: null,
      daysToRenewal: null,
    });
    expect(computeTieDates({ ...none, renewalOn: '2026-12-05' }, '2026-11-25').daysToRenewal).toBe(10);
    expect(computeTieDates({ ...none, renewalOn: '2026-11-20' }, '2026-11-25').daysToRenewal).toBe(-5);
    expect(computeTieDates({ ...none, startedOn: '2030-01-01' }, '2026-11-25').years).toBeNull();
  });
});
