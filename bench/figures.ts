/**
 * What the in-process benchmarks share: percentiles, milliseconds as the tables print them, and running a benchmark
 * alone on PGlite and (when one answers) on a fresh database of the PostgreSQL server, printing one table.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/client.ts';
import { insertUser } from '../src/features/auth/auth.repo.ts';
import { createApiToken } from '../src/features/auth/auth.tokens.service.ts';
import { loadActor } from '../src/features/auth/auth.users.service.ts';

/** The p-th percentile (nearest rank) of some values. */
export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** The headers of a new administrator's API token in the benchmark's database, named after what it does. */
export async function benchAdminHeaders(database: Database, role: string): Promise<Record<string, string>> {
  const user = await insertUser(database.db, {
    email: `bench-${role}-${randomBytes(4).toString('hex')}@example.org`,
    name: `Bench ${role}`,
    isAdmin: true,
    passwordHash: null,
  });
  const { token } = await createApiToken(database.db, await loadActor(database.db, user, 'session'), 'bench');
  return { authorization: `Bearer ${token}` };
}

/** Milliseconds as the tables print them: two decimals under ten. */
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/**
 * Runs `rows` on PGlite (a fresh database, or a copy of `pgliteFrom`'s `db` folder) and on a fresh database of the
 * PostgreSQL server at DATABASE_URL (or the local one) when it answers, each migrated first (and prepared by
 * `prepare` when fresh), and prints the figures as one Markdown table.
 */
export async function printOnEngines(
  name: string,
  rows: (database: Database) => Promise<[string, string, string][]>,
  options: { pgliteFrom?: string; prepare?: (database: Database, engine: string) => Promise<void> } = {},
): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), `citybridge-bench-${name}-`));
  const lines: string[] = [];
  const run = async (engine: string, database: Database, fresh: boolean) => {
    try {
      await database.migrate();
      if (fresh) await options.prepare?.(database, engine);
      process.stderr.write(`${name} on ${engine}\n`);
      for (const [measure, figure, target] of await rows(database))
        lines.push(`| ${measure} | ${engine} | ${figure} | ${target} |`);
    } finally {
      await database.close();
    }
  };
  try {
    // A copy: a benchmark writes, which a kept data folder should not get.
    if (options.pgliteFrom)
      await cp(path.join(options.pgliteFrom, 'db'), path.join(work, 'db'), { recursive: true });
    await run(
      'PGlite',
      await openDatabase({ engine: 'pglite', dataDir: path.join(work, 'db') }),
      !options.pgliteFrom,
    );
    const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
    const reachable = await admin.connect().then(
      () => true,
      () => false,
    );
    if (reachable) {
      const database = `citybridge_bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`create database "${database}"`);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      try {
        await run('PostgreSQL', await openDatabase({ engine: 'postgres', url: url.toString() }), true);
      } finally {
        await admin.query(`drop database if exists "${database}" with (force)`);
      }
      await admin.end();
    } else {
      process.stderr.write('  PostgreSQL not reachable: its figures are left out\n');
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.stdout.write(`| measure | engine | figure | target |\n|---|---|---|---|\n${lines.join('\n')}\n`);
}
