/** The statuses a tie can have (their names are the public texts' `status.*`). */
export const DEMO_STATUSES = ['active', 'dormant', 'proposed', 'suspended', 'ended'] as const;
type DemoStatus = (typeof DEMO_STATUSES)[number];

/** A made-up tie for the component gallery's table. */
export interface DemoTie {
  id: string;
  place: string;
  partner: string;
  country: string;
  status: DemoStatus;
  since: number;
  contacts: number;
  note: string;
}

const SYLLABLES = [
  'es',
  'po',
  'ja',
  'vä',
  'kyl',
  'hel',
  'sin',
  'ki',
  'tur',
  'ku',
  'ö',
  'sa',
  'lo',
  'rå',
  'ber',
  'gen',
  'shan',
  'hai',
  'ma',
  'ri',
];
const COUNTRIES = ['FI', 'SE', 'EE', 'CN', 'DE', 'JP', 'US', 'NO', 'FR', 'BR', 'IN', 'ZA'];
const STATUSES: DemoStatus[] = ['active', 'active', 'active', 'dormant', 'proposed', 'suspended', 'ended'];
const NOTES = [
  '',
  'Renewal talks in spring',
  'Youth exchange, "Arctic" theme',
  'Trade fair, CIIE',
  'Delegation; visit',
];

/** The same `count` rows every time (a seeded generator), names with ä, ö and å in them. */
export function demoTies(count: number): DemoTie[] {
  // mulberry32: small, fast, and the same sequence on every run.
  let seed = 20201201;
  const next = (range: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let value = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) % range;
  };
  const name = () => {
    const parts = 2 + next(2);
    let text = '';
    for (let i = 0; i < parts; i++) text += SYLLABLES[next(SYLLABLES.length)];
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  return Array.from({ length: count }, (_, index) => ({
    id: String(index + 1),
    place: name(),
    partner: name(),
    country: COUNTRIES[next(COUNTRIES.length)]!,
    status: STATUSES[next(STATUSES.length)]!,
    since: 1950 + next(75),
    contacts: next(40),
    note: NOTES[next(NOTES.length)]!,
  }));
}
