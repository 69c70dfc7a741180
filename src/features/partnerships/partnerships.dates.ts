/** Whole days between two dates (YYYY-MM-DD), `to` minus `from`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The date of a month and day in a year; 29 February falls on the 28th in other years. */
function onYear(year: number, monthDay: string): string {
  const date = `${year}-${monthDay}`;
  if (monthDay === '02-29' && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
    return `${year}-02-28`;
  return date;
}

export interface TieDates {
  startedOn: string | null;
  signedOn: string | null;
  endedOn: string | null;
  renewalOn: string | null;
}

/** Years of a tie, its next anniversary and the days to its renewal date, as of `today` (YYYY-MM-DD). */
export function computeTieDates(tie: TieDates, today: string) {
  const base = tie.startedOn ?? tie.signedOn;
  let years: number | null = null;
  let nextAnniversary: string | null = null;
  let nextAnniversaryYears: number | null = null;
  if (base && base <= today) {
    const baseYear = Number(base.slice(0, 4));
    const monthDay = base.slice(5);
    const thisYear = Number(today.slice(0, 4));
    const until = tie.endedOn && tie.endedOn < today ? tie.endedOn : today;
    const untilYear = Number(until.slice(0, 4));
    years = untilYear - baseYear - (onYear(untilYear, monthDay) > until ? 1 : 0);
    if (!tie.endedOn) {
      const candidate = onYear(thisYear, monthDay);
      const year = candidate >= today ? thisYear : thisYear + 1;
      nextAnniversary = onYear(year, monthDay);
      nextAnniversaryYears = year - baseYear;
    }
  }
  const daysToRenewal = tie.renewalOn && !tie.endedOn ? daysBetween(today, tie.renewalOn) : null;
  return { years, nextAnniversary, nextAnniversaryYears, daysToRenewal };
}
