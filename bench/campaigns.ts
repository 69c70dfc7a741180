/**
 * Campaigns: the results of a campaign of 300 members × 50 questions (with a previous round of the same size to
 * compare with), its XLSX export, and autosave (one answer saved at a time, as a member types) p95; through the
 * app's own routes, in process, on the engine given. `npx tsx bench/campaigns.ts` runs these alone on PGlite and
 * (when it answers) PostgreSQL, each on a fresh database; `npm run bench` runs them with the rest.
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { queryRows } from '../src/db/query.ts';
import { insertUser, setMembership } from '../src/features/auth/auth.repo.ts';
import { createApiToken } from '../src/features/auth/auth.tokens.service.ts';
import { loadActor } from '../src/features/auth/auth.users.service.ts';
import { ms, percentile, printOnEngines } from './figures.ts';

const MEMBERS = 300;
const QUESTIONS = 50;

export interface CampaignFigures {
  resultsMedian: number;
  resultsP95: number;
  xlsxMedian: number;
  autosaveP50: number;
  autosaveP95: number;
}

const text = (value: string) => ({ fi: `${value} (fi)`, sv: `${value} (sv)`, en: value });
const options = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ key: `o${index}`, label: text(`Option ${index}`) }));

/** Fifty questions of every kind a survey has, in five sections; the one group has four fields. */
export function benchDefinition() {
  const kinds = [
    ...Array.from({ length: 10 }, () => 'single_choice'),
    ...Array.from({ length: 8 }, () => 'multiple_choice'),
    ...Array.from({ length: 8 }, () => 'scale'),
    ...Array.from({ length: 8 }, () => 'number'),
    ...Array.from({ length: 6 }, () => 'yes_no'),
    ...Array.from({ length: 5 }, () => 'short_text'),
    ...Array.from({ length: 3 }, () => 'long_text'),
    'date',
    'repeatable_group',
  ];
  const questions = kinds.map((type, index) => {
    const base = { key: `q${index}`, label: text(`Question ${index}`), required: index % 3 === 0 };
    switch (type) {
      case 'single_choice':
      case 'multiple_choice':
        return { ...base, type, options: options(5) };
      case 'scale':
        return { ...base, type, min: 1, max: 5 };
      case 'number':
        return { ...base, type, min: 0 };
      case 'repeatable_group':
        return {
          ...base,
          type,
          fields: [
            { key: 'name', type: 'short_text', label: text('Name'), required: true },
            { key: 'theme', type: 'single_choice', label: text('Theme'), options: options(4) },
            { key: 'starts_on', type: 'date', label: text('Start') },
            { key: 'budget', type: 'number', label: text('Budget'), min: 0 },
          ],
        };
      default:
        return { ...base, type };
    }
  });
  if (questions.length !== QUESTIONS) throw new Error(`${QUESTIONS} questions expected`);
  return {
    sections: Array.from({ length: 5 }, (_, section) => ({
      key: `s${section}`,
      title: text(`Section ${section}`),
      questions: questions.slice(section * 10, section * 10 + 10),
    })),
  };
}

/** A deterministic answer of member `m` to question `q`, of the question's type. */
export function answerOf(question: { type: string }, m: number, q: number): unknown {
  const n = (m * 31 + q * 17) % 97;
  switch (question.type) {
    case 'single_choice':
      return `o${n % 5}`;
    case 'multiple_choice':
      return [`o${n % 5}`, `o${(n + 2) % 5}`];
    case 'scale':
      return 1 + (n % 5);
    case 'number':
      return n * 13;
    case 'yes_no':
      return n % 2 === 0;
    case 'short_text':
      return `Answer ${n} of member ${m}`;
    case 'long_text':
      return `A longer answer of member ${m} to question ${q}, about the cooperation's plans and needs. `.repeat(
        3,
      );
    case 'date':
      return `2021-0${1 + (n % 9)}-1${n % 9}`;
    default:
      return Array.from({ length: 1 + (n % 3) }, (_, row) => ({
        name: `Project ${row} of member ${m}`,
        theme: `o${row % 4}`,
        starts_on: '2021-05-01',
        budget: 1000 * (row + 1),
      }));
  }
}

export async function campaignBenchmarks(database: Database): Promise<CampaignFigures> {
  const app = await buildApp({ database });
  await app.ready();
  const db = database.db;
  try {
    const suffix = randomBytes(4).toString('hex');
    const [secretariat] = await queryRows<{ id: number }>(
      db,
      sql`insert into organizations (kind, name) values ('network_secretariat', ${`Bench secretariat ${suffix}`}) returning id`,
    );
    const [network] = await queryRows<{ id: number }>(
      db,
      sql`insert into networks (kind, name, secretariat_id) values ('network', '{"en": "Bench network"}'::jsonb, ${secretariat!.id})
          returning id`,
    );
    const [group] = await queryRows<{ id: number }>(
      db,
      sql`insert into networks (kind, parent_id, name, country_code)
          values ('working_group', ${network!.id}, '{"en": "Bench group"}'::jsonb, 'CN') returning id`,
    );
    // 300 member cities, each with its government.
    const members = await queryRows<{ id: number; placeId: number }>(
      db,
      sql`with made as (
            insert into places (name, country, lat, lng)
            select 'Bench city ' || n || ' ' || ${suffix}, 'FI', 60 + n / 1000.0, 24 + n / 1000.0 from generate_series(1, ${MEMBERS}) n
            returning id, name
          ), members as (
            insert into network_members (network_id, place_id) select ${group!.id}, id from made returning place_id
          )
          insert into organizations (kind, name, place_id)
          select 'city_government', 'City of ' || name, id from made
          returning id, place_id as "placeId"`,
    );

    const coordinator = await insertUser(db, {
      email: `bench-coordinator-${suffix}@example.org`,
      name: 'Bench coordinator',
      isAdmin: false,
      passwordHash: null,
    });
    await setMembership(db, coordinator.id, secretariat!.id, 'editor');
    const member = await insertUser(db, {
      email: `bench-member-${suffix}@example.org`,
      name: 'Bench member',
      isAdmin: false,
      passwordHash: null,
    });
    const answering = members[0]!.id;
    await setMembership(db, member.id, answering, 'editor');
    const bearer = async (user: typeof coordinator) => ({
      authorization: `Bearer ${(await createApiToken(db, await loadActor(db, user, 'session'), 'bench')).token}`,
    });
    const coordinating = await bearer(coordinator);
    const editing = await bearer(member);
    const call = async (
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      headers: Record<string, string>,
      payload?: object,
    ) => {
      const response = await app.inject({ method, url, headers, payload });
      if (response.statusCode >= 300)
        throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
      return response;
    };

    const definition = benchDefinition();
    const questions = definition.sections.flatMap((section) => section.questions);
    const makeRound = async (title: string, previousId: number | null) => {
      const created = (
        await call('POST', '/api/campaigns', coordinating, {
          networkId: group!.id,
          previousId,
          title: text(title),
          definition,
        })
      ).json() as { id: number; version: number };
      await call('POST', `/api/campaigns/${created.id}/open`, coordinating, { version: created.version });
      return created.id;
    };
    /** Every member submitted, every question answered: written straight to the database (the reads are measured). */
    const fill = async (campaignId: number, round: number) => {
      const responses = await queryRows<{ id: number; organizationId: number }>(
        db,
        sql`insert into campaign_responses (campaign_id, organization_id, status, submitted_at)
            select ${campaignId}, id, 'submitted', now() from organizations
            where id in (${sql.join(
              members.map((row) => sql`${row.id}`),
              sql`, `,
            )})
            returning id, organization_id as "organizationId"`,
      );
      const values = responses.flatMap((response, m) =>
        questions.map(
          (question, q) =>
            sql`(${response.id}, ${question.key}, ${JSON.stringify(answerOf(question, m + round, q))}::jsonb)`,
        ),
      );
      for (let start = 0; start < values.length; start += 1000) {
        await db.execute(
          sql`insert into campaign_answers (response_id, question_key, value) values ${sql.join(values.slice(start, start + 1000), sql`, `)}`,
        );
      }
    };
    const previous = await makeRound('Bench round 1', null);
    await fill(previous, 1);
    const current = await makeRound('Bench round 2', previous);
    await fill(current, 2);
    // Statistics after the bulk load, as an import takes them: PGlite runs no autovacuum.
    await db.execute(
      sql`analyze organizations, places, network_members, campaign_responses, campaign_answers`,
    );

    const timed = async (url: string, runs: number, check: (body: string) => void) => {
      for (let run = 0; run < 3; run += 1) await call('GET', url, coordinating); // warm-up
      const times: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        const response = await call('GET', url, coordinating);
        times.push(performance.now() - started);
        check(response.body);
      }
      return times;
    };
    const results = await timed(`/api/campaigns/${current}/results`, 15, (body) => {
      const parsed = JSON.parse(body) as { submitted: number; questions: unknown[] };
      if (parsed.submitted !== MEMBERS || parsed.questions.length !== QUESTIONS)
        throw new Error('unexpected results');
    });
    const xlsx = await timed(`/api/campaigns/${current}/results.xlsx`, 5, () => {});

    // Autosave: one member's editor saves answers one at a time, each from the version it last saw.
    const autosaveCampaign = await makeRound('Bench autosave', null);
    const base = `/api/campaigns/${autosaveCampaign}/responses/${answering}`;
    await call('GET', base, editing);
    const versions = new Map<string, number>();
    const saves: number[] = [];
    for (let index = 0; index < 320; index += 1) {
      const question = questions[index % (QUESTIONS - 1)]!;
      const version = versions.get(question.key) ?? 0;
      const started = performance.now();
      const response = await call('PUT', `${base}/answers/${question.key}`, editing, {
        value: answerOf(question, index, index % QUESTIONS),
        version,
      });
      const elapsed = performance.now() - started;
      versions.set(question.key, (response.json() as { version: number }).version);
      if (index >= 20) saves.push(elapsed); // the first twenty warm up
    }
    return {
      resultsMedian: percentile(results, 50),
      resultsP95: percentile(results, 95),
      xlsxMedian: percentile(xlsx, 50),
      autosaveP50: percentile(saves, 50),
      autosaveP95: percentile(saves, 95),
    };
  } finally {
    await app.close();
  }
}

/** The figures as `npm run bench` prints them. */
export function campaignRows(figures: CampaignFigures): [string, string, string][] {
  return [
    [
      `campaign results, ${MEMBERS} members × ${QUESTIONS} questions, with the previous round (median / p95 of 15)`,
      `${ms(figures.resultsMedian)} / ${ms(figures.resultsP95)}`,
      '≤ 300 ms on PGlite',
    ],
    ['campaign results as XLSX, the same campaign (median of 5)', ms(figures.xlsxMedian), '—'],
    [
      'campaign autosave, one answer saved (p50 / p95 of 300)',
      `${ms(figures.autosaveP50)} / ${ms(figures.autosaveP95)}`,
      'p95 ≤ 30 ms on PGlite',
    ],
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await printOnEngines('Campaigns', async (database) => campaignRows(await campaignBenchmarks(database)));
